"""The longer API fuzz pass of `make bench`: scripts/api_fuzz.py with more cases and every phase.

`make test` runs the short pass (examples, fuzzing, stateful: about 1,300 cases per role);
here the same script runs schemathesis' coverage phase too, with more cases per operation,
on its own throwaway demo database (never the bench database). The counts land in the result
file as `api_fuzz.cases`, `api_fuzz.server_errors`, `api_fuzz.schema_violations`.
"""

import json
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
NAME = "api_fuzz"
CASES = 50
PHASES = "examples,coverage,fuzzing,stateful"


def run(*, log: Callable[[str], None], only: set[str], skip: bool = False) -> dict[str, Any]:
    """Run the long pass unless `--only` names other things or `--no-jobs` was given; its
    counts, or why there are none."""
    if skip or (only and NAME not in only):
        return {"skipped": "--only or --no-jobs"}
    log(f"Running the API fuzz pass ({PHASES}, {CASES} cases per operation and phase)…")
    with tempfile.TemporaryDirectory(prefix="mitra-bench-fuzz-") as folder:
        summary_path = Path(folder) / "summary.json"
        command = [
            sys.executable,
            str(ROOT / "scripts" / "api_fuzz.py"),
            "--cases",
            str(CASES),
            "--phases",
            PHASES,
            "--json",
            str(summary_path),
        ]
        done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)  # noqa: S603
        for line in done.stdout.splitlines():
            if line.startswith("api-fuzz "):
                log("  " + line)
        if not summary_path.exists():
            log(done.stderr[-2000:])
            return {"error": f"scripts/api_fuzz.py exited {done.returncode} without counts"}
        summary = json.loads(summary_path.read_text())
    return {
        "cases": summary["cases"],
        "server_errors": summary["server_errors"],
        "schema_violations": summary["schema_violations"],
        "other_failures": summary["other_failures"],
        "passed": done.returncode == 0,
        "seed": summary["seed"],
        "phases": summary["phases"],
        "max_examples": summary["max_examples"],
        "passes": {
            name: {key: result[key] for key in ("cases", "server_errors", "schema_violations")}
            for name, result in summary["passes"].items()
        },
        "seconds": summary["seconds"],
    }
