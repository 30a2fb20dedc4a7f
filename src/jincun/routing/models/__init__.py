from jincun.routing.models.fleet import DistanceCacheEntry, MailRoute, MailRouteStop, Vehicle, VillagePolicy
from jincun.routing.models.plans import Plan, Run, Stop

__all__ = [
    "DistanceCacheEntry",
    "MailRoute",
    "MailRouteStop",
    "Plan",
    "Run",
    "Stop",
    "Vehicle",
    "VillagePolicy",
]
