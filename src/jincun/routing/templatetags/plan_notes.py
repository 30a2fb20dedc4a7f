from django import template

from jincun.routing.notes import shown

register = template.Library()


@register.filter
def note(text) -> str:
    """A note the plan stored (in Chinese) in the reader's language."""
    return shown(text or "")
