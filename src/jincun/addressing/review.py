"""The review queue that learns: not-resolved addresses grouped by unmatched fragment; one decision
resolves the whole group and (optionally) teaches the gazetteer the fragment as an alias.

Callers above this app (parcels) register a decision handler (`on_decision`) to move their own records —
addressing never imports them.
"""

from __future__ import annotations

from collections.abc import Callable

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from jincun.addressing.choices import AliasSource
from jincun.addressing.choices import ResolutionStatus as S
from jincun.addressing.models import AddressReview, AddressReviewItem
from jincun.addressing.normalize import normalize
from jincun.addressing.resolver import Resolution
from jincun.addressing.services import AliasRefused, add_alias
from jincun.network.choices import AreaLevel
from jincun.network.models import AdminArea

QUEUED = {S.UNRESOLVED, S.TOWN_ONLY, S.AMBIGUOUS}
_handlers: list[Callable[[AddressReview, list[AddressReviewItem]], None]] = []


def on_decision(handler: Callable[[AddressReview, list[AddressReviewItem]], None]) -> None:
    """Register `handler(review, items)`, called inside the decision's transaction (e.g. parcels routing)."""
    if handler not in _handlers:
        _handlers.append(handler)


_ref_labellers: list[Callable[[list[str]], dict[str, str]]] = []


def on_ref_labels(labeller: Callable[[list[str]], dict[str, str]]) -> None:
    """Register `labeller(refs) -> {ref: label}` so the review page names items as people know them (the
    parcels app answers `parcel:<id>` with the waybill)."""
    if labeller not in _ref_labellers:
        _ref_labellers.append(labeller)


def ref_labels(refs: list[str]) -> dict[str, str]:
    """A label for each ref: what a registered labeller says, else the ref itself."""
    labels = {ref: ref for ref in refs}
    for labeller in _ref_labellers:
        labels.update(labeller(refs))
    return labels


def alias_learnable(review: AddressReview) -> bool:
    """Whether the group's fragment can become an alias (never an empty address, never one character)."""
    return len(review.fragment) >= 2 and review.fragment != "（空）"


def review_key(address: str, res: Resolution) -> tuple[str, str]:
    fragment = (res.fragment or normalize(address).replace(" ", ""))[:64] or "（空）"
    return fragment, res.town_code or ""


@transaction.atomic
def queue_for_review(
    address: str, res: Resolution, ref: str = "", source: str = ""
) -> AddressReviewItem | None:
    """Put a not-resolved address in its group (created on first sight). Resolved/out-of-area: nothing."""
    if res.status not in QUEUED:
        return None
    fragment, town = review_key(address, res)
    review, _ = AddressReview.objects.select_for_update().get_or_create(
        fragment=fragment,
        town_code=town,
        defaults={"status_seen": res.status, "candidates": res.candidates, "sample_address": address[:300]},
    )
    item, created = AddressReviewItem.objects.get_or_create(
        review=review, ref=ref[:64], address=address[:300], defaults={"source": source[:16]}
    )
    if created:
        AddressReview.objects.filter(pk=review.pk).update(
            occurrences=F("occurrences") + 1, last_seen=timezone.now()
        )
        if review.decided_area_id:
            AddressReviewItem.objects.filter(pk=item.pk).update(resolved_area=review.decided_area)
            item.resolved_area = review.decided_area
    return item


@transaction.atomic
def decide(
    review: AddressReview, area: AdminArea, user=None, save_alias: bool = True
) -> list[AddressReviewItem]:
    """Resolve every waiting item of the group to `area` (a village unit); optionally learn the alias.

    Returns the items just resolved. A town-scoped group only accepts a village of that town.
    """
    if area.level != AreaLevel.VILLAGE:
        raise AliasRefused("请选择一个村/社区")
    if review.town_code and area.code[:9] != review.town_code:
        raise AliasRefused("所选村不在该镇")
    review = AddressReview.objects.select_for_update().get(pk=review.pk)
    if save_alias and alias_learnable(review):
        alias, _ = add_alias(
            review.fragment, area, AliasSource.LEARNED, user, note=f"复核：{review.sample_address[:80]}"
        )
        review.alias = alias
    review.decided_area, review.decided_by, review.decided_at = area, user, timezone.now()
    review.save()
    items = list(review.items.filter(resolved_area__isnull=True))
    AddressReviewItem.objects.filter(pk__in=[i.pk for i in items]).update(resolved_area=area)
    for item in items:
        item.resolved_area = area
    for handler in _handlers:
        handler(review, items)
    return items


def open_reviews():
    return AddressReview.objects.filter(decided_area__isnull=True).order_by("-occurrences", "fragment")


def candidate_areas(review: AddressReview) -> list[AdminArea]:
    """Candidates to show: the resolver's, else every village unit of the named town."""
    codes = [c for c in review.candidates if len(c) == 12]
    if codes:
        return list(AdminArea.objects.filter(code__in=codes).select_related("parent"))
    if review.town_code:
        return list(
            AdminArea.objects.villages().filter(code__startswith=review.town_code).select_related("parent")
        )
    return []


def resolve_addresses_batch(
    addresses: list[str], county_code: str | None = None
) -> list[tuple[AdminArea | None, Resolution | None]]:
    """For manifest rows without a village code: (village or None, resolution) per address, with one
    gazetteer look-up and one query. Without a county loaded every row gets (None, None)."""
    from jincun.addressing.gazetteer import get_gazetteer
    from jincun.addressing.resolver import resolve

    if not addresses:
        return []
    try:
        gaz = get_gazetteer(county_code)
    except LookupError:
        return [(None, None)] * len(addresses)
    answers = [resolve(a, gazetteer=gaz) for a in addresses]
    codes = {r.village_code for r in answers if r.status == S.RESOLVED}
    villages = AdminArea.objects.in_bulk(codes) if codes else {}
    return [(villages.get(r.village_code) if r.status == S.RESOLVED else None, r) for r in answers]


def parcel_ref(pk: int) -> str:
    return f"parcel:{pk}"


def parcel_ids(items: list[AddressReviewItem]) -> list[int]:
    """The parcel ids among review items queued with `parcel_ref`."""
    return [int(i.ref[7:]) for i in items if i.ref.startswith("parcel:") and i.ref[7:].isdigit()]
