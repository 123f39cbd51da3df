"""`{% agreement_meetings agreement %}`: the Meetings section of an agreement's page, rendered
here so the agreements app does not depend on meetings."""

from typing import Any

from django import template

from ..selectors import meetings_for_agreement

register = template.Library()


@register.inclusion_tag("meetings/_agreement_meetings.html", takes_context=True)
def agreement_meetings(context: dict[str, Any], agreement: Any) -> dict[str, Any]:
    request = context.get("request")
    user = getattr(request, "user", None)
    meetings = meetings_for_agreement(agreement=agreement, viewer=user) if user else []
    return {"meetings": meetings, "agreement": agreement}
