"""Labels for the parcel vocabulary in pages: `{{ line.event_type|state_label }}` shows 已签收, not `signed`."""

from django import template

from jincun.parcels.choices import State

register = template.Library()
_LABELS = dict(State.choices)


@register.filter
def state_label(value) -> str:
    """A state or event type's label in the active language; an unknown value is shown as it is."""
    return str(_LABELS.get(value, value))


@register.filter
def state_labels(values) -> str:
    """A list of event types as their labels, comma-separated (a tariff's billed events)."""
    return ", ".join(state_label(v) for v in values or ())
