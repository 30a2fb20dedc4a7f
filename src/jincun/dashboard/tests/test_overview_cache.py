"""The overview keeps a day's coverage between requests, and a change to the network is seen at once."""

import datetime as dt

from django.http import QueryDict

from jincun.dashboard import overview
from jincun.network.models import Agreement
from jincun.parcels.tests.factories import build_county


def test_coverage_is_kept_until_the_network_changes(db):
    c = build_county()
    county = c.node.town.parent
    f = overview.Filters.parse(QueryDict(""), county)
    first = overview.build(county, f)["coverage"]
    assert first["served"] > 0
    again = overview.build(county, f)["coverage"]
    assert again == first
    # a change through the ORM moves the network's version: the next answer is computed afresh
    for agreement in Agreement.objects.all():
        agreement.valid_to = f.end - dt.timedelta(days=1)
        agreement.save()
    after = overview.build(county, f)["coverage"]
    assert after["served"] == 0 and after["share"] == 0
