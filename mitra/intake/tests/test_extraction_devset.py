"""Macro F1 on the shared development set, scored by the shared scorer."""

import importlib.util
import json
from pathlib import Path

from mitra.intake.extraction import extract
from mitra.intake.extraction.devsplit import split

REPO_ROOT = Path(__file__).resolve().parents[3]
SHARED = REPO_ROOT.parent / "shared"
DEV = SHARED / "data" / "press" / "dev"
SCORER = SHARED / "tools" / "score_extraction.py"


def _require_shared() -> None:
    # shared/ lies beside the repository for developers and CI: fail loudly without it.
    assert DEV.is_dir(), f"{DEV} is missing: the shared folder must lie beside the repo"
    assert SCORER.is_file(), f"{SCORER} is missing: the shared folder must lie beside the repo"


def _scorer():
    spec = importlib.util.spec_from_file_location("score_extraction", SCORER)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# The set-aside third (devsplit.py, fixed by a hash of the file name) is never looked at
# while rules are designed; its floor is the figure reached that way (0.826 when the split
# was made, issue 12), not a target to tune to. The tuned part must reach 0.9.
TUNED_FLOOR = 0.9
SET_ASIDE_FLOOR = 0.8


def _predictions() -> dict:
    predictions = {}
    for path in sorted(DEV.glob("*.txt")):
        record = extract(path.read_text(encoding="utf-8")).to_record(id=path.stem)
        predictions[path.stem] = json.loads(json.dumps(record, default=str))
    return predictions


def test_dev_set_macro_f1():
    _require_shared()
    scorer = _scorer()
    gold = scorer.load(DEV / "labels.jsonl")
    predictions = _predictions()
    assert scorer.score(gold, predictions)["missing_predictions"] == []
    tuned, aside = split(gold)
    assert tuned
    assert aside
    tuned_result = scorer.score({k: gold[k] for k in tuned}, predictions)
    aside_result = scorer.score({k: gold[k] for k in aside}, predictions)
    assert tuned_result["macro_f1"] >= TUNED_FLOOR, tuned_result
    assert aside_result["macro_f1"] >= SET_ASIDE_FLOOR, aside_result


def test_split_is_the_committed_rule():
    # Changing devsplit.py would move items between the parts: the rule is fixed.
    assert split(["000", "001", "005", "014", "104", "141"]) == (
        ["001", "014", "141"],
        ["000", "005", "104"],
    )


# Throughput is measured by `make bench` (jobs.extract_docs_per_s), never in pass/fail tests.
