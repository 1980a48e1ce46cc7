"""Small template filters shared by all apps."""

from datetime import timedelta

from django import template
from django.utils import timezone
from django.utils.timesince import timeuntil

register = template.Library()


@register.filter
def duration(value: timedelta | None) -> str:
    """A timedelta as words in the active language: "15 minutter"."""
    if not value:
        return ""
    now = timezone.now()
    return timeuntil(now + value, now)
