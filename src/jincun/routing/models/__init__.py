from jincun.routing.models.fleet import DistanceCacheEntry, MailRoute, MailRouteStop, Vehicle, VillagePolicy
from jincun.routing.models.plans import Plan, Run, Stop
from jincun.routing.models.two_way import CollectionPoint, SeasonVehicle

__all__ = [
    "CollectionPoint",
    "SeasonVehicle",
    "DistanceCacheEntry",
    "MailRoute",
    "MailRouteStop",
    "Plan",
    "Run",
    "Stop",
    "Vehicle",
    "VillagePolicy",
]
