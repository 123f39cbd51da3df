"""Every state machine has a generated, current diagram in docs/dev/workflow.md (issue 18 §4).

`scripts/fsm_diagram.py` reads the django-fsm-2 transitions of every `FSMField` under `mitra/`;
these tests regenerate the file in memory and compare it with the committed one.
"""

import importlib.util
from pathlib import Path

import pytest
from django.conf import settings

SCRIPT = Path(settings.BASE_DIR) / "scripts" / "fsm_diagram.py"


def _load():
    spec = importlib.util.spec_from_file_location("fsm_diagram", SCRIPT)
    assert spec
    assert spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


fsm_diagram = _load()


def test_workflow_md_is_current():
    committed = fsm_diagram.DOC.read_text(encoding="utf-8")
    assert fsm_diagram.render(committed) == committed, (
        f"docs/dev/workflow.md is stale (a state machine changed): run {fsm_diagram.COMMAND}"
    )


def test_every_state_machine_is_drawn():
    committed = fsm_diagram.DOC.read_text(encoding="utf-8")
    machines = fsm_diagram.machines()
    missing = [label for label in machines if f"<!-- fsm: {label} -->" not in committed]
    assert not missing, f"no diagram for {missing}: run {fsm_diagram.COMMAND}"
    assert committed.count("<!-- fsm: ") == len(machines), "a machine is drawn twice"


def test_machines_are_found_on_every_app_with_a_state_machine():
    apps_with_fsm = {label.split(".")[0] for label in fsm_diagram.machines()}
    assert {"agreements", "permits", "sanctions", "meetings", "monitoring"} <= apps_with_fsm
    # An abstract model's field is drawn once per concrete model (iati.Reviewable).
    assert "iati.OrganizationMatch.status" in fsm_diagram.machines()


def test_the_agreement_diagram_lists_its_transitions():
    from mitra.agreements.models import Agreement

    diagram = fsm_diagram.mermaid(Agreement, "status")
    assert diagram.splitlines()[:2] == ["stateDiagram-v2", "    [*] --> draft"]
    assert "    draft --> signed: sign" in diagram
    assert "    under_review --> signed: sign" in diagram  # a list of sources: one edge each
    assert "    superseded --> [*]" in diagram  # final: a target that is no source


def test_a_computed_target_draws_one_edge_per_allowed_state():
    from mitra.sanctions.models import SanctionCase

    diagram = fsm_diagram.mermaid(SanctionCase, "status")
    escalations = [line for line in diagram.splitlines() if line.startswith("    assessed --> ")]
    assert len([line for line in escalations if line.endswith(": escalate")]) >= 2


def test_a_stale_diagram_is_rewritten():
    committed = fsm_diagram.DOC.read_text(encoding="utf-8")
    stale = committed.replace("    draft --> signed: sign\n", "", 1)
    assert stale != committed
    assert fsm_diagram.render(stale) == committed


def test_a_machine_that_no_longer_exists_is_refused():
    committed = fsm_diagram.DOC.read_text(encoding="utf-8")
    ghost_block = fsm_diagram.block("agreements.Ghost.status", "stateDiagram-v2")
    ghost = f"{committed}\n{ghost_block}\n"
    with pytest.raises(ValueError, match="agreements.Ghost.status"):
        fsm_diagram.render(ghost)


def test_the_generated_section_markers_are_required():
    with pytest.raises(ValueError, match="fsm-generated"):
        fsm_diagram.render("# no markers\n")
