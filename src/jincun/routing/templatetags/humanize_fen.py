from django import template

register = template.Library()


@register.filter
def yuan(fen) -> str:
    """Integer fen shown as yuan with two decimals and thousands separators."""
    try:
        return f"{int(fen) / 100:,.2f}"
    except (TypeError, ValueError):
        return ""
