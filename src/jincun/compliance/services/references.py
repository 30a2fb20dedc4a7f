"""Reference numbers people read out on the phone: a prefix, the local date and a daily sequence."""

from __future__ import annotations

from django.utils import timezone


def next_reference(model, prefix: str, at) -> str:
    """`TS20261201-0007`: the next free number of the day for `model.reference` (called inside the
    writing transaction; the unique index settles a race, the caller retries)."""
    day = timezone.localtime(at).strftime("%Y%m%d")
    stem = f"{prefix}{day}-"
    last = (
        model.objects.filter(reference__startswith=stem)
        .order_by("-reference")
        .values_list("reference", flat=True)
    )
    seq = int(last[0].rsplit("-", 1)[1]) + 1 if last else 1
    return f"{stem}{seq:04d}"
