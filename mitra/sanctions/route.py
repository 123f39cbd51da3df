"""The objection (keberatan) route, as configuration (domain.md §7 q2 leaves it open).

settings.MITRA["SANCTION_OBJECTION"] (every key optional; docs/dev/sanctions.md):

- "ENABLED": whether organizations may object at all (default True);
- "DECIDING_BODY": the key of the GovernmentBody whose officers decide objections (default:
  the TPOA secretariat, settings.MITRA["TPOA_SECRETARIAT"], i.e. the authority that issued the
  step decides first, as in UU 30/2014 Ps 77);
- "STEPS": the case statuses whose step may be objected to (default: written warning and
  cessation of activities; a subset of `SanctionCase.OBJECTABLE_STATES`);
- "LEGAL_BASIS": recorded on the decision's step (default: the UU 30/2014 Ps 77 analogue).

The periods are deadline rules, never settings: `sanction.objection_filing` (counted from the
step's issue date) and `sanction.objection_decision` (from the filing date); the reply period
of a step without a compliance period is `sanction.reply`.
"""

from dataclasses import dataclass

from django.conf import settings

from .querysets import secretariat_key

REPLY_RULE = "sanction.reply"
OBJECTION_FILING_RULE = "sanction.objection_filing"
OBJECTION_DECISION_RULE = "sanction.objection_decision"
DEFAULT_STEPS = ("written_warning", "cessation_of_activities")
DEFAULT_LEGAL_BASIS = "UU 30/2014 Ps 77 (keberatan), applied by analogy"


@dataclass(frozen=True)
class ObjectionRoute:
    enabled: bool
    deciding_body: str
    steps: tuple[str, ...]
    legal_basis: str


def objection_route() -> ObjectionRoute:
    from .models import SanctionCase

    config = dict(getattr(settings, "MITRA", {}).get("SANCTION_OBJECTION", {}) or {})
    steps = tuple(config.get("STEPS", DEFAULT_STEPS))
    unknown = set(steps) - set(SanctionCase.OBJECTABLE_STATES)
    if unknown:
        raise ValueError(
            "settings.MITRA['SANCTION_OBJECTION']['STEPS'] may name only "
            f"{sorted(SanctionCase.OBJECTABLE_STATES)}, not {sorted(unknown)}"
        )
    return ObjectionRoute(
        enabled=bool(config.get("ENABLED", True)),
        deciding_body=str(config.get("DECIDING_BODY") or secretariat_key()),
        steps=steps,
        legal_basis=str(config.get("LEGAL_BASIS", DEFAULT_LEGAL_BASIS)),
    )
