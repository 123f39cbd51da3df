"""Print the agreement state machine as a Mermaid stateDiagram, read from the model itself.

Usage: .venv/bin/python scripts/fsm_diagram.py  (paste the output into docs/dev/workflow.md)

It introspects the django-fsm-2 transitions declared on `Agreement.status`, so the diagram
cannot drift from the code: rerun it whenever a transition changes.
"""

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")


def mermaid(model: type, field_name: str) -> str:
    """A Mermaid stateDiagram-v2 of every transition on `model.<field_name>`."""
    field = model._meta.get_field(field_name)
    states = [value for value, _label in field.choices]
    edges: list[tuple[str, str, str]] = []
    transitions = getattr(model, f"get_all_{field_name}_transitions")(model())
    for transition in transitions:
        # A computed target (GET_STATE) declares the states it may return: one edge each.
        targets = getattr(transition.target, "allowed_states", None) or [transition.target]
        for target in targets:
            if transition.source == "*":  # from any state
                sources = states
            elif transition.source == "+":  # from any state but the target
                sources = [s for s in states if s != target]
            else:
                sources = [transition.source]
            for source in sources:
                edges.append((source, target, transition.name))
    edges.sort(key=lambda e: (states.index(e[0]), states.index(e[1]), e[2]))
    targets = {target for _source, target, _name in edges}
    sources = {source for source, _target, _name in edges}
    lines = ["stateDiagram-v2", f"    [*] --> {field.default}"]
    lines += [f"    {source} --> {target}: {name}" for source, target, name in edges]
    lines += [f"    {state} --> [*]" for state in states if state in targets - sources]
    return "\n".join(lines)


def main() -> None:
    import django

    django.setup()
    from mitra.agreements.models import Agreement

    print(mermaid(Agreement, "status"))


if __name__ == "__main__":
    main()
