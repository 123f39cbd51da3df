"""Bounds that keep extraction linear on pathological input.

Every per-mention question is answered from a per-sentence memo or a sorted index, so the
cost of the ordinary path grows with the text. The inherently pairwise steps get a budget
per call instead: typo-tolerant comparisons (rapidfuzz) of body names and of foreign
organization forms, and the clustering of organization forms. A press item uses a few
dozen of them; text that would need thousands is not prose, and once a budget is spent the
step falls back to exact matching (the result stays well-formed, only typo tolerance stops).
"""

from __future__ import annotations

# Typo-tolerant comparisons per `extract()` call (dev items use at most ~40).
FUZZY_BODY_COMPARISONS = 1500
FUZZY_ORG_COMPARISONS = 1500
# Candidate-against-candidate checks when clustering organization forms (dev: a few hundred);
# beyond it a form only joins an organization with the same exact key.
PAIRWISE_ORG_COMPARISONS = 20_000


class Budget:
    """A countdown of allowed expensive operations."""

    __slots__ = ("remaining",)

    def __init__(self, limit: int):
        self.remaining = limit

    def spend(self, amount: int = 1) -> bool:
        """Take `amount` from the budget; False (and nothing taken) when it is spent."""
        if self.remaining < amount:
            return False
        self.remaining -= amount
        return True
