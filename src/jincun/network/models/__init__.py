from jincun.network.models.agreements import Agreement, CoverageTarget
from jincun.network.models.areas import AdminArea
from jincun.network.models.brands import Brand
from jincun.network.models.facilities import Assignment, Hub, Station, TownNode

__all__ = ["AdminArea", "Agreement", "Assignment", "Brand", "CoverageTarget", "Hub", "Station", "TownNode"]
