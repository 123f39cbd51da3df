"""Hooks higher apps fill in their AppConfig.ready(), so licensing can consult them without
importing them (workplans and sanctions import permits, never the other way round).

- `register_affected_bodies(name, provider)`: `provider(organization_id) -> body ids` names
  government bodies an izin prinsip change concerns beyond licensing's own records. Workplans
  registers the regional governments that signed an active RKT of the organization (N14).
- `register_suspension_hold(name, provider)`: `provider(organization_id) -> str` explains why
  the organization's suspension may not be lifted by reinstating its izin prinsip ("" when
  nothing holds it). Sanctions registers the cases in cessation of activities: they are
  lifted through the case, whose lifting reinstates.

- `register_assignment_recorded(name, callback)`: `callback(assignment, actor)` runs inside
  the transaction that records a foreign staff assignment after the fact (not through a
  staff request). Staff registers the link to the assignment's person, so the cumulative
  5-year limit (N9) and its alert count it.

Unlike the deadline registry, a failing provider is not skipped: a missed recipient or a
missed hold would be a silent wrong answer.
"""

from collections.abc import Callable, Iterable
from typing import Any

AffectedBodies = Callable[[int], Iterable[int]]
SuspensionHold = Callable[[int], str]

_affected_bodies: dict[str, AffectedBodies] = {}
_suspension_holds: dict[str, SuspensionHold] = {}
AssignmentRecorded = Callable[[Any, Any], object]
_assignment_recorded: dict[str, AssignmentRecorded] = {}


def register_affected_bodies(name: str, provider: AffectedBodies) -> None:
    """Register (or replace, when ready() runs twice) a provider of concerned bodies."""
    _affected_bodies[name] = provider


def register_suspension_hold(name: str, provider: SuspensionHold) -> None:
    """Register (or replace) a provider of reasons that keep an organization suspended."""
    _suspension_holds[name] = provider


def affected_bodies(organization_id: int) -> set[int]:
    """Every registered provider's bodies for the organization."""
    found: set[int] = set()
    for provider in _affected_bodies.values():
        found.update(pk for pk in provider(organization_id) if pk)
    return found


def suspension_holds(organization_id: int) -> list[str]:
    """The reasons (one per provider that has one) the organization must stay suspended."""
    reasons = [provider(organization_id) for provider in _suspension_holds.values()]
    return [reason for reason in reasons if reason]


def register_assignment_recorded(name: str, callback: AssignmentRecorded) -> None:
    """Register (or replace) what follows an assignment recorded after the fact."""
    _assignment_recorded[name] = callback


def assignment_recorded(assignment: Any, actor: Any) -> None:
    """Every registered callback, in the recording service's transaction."""
    for callback in _assignment_recorded.values():
        callback(assignment, actor)
