"""Throughput benchmark: documents per second on one core (called by `make bench`)."""

from __future__ import annotations

import time
from collections.abc import Sequence

from .bodies import default_gazetteer
from .extractor import extract


def measure_docs_per_second(texts: Sequence[str], min_seconds: float = 1.0) -> float:
    """Run `extract` over `texts` repeatedly for at least `min_seconds`; docs per second.

    The gazetteer is built before timing starts: it is built once per process. Time is
    this process's CPU time, i.e. one core, so a busy machine does not skew the figure.
    """
    if not texts:
        return 0.0
    default_gazetteer()
    done = 0
    started = time.process_time()
    while True:
        for text in texts:
            extract(text)
        done += len(texts)
        elapsed = time.process_time() - started
        if elapsed >= min_seconds:
            return done / elapsed
