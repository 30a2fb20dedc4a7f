from jincun.parcels.models.aggregates import AggregateWatermark, DailyMetric, DailyVolume, Grain
from jincun.parcels.models.events import ScanEvent
from jincun.parcels.models.handovers import HandoverItem, HandoverList
from jincun.parcels.models.manifests import Manifest
from jincun.parcels.models.outbound import OutboundCollection
from jincun.parcels.models.parcel import Parcel
from jincun.parcels.models.problems import Problem
from jincun.parcels.models.purge import PurgeLog
from jincun.parcels.models.sequences import Sequence
from jincun.parcels.models.station import Consent, PickupCode, SmsMessage

__all__ = [
    "AggregateWatermark",
    "DailyMetric",
    "DailyVolume",
    "Consent",
    "Grain",
    "HandoverItem",
    "HandoverList",
    "Manifest",
    "OutboundCollection",
    "Parcel",
    "PickupCode",
    "Problem",
    "PurgeLog",
    "ScanEvent",
    "Sequence",
    "SmsMessage",
]
