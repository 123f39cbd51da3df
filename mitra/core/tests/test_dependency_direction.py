"""The dependency direction of conventions.md §3.2, checked by reading the imports (ast).

- `mitra.core` and `mitra.audit` import no domain app;
- no domain app imports the outer apps (`portal`, `api`, `intake`, `demo`).
Tests and migrations are not application code and are skipped. So are the imports under
`if TYPE_CHECKING:` (import-linter's `exclude_type_checking_imports`): they exist for mypy only,
and the one test on them below keeps them to lower layers or the user model.

The whole direction is import-linter's (`.importlinter`, run by `make lint`); the tests at the end
keep that file, docs/dev/architecture.md and the list of apps in step.
"""

import ast
import configparser
import re
from pathlib import Path

import pytest
from django.conf import settings

MITRA = Path(settings.BASE_DIR) / "mitra"
DOMAIN = {
    "accounts", "regions", "bodies", "organizations", "agreements", "grants",
    "deadlines", "meetings", "permits", "sanctions", "workplans", "monitoring", "notifications",
}  # fmt: skip
OUTER = {"portal", "api", "intake", "demo"}
RULES = {
    "core": DOMAIN | OUTER | {"audit", "dashboard", "jobs"},
    "audit": DOMAIN | OUTER | {"dashboard", "jobs"},
    **dict.fromkeys(DOMAIN, OUTER),
    # The notifications app sits under every app that sends through it: it knows users and the
    # register of bodies (to resolve recipients), never the apps whose events it carries.
    "notifications": (DOMAIN - {"accounts", "bodies", "regions", "organizations", "notifications"})
    | OUTER
    | {"dashboard"},
    # Jobs run other apps' work through the kinds they register; they import only users, the
    # audit trail and core (docs/dev/jobs.md).
    "jobs": (DOMAIN - {"accounts"}) | OUTER | {"dashboard"},
}
# Known exceptions, documented in docs/dev/architecture.md ("Two known exceptions"): a command
# that is never imported by other code. Anything else added here needs the same justification.
EXCEPTIONS = {"mitra/core/management/commands/load_reference.py"}


def _names_type_checking(test: ast.expr) -> bool:
    """The condition `TYPE_CHECKING` or `typing.TYPE_CHECKING`."""
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _import_nodes(tree: ast.AST, *, type_checking: bool) -> list[ast.Import | ast.ImportFrom]:
    """The imports outside `if TYPE_CHECKING:` blocks, or (`type_checking`) only those inside."""
    found: list[ast.Import | ast.ImportFrom] = []

    def visit(node: ast.AST, inside: bool) -> None:
        if isinstance(node, ast.If) and _names_type_checking(node.test):
            for child in node.body:
                visit(child, True)
            for child in node.orelse:
                visit(child, inside)
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            if inside == type_checking:
                found.append(node)
        else:
            for child in ast.iter_child_nodes(node):
                visit(child, inside)

    visit(tree, False)
    return found


def imported_modules(path: Path, *, type_checking: bool = False) -> set[tuple[str, int]]:
    """(module, line) for every `mitra.…` name this module imports, absolute or relative; with
    `type_checking`, only those imported under `if TYPE_CHECKING:` (else only the others)."""
    module = ".".join(path.relative_to(MITRA.parent).with_suffix("").parts)
    package = module.rsplit(".", 1)[0] if path.name != "__init__.py" else module
    found = set()
    tree = ast.parse(path.read_text(), filename=str(path))
    for node in _import_nodes(tree, type_checking=type_checking):
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        else:
            base = node.module or ""
            if node.level:
                parent = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*parent, base] if base else parent)
            names = [base] + [f"{base}.{alias.name}" for alias in node.names]
        for name in names:
            parts = name.split(".")
            if len(parts) > 1 and parts[0] == "mitra":
                found.add((name, node.lineno))
    return found


def imported_apps(path: Path) -> set[tuple[str, int]]:
    """(app, line) for every `mitra.<app>` this module imports at run time."""
    return {(name.split(".")[1], line) for name, line in imported_modules(path)}


def app_modules(app: str) -> list[Path]:
    return [
        p
        for p in sorted((MITRA / app).rglob("*.py"))
        if "tests" not in p.parts and "migrations" not in p.parts
    ]


@pytest.mark.parametrize("app", sorted(RULES))
def test_app_imports_follow_the_dependency_direction(app):
    modules = app_modules(app)
    assert modules, f"mitra/{app} has no modules"
    violations = [
        f"{path.relative_to(MITRA.parent)}:{line} imports mitra.{target}"
        for path in modules
        if str(path.relative_to(MITRA.parent)) not in EXCEPTIONS
        for target, line in sorted(imported_apps(path))
        if target in RULES[app]
    ]
    assert not violations, "\n".join(violations)


def test_the_parser_sees_relative_and_absolute_imports():
    targets = {app for app, _ in imported_apps(MITRA / "agreements" / "views.py")}
    assert {"agreements", "core", "audit"} <= targets
    command = MITRA / "core" / "management" / "commands" / "load_reference.py"
    assert {"bodies", "organizations", "regions"} <= {app for app, _ in imported_apps(command)}
    # audit names the user (an actor) for mypy only: not a run-time import.
    audit = MITRA / "audit" / "services.py"
    assert "accounts" not in {app for app, _ in imported_apps(audit)}
    assert "mitra.accounts.models.User" in {
        name for name, _ in imported_modules(audit, type_checking=True)
    }


# What a lower app may import under `if TYPE_CHECKING:` from a higher one: the user model (every
# record may name its actor or author, as docs/dev/architecture.md says) and the signed-in
# request type that carries it. Nothing else: a type is a dependency too.
TYPE_ONLY_UPWARD = {"mitra.accounts.models.User", "mitra.accounts.http.AuthenticatedHttpRequest"}


def test_type_only_imports_go_down_or_name_the_user():
    layers = [
        [app.strip() for app in re.split(r"[:|]", line)]
        for line in option_lines(contract("layers")["layers"])
    ]
    level = {app: index for index, layer in enumerate(layers) for app in layer}
    violations = [
        f"{path.relative_to(MITRA.parent)}:{line} imports {name} for type checking"
        for app in sorted(every_app())
        for path in app_modules(app)
        for name, line in sorted(imported_modules(path, type_checking=True))
        if (target := name.split(".")[1]) != app
        and target in level
        and level[target] <= level[app]  # the same layer or a higher one
        and name not in TYPE_ONLY_UPWARD
        and not any(allowed.startswith(f"{name}.") for allowed in TYPE_ONLY_UPWARD)
    ]
    assert not violations, "\n".join(violations)


def test_the_exceptions_still_exist():
    for exception in EXCEPTIONS:
        assert (MITRA.parent / exception).exists(), f"{exception} is gone: drop the exception"


ARCHITECTURE = Path(settings.BASE_DIR) / "docs" / "dev" / "architecture.md"
CONTRACTS = Path(settings.BASE_DIR) / ".importlinter"
# The ignore_imports of the layers contract; each names an exception of architecture.md.
IGNORED = {
    "mitra.*.tests.** -> mitra.**",  # tests are not application code
    "mitra.core.management.commands.load_reference -> mitra.**",
    "mitra.organizations.views -> mitra.agreements.selectors",
}


def contract(name: str) -> configparser.SectionProxy:
    parser = configparser.ConfigParser()
    parser.read(CONTRACTS)
    return parser[f"importlinter:contract:{name}"]


def option_lines(value: str) -> list[str]:
    return [line.strip() for line in value.strip().splitlines() if line.strip()]


def every_app() -> set[str]:
    return {path.parent.name for path in MITRA.glob("*/apps.py")}


def drawn_layers() -> list[set[str]]:
    """The apps of each `subgraph` of the diagram in architecture.md, top layer first."""
    diagram = ARCHITECTURE.read_text().split("```mermaid", 1)[1].split("```", 1)[0]
    return [
        set(body.split())
        for body in re.findall(r"^\s*subgraph L\d+\[.*?\]\n(.*?)^\s*end$", diagram, re.M | re.S)
    ]


def test_the_contract_layers_are_the_documented_layers():
    layers = [
        {app.strip() for app in re.split(r"[:|]", line)}
        for line in option_lines(contract("layers")["layers"])
    ]
    assert layers == drawn_layers()


def test_every_app_is_on_one_layer_and_in_the_table():
    drawn = [app for layer in drawn_layers() for app in layer]
    assert sorted(drawn) == sorted(every_app())
    table = set(re.findall(r"^\| `(\w+)` \|", ARCHITECTURE.read_text(), re.M))
    assert table == every_app()


def test_only_the_documented_exceptions_are_ignored():
    assert set(option_lines(contract("layers")["ignore_imports"])) == IGNORED
    document = ARCHITECTURE.read_text()
    for line in IGNORED:
        importer = line.split(" -> ")[0]
        if "*" not in importer:
            path = "/".join(importer.split(".")[1:]) + ".py"
            assert f"`{path}`" in document, f"{path} is ignored but not named in architecture.md"
