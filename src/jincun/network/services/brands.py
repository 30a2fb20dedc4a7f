from jincun.network.models import Brand
from jincun.network.waybills import DEFAULT_BRANDS


def ensure_default_brands() -> int:
    """Create the default brands that do not exist yet; returns how many were created. Never overwrites."""
    created = 0
    for code, name, name_en, patterns, k100, kdn, cn, postal in DEFAULT_BRANDS:
        _, was_created = Brand.objects.get_or_create(
            code=code,
            defaults={
                "name": name,
                "name_en": name_en,
                "waybill_patterns": patterns,
                "kuaidi100_code": k100,
                "kdniao_code": kdn,
                "cainiao_code": cn,
                "is_postal": postal,
            },
        )
        created += was_created
    return created
