"""Weight and volume of an outbound box, per farm product (the product of the project the parcel counts toward), as data.

| product | kg per box | litres per box | where the figures come from |
|---|---|---|---|
| apple  | 7.5 | 30 | The issue text (and 沂源 sellers' listings): an apple gift box holds 5–10 kg; 7.5 kg is the middle. ASSUMPTION: a 5 kg carton is about 40×30×25 cm (30 L); volume taken per box, not per kg. |
| cherry | 2.5 | 12 | ASSUMPTION: 沂源/烟台 cherries ship in 1–3 kg boxes with foam and ice packs; 2.5 kg, 30×20×20 cm. |
| other  | 1.5 | 8  | ASSUMPTION: village sending outside the seasons (土特产, clothes); near the inbound parcel's 1.2 kg / 6 L. |

When a parcel records its weight (`weight_g`, weighed at collection), that weight is used and the volume is
scaled from the product's litres per kg; otherwise the box figures above.

A parcel's product is its farm-product project's (agri's `ProjectParcel` link). Routing sits below agri, so it
names no agri model: agri registers the ORM path from a parcel to the product (`register_product_lookup`, in
its AppConfig.ready) and routing's queries read `parcel_product()`; without one every parcel is "other".
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import CharField, F, Value
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_noop


@dataclass(frozen=True)
class Product:
    code: str
    name: str
    kg_per_box: float
    litres_per_box: float

    @property
    def litres_per_kg(self) -> float:
        return self.litres_per_box / self.kg_per_box


PRODUCTS = {
    "apple": Product("apple", gettext_noop("苹果"), 7.5, 30.0),
    "cherry": Product("cherry", gettext_noop("樱桃"), 2.5, 12.0),
    "other": Product("other", gettext_noop("其他"), 1.5, 8.0),
}


_lookups: list[str] = []


def register_product_lookup(path: str) -> None:
    """The ORM path from a Parcel to its product code (e.g. "project_link__project__product")."""
    if path not in _lookups:
        _lookups.append(path)


def parcel_product(prefix: str = ""):
    """An expression for the product code of the parcel reached by `prefix` ("" on Parcel, "parcel__" on a
    ScanEvent); "" for a parcel of no project or when no app registered a lookup."""
    if not _lookups:
        return Value("", output_field=CharField())
    return Coalesce(F(prefix + _lookups[-1]), Value(""), output_field=CharField())


def product_of(tag: str | None) -> Product:
    """The product for a product code; unknown or empty codes are "other"."""
    return PRODUCTS.get((tag or "").strip().lower(), PRODUCTS["other"])


def box_load(tag: str | None, weight_g: int | None = None) -> tuple[float, float]:
    """(kg, litres) of one outbound box."""
    p = product_of(tag)
    if weight_g:
        kg = weight_g / 1000
        return kg, kg * p.litres_per_kg
    return p.kg_per_box, p.litres_per_box
