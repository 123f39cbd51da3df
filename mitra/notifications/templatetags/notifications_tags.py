"""The notification bell of the navbar: `{% load notifications_tags %}{% notification_bell %}`."""

from typing import Any

from django import template

from ..selectors import unread_count

register = template.Library()


@register.inclusion_tag("notifications/bell.html", takes_context=True)
def notification_bell(context: Any) -> dict[str, Any]:
    user = context.get("user")
    return {"count": unread_count(user=user) if user is not None else 0}
