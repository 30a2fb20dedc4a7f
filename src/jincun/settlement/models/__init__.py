from jincun.settlement.models.ledger import ChargeLine, Period, RatingRun
from jincun.settlement.models.reconciliation import Reconciliation, ReconciliationItem
from jincun.settlement.models.statements import Dispute, Statement, StatementEvent
from jincun.settlement.models.tariffs import Tariff

__all__ = [
    "ChargeLine",
    "Dispute",
    "Period",
    "RatingRun",
    "Reconciliation",
    "ReconciliationItem",
    "Statement",
    "StatementEvent",
    "Tariff",
]
