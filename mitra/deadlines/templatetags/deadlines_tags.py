"""The notification bell of the navbar: `{% load deadlines_tags %}{% notification_bell %}`."""

from typing import Any

from django import template

from ..selectors import unread_notification_count

register = template.Library()


@register.inclusion_tag("deadlines/notification_bell.html", takes_context=True)
def notification_bell(context: Any) -> dict[str, Any]:
    user = context.get("user")
    return {"count": unread_notification_count(user=user) if user is not None else 0}
