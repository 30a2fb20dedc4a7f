"""What every generated history must satisfy, whichever way it was drawn and written."""

from collections import Counter, defaultdict

from jincun.parcels import transitions
from jincun.parcels.models import Parcel, ScanEvent


def assert_equals_its_recount(report) -> None:
    """The report's counts are the database's, and each parcel's state is the projection of its events."""
    assert report.parcels == Parcel.objects.count() > 100
    assert report.events == ScanEvent.objects.count()
    assert report.states == Counter(Parcel.objects.values_list("state", flat=True))
    assert report.event_types == Counter(ScanEvent.objects.values_list("event_type", flat=True))
    history = defaultdict(list)
    for parcel_id, event_type, at in ScanEvent.objects.order_by("id").values_list(
        "parcel_id", "event_type", "at"
    ):
        history[parcel_id].append((event_type, at))
    for parcel in Parcel.objects.all():
        assert transitions.project(parcel.direction, history[parcel.pk]) == parcel.state, parcel.waybill
