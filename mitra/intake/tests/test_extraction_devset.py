"""Macro F1 on the shared development set, scored by the shared scorer."""

import importlib.util
import json
from pathlib import Path

from mitra.intake.extraction import extract

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


def test_dev_set_macro_f1():
    _require_shared()
    scorer = _scorer()
    gold = scorer.load(DEV / "labels.jsonl")
    predictions = {}
    for path in sorted(DEV.glob("*.txt")):
        record = extract(path.read_text(encoding="utf-8")).to_record(id=path.stem)
        predictions[path.stem] = json.loads(json.dumps(record))
    result = scorer.score(gold, predictions)
    assert result["missing_predictions"] == []
    assert result["macro_f1"] >= 0.9, result


# Throughput is measured by `make bench` (jobs.extract_docs_per_s), never in pass/fail tests.
