"""Where the logged-in user works (their `network.Assignment`), which scopes every work page."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from jincun.core.choices import Role


@dataclass
class Place:
    """The user's workplace as the pages need it; exactly one of hub / town_node / station is usually set."""

    hub: object | None = None
    town_node: object | None = None
    station: object | None = None
    brand: object | None = None
    village_codes: list[str] = field(default_factory=list)
    role: str = ""

    @property
    def label(self) -> str:
        where = self.station or self.town_node or self.hub or self.brand
        return str(where) if where else ""


def place_of(user) -> Place:
    assignment = getattr(user, "assignment", None) if user.is_authenticated else None
    role = Role.ADMIN if user.is_superuser else user.role
    if assignment is None:
        return Place(role=role)
    return Place(
        role=role,
        hub=assignment.hub,
        town_node=assignment.town_node,
        station=assignment.station,
        brand=assignment.brand,
        village_codes=list(assignment.villages.values_list("code", flat=True)),
    )


def require(place: Place, attribute: str):
    """The assigned hub / town node / station, or 403 when the user has none (admins are not exempt:
    a page acts for one place)."""
    value = getattr(place, attribute)
    if not value:
        raise PermissionDenied(_("未分配岗位"))
    return value
