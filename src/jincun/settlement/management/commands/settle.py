from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from rich.console import Console
from rich.progress import Progress
from rich.table import Table

from jincun.settlement.services.periods import parse_month
from jincun.settlement.services.rating import rate_month
from jincun.settlement.services.statements import draft_statements


class Command(BaseCommand):
    help = "Rate a month's scan events into charge lines, then draft its statements (jincun settle --month 2026-10)."

    def add_arguments(self, parser):
        parser.add_argument("--month", required=True, help="YYYY-MM (Asia/Shanghai)")

    def handle(self, *args, month, **options):
        console = Console(file=self.stdout, highlight=False, width=120)
        try:
            first = parse_month(month)
            with Progress(transient=True, console=console) as progress:
                task = progress.add_task(f"计费 {month}", total=None)
                run = rate_month(
                    first, progress=lambda done, total: progress.update(task, completed=done, total=total)
                )
            statements = draft_statements(first)
        except ValidationError as exc:
            raise CommandError("；".join(exc.messages)) from exc
        console.print(
            f"{month} 计费完成：新增明细 {run.lines_created} 条（其中迟到事件 {run.late_lines} 条）"
        )
        table = Table(title=f"{month} 对账单（草稿）")
        for column in ("对账单号", "对象", "方向", "明细", "合计(元)", "状态"):
            table.add_column(column)
        for s in statements:
            table.add_row(
                s.number, s.party_name, s.direction_text, str(s.lines_count), f"{s.total_fen / 100:,.2f}",
                s.get_state_display(),
            )  # fmt: skip
        console.print(table)
