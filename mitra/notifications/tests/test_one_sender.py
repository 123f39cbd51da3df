"""After issue 9 the notifications app is the only place that builds or sends an email or
writes a notice: every other module goes through `notify` (read from the source, with ast)."""

import ast
from pathlib import Path

from django.conf import settings

MITRA = Path(settings.BASE_DIR) / "mitra"
MAIL_NAMES = {
    "send_mail",
    "send_mass_mail",
    "mail_admins",
    "mail_managers",
    "EmailMessage",
    "EmailMultiAlternatives",
    "get_connection",
    "mailers",
}
NOTICE_MODELS = {"Notice"}


def application_modules() -> list[Path]:
    return [
        p
        for p in sorted(MITRA.rglob("*.py"))
        if "tests" not in p.parts
        and "migrations" not in p.parts
        and p.relative_to(MITRA).parts[0] != "notifications"
    ]


def offences(path: Path) -> list[str]:
    found = []
    tree = ast.parse(path.read_text(), filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("django.core.mail"):
            found += [f"imports {a.name}" for a in node.names]
        elif isinstance(node, ast.Import):
            found += [
                f"imports {a.name}" for a in node.names if a.name.startswith("django.core.mail")
            ]
        elif isinstance(node, ast.ImportFrom) and (node.module or "") in {
            "mitra.notifications.models",
            "mitra.notifications.delivery",
        }:
            found += [
                f"imports {a.name} from {node.module}"
                for a in node.names
                if node.module.endswith("delivery") or a.name in NOTICE_MODELS
            ]
        elif isinstance(node, ast.Attribute) and node.attr in MAIL_NAMES | {"send_messages"}:
            found.append(f"uses .{node.attr}")
    return [f"{path}:{o}" for o in found]


def test_no_module_outside_notifications_sends_mail_or_writes_a_notice():
    found = [o for path in application_modules() for o in offences(path)]
    assert not found, "send through mitra.notifications.services.notify instead:\n" + "\n".join(
        found
    )


def test_the_check_catches_an_offender(tmp_path):
    sample = tmp_path / "offender.py"
    sample.write_text(
        "from django.core.mail import send_mail\n"
        "from mitra.notifications.models import Notice\n"
        "def f(m):\n    m.send_messages([])\n"
    )
    assert len(offences(sample)) == 3
