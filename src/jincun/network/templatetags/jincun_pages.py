"""Template helpers for list pages."""

from django import template

register = template.Library()


@register.simple_tag
def page_query(query, number) -> str:
    """The current query string with `page` replaced, so filters survive paging."""
    query = query.copy()
    query["page"] = number
    return query.urlencode()


@register.filter
def percent(value, digits: int = 1) -> str:
    """0.8123 → '81.2%'."""
    try:
        return f"{float(value) * 100:.{int(digits)}f}%"
    except (TypeError, ValueError):
        return "—"
