"""Mermaid diagrams of every state machine in Mitra, read from the models themselves.

Usage:
  .venv/bin/python scripts/fsm_diagram.py --write   # regenerate docs/dev/workflow.md's diagrams
  .venv/bin/python scripts/fsm_diagram.py --check   # exit 1 when docs/dev/workflow.md is stale
  .venv/bin/python scripts/fsm_diagram.py           # list the machines (app.Model.field)
  .venv/bin/python scripts/fsm_diagram.py agreements.Agreement.status  # print one diagram

Every django-fsm-2 field (`FSMField`) of every model under `mitra/` is a machine; its label is
`<app_label>.<Model>.<field>`. The transitions are introspected from the field, so a diagram
cannot drift from the code: `mitra/core/tests/test_workflow_diagrams.py` regenerates the file in
memory and fails with the command to run when the committed one differs.

In docs/dev/workflow.md a diagram sits between two markers, anywhere in the text:

    <!-- fsm: agreements.Agreement.status -->
    ```mermaid
    ...
    ```
    <!-- /fsm -->

`--write` refreshes every marked block, and rebuilds the section between
`<!-- fsm-generated:begin -->` and `<!-- fsm-generated:end -->` with a block for each machine
not drawn elsewhere in the file (so a new FSM appears there by itself; move its block next to
prose about it whenever you like).
"""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "dev" / "workflow.md"
COMMAND = ".venv/bin/python scripts/fsm_diagram.py --write"

sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")

BLOCK = re.compile(r"<!-- fsm: (?P<label>[\w.]+) -->\n.*?<!-- /fsm -->", re.DOTALL)
GENERATED = re.compile(
    r"(<!-- fsm-generated:begin -->\n).*?(<!-- fsm-generated:end -->)", re.DOTALL
)


def machines() -> dict[str, tuple[Any, str]]:
    """Every FSM field of every concrete model under `mitra`: label -> (model, field name)."""
    from django.apps import apps
    from django_fsm import FSMFieldMixin

    found: dict[str, tuple[Any, str]] = {}
    for model in apps.get_models():
        if not model.__module__.startswith("mitra."):
            continue
        for field in model._meta.concrete_fields:
            if isinstance(field, FSMFieldMixin):
                label = f"{model._meta.app_label}.{model.__name__}.{field.name}"
                found[label] = (model, field.name)
    return dict(sorted(found.items()))


def mermaid(model: Any, field_name: str) -> str:
    """A Mermaid stateDiagram-v2 of every transition on `model.<field_name>`."""
    field = model._meta.get_field(field_name)
    states = [value for value, _label in field.choices]
    edges: set[tuple[str, str, str]] = set()
    for transition in field.get_all_transitions(model):
        # A computed target (GET_STATE, RETURN_VALUE) declares the states it may return: one
        # edge each. No target (None) leaves the state as it is: a loop.
        targets = getattr(transition.target, "allowed_states", None) or [transition.target]
        for target in targets:
            if transition.source == "*":  # from any state
                sources = states
            elif transition.source == "+":  # from any state but the target
                sources = [s for s in states if s != target]
            else:
                sources = [transition.source]
            for source in sources:
                edges.add((source, source if target is None else target, transition.name))

    def order(state: str) -> tuple[int, str]:
        return (states.index(state), "") if state in states else (len(states), state)

    ordered = sorted(edges, key=lambda e: (order(e[0]), order(e[1]), e[2]))
    reached = {target for _source, target, _name in ordered}
    left = {source for source, _target, _name in ordered}
    lines = ["stateDiagram-v2", f"    [*] --> {field.default}"]
    lines += [f"    {source} --> {target}: {name}" for source, target, name in ordered]
    lines += [f"    {state} --> [*]" for state in states if state in reached - left]
    return "\n".join(lines)


def block(label: str, diagram: str) -> str:
    return f"<!-- fsm: {label} -->\n```mermaid\n{diagram}\n```\n<!-- /fsm -->"


def _title(model: Any) -> str:
    """The model's English verbose name (not its docstring: prose edits leave diagrams alone)."""
    from django.utils import translation

    with translation.override("en"):
        return str(model._meta.verbose_name)


def render(text: str) -> str:
    """`text` (docs/dev/workflow.md) with every diagram regenerated from the models.

    Raises ValueError for a marked block whose machine no longer exists, or when the
    generated section's markers are missing."""
    found = machines()
    diagrams = {label: mermaid(model, name) for label, (model, name) in found.items()}
    if not GENERATED.search(text):
        raise ValueError(
            "docs/dev/workflow.md lacks the <!-- fsm-generated:begin --> / "
            "<!-- fsm-generated:end --> markers"
        )
    # Drop the generated section first: what is drawn elsewhere is drawn by hand-placed blocks.
    outside = GENERATED.sub(r"\1\2", text)
    placed = [match["label"] for match in BLOCK.finditer(outside)]
    unknown = sorted(set(placed) - set(diagrams))
    if unknown:
        raise ValueError(f"docs/dev/workflow.md draws machines that no longer exist: {unknown}")
    rest = []
    for label in diagrams:
        if label in placed:
            continue
        heading = f"### `{label}` ({_title(found[label][0])})\n\n"
        rest.append(heading + block(label, diagrams[label]))
    section = "\n\n".join(rest) + "\n" if rest else ""
    text = GENERATED.sub(lambda m: m[1] + section + m[2], text)
    return BLOCK.sub(lambda m: block(m["label"], diagrams[m["label"]]), text)


def main(argv: list[str]) -> int:
    import django

    django.setup()
    if argv in (["--write"], ["--check"]):
        current = DOC.read_text(encoding="utf-8")
        fresh = render(current)
        if argv == ["--check"]:
            if fresh != current:
                print(f"docs/dev/workflow.md is stale: run {COMMAND}", file=sys.stderr)
                return 1
            return 0
        if fresh != current:
            DOC.write_text(fresh, encoding="utf-8")
            print("docs/dev/workflow.md updated")
        return 0
    found = machines()
    if not argv:
        print("\n".join(found))
        return 0
    if len(argv) == 1 and argv[0] in found:
        print(mermaid(*found[argv[0]]))
        return 0
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
