import datetime as dt
from decimal import Decimal

from jincun.network.models import AdminArea, CoverageTarget

# Seed §一(三): 到2020年底覆盖率达到80%以上，2021年底前建制村实现快递服务全覆盖。
POLICY_TARGETS = [
    ("2020年底覆盖80%", dt.date(2020, 12, 31), Decimal("0.80")),
    ("2021年底全覆盖", dt.date(2021, 12, 31), Decimal("1.00")),
]


def ensure_policy_targets(county: AdminArea) -> int:
    created = 0
    for name, due, share in POLICY_TARGETS:
        _, was_created = CoverageTarget.objects.get_or_create(
            county=county, due=due, defaults={"name": name, "share": share}
        )
        created += was_created
    return created
