"""Done-when: on the demo after simulated days, `jincun settle` drafts statements for every brand, station
and China Post whose totals equal an independent recount from the events; a planted-difference bill
reconciles with each difference shown."""

import datetime as dt

from django.core.management import call_command

from jincun.network.demo import build_demo
from jincun.settlement.choices import MatchCategory, PartyKind
from jincun.settlement.demo import install_demo_tariffs
from jincun.settlement.models import Statement
from jincun.settlement.services.reconciliation import reconcile
from jincun.settlement.tests.recount import recount
from jincun.simulation.services import run_simulation

OCT = dt.date(2026, 10, 1)


def _planted_bill(statement):
    """The brand's own bill: ours, except one waybill 0.10 yuan cheaper, one left out, one unknown added."""
    rows = list(
        statement.lines().exclude(waybill="").values_list("waybill", "amount_fen").order_by("waybill")
    )
    cheaper, missing = rows[0], rows[1]
    text = ["运单号,金额"]
    for waybill, fen in rows[2:]:
        text.append(f"{waybill},{fen / 100:.2f}")
    text.append(f"{cheaper[0]},{(cheaper[1] - 10) / 100:.2f}")
    text.append("ZZ000000000,3.00")
    return "\n".join(text).encode(), cheaper, missing


def test_demo_month_settles_to_the_recount(yiyuan, capsys):
    build_demo(yiyuan, seed=5)
    assert install_demo_tariffs() == 10
    run_simulation(4, start=dt.date(2026, 10, 29), scale=0.003, seed=5)  # crosses into November
    call_command("settle", month="2026-10")
    statements = {s.party_key: s for s in Statement.objects.filter(period__month=OCT)}
    kinds = {s.party_kind for s in statements.values()}
    assert kinds == {PartyKind.BRAND, PartyKind.STATION, PartyKind.POSTAL, PartyKind.PROXY}
    expected = recount(OCT)
    assert expected and {k: s.total_fen for k, s in statements.items()} == expected
    brands = [s for s in statements.values() if s.party_kind == PartyKind.BRAND]
    statement = max(brands, key=lambda s: s.lines_count)
    bill, cheaper, missing = _planted_bill(statement)
    rec = reconcile(statement, bill, "bill.csv")
    items = {(i.category, i.key): i.diff_fen for i in rec.items.all()}
    assert items == {
        (MatchCategory.DIFFERS, cheaper[0]): 10,
        (MatchCategory.ONLY_OURS, missing[0]): missing[1],
        (MatchCategory.ONLY_THEIRS, "ZZ000000000"): -300,
    }
    assert rec.balanced and rec.difference_fen == 10 + missing[1] - 300
