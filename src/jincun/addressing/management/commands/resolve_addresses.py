import os
import sys

from django.core.management.base import BaseCommand, CommandError
from rich.progress import BarColumn, Progress, TextColumn, TimeRemainingColumn

from jincun.addressing.choices import ResolutionStatus
from jincun.addressing.csvio import RowReader
from jincun.addressing.gazetteer import get_gazetteer
from jincun.addressing.resolver import resolve
from jincun.addressing.review import queue_for_review
from jincun.core.exports import safe_writer

OUT_COLUMNS = ["id", "status", "town_code", "village_code", "confidence", "candidates", "reason"]


class Command(BaseCommand):
    help = (
        "Resolve addresses to village units: reads CSV id,address (UTF-8, BOM optional; other columns kept), "
        "writes id,status,town_code,village_code,confidence,candidates,reason + the kept columns."
    )

    def add_arguments(self, parser):
        parser.add_argument("input", help="CSV with columns id,address")
        parser.add_argument("--output", "-o", required=True, help="CSV to write ('-' for standard output)")
        parser.add_argument("--county", help="county code (default: the county loaded by `jincun init`)")
        parser.add_argument(
            "--review", action="store_true", help="put every not-resolved row in the hub review queue"
        )

    def handle(self, *args, input, output, county, review=False, **options):
        self.review = review
        try:
            gaz = get_gazetteer(county)
        except LookupError as exc:
            raise CommandError(str(exc)) from exc
        try:
            raw = open(input, "rb")  # noqa: SIM115 - closed below
        except OSError as exc:
            raise CommandError(f"cannot read {input}: {exc.strerror}") from exc
        with raw:
            rows = RowReader(raw)
            if "address" not in rows.header:
                raise CommandError(f"{input}: missing column 'address' (header: {','.join(rows.header)})")
            kept = [h for h in rows.header if h and h not in OUT_COLUMNS]
            try:
                out = sys.stdout if output == "-" else open(output, "w", encoding="utf-8", newline="")  # noqa: SIM115
            except OSError as exc:
                raise CommandError(f"cannot write {output}: {exc.strerror}") from exc
            counts: dict[str, int] = {}
            try:
                writer = safe_writer(out)
                writer.writerow(OUT_COLUMNS + kept)
                size = os.fstat(raw.fileno()).st_size
                with Progress(
                    TextColumn("解析地址"),
                    BarColumn(),
                    TextColumn("{task.fields[n]} 条"),
                    TimeRemainingColumn(),
                    console=None,
                    disable=output == "-",
                    transient=False,
                ) as progress:
                    task = progress.add_task("resolve", total=size or 1, n=0)
                    for n, (line, row, problem) in enumerate(rows, start=1):
                        record = self._resolve(gaz, line, row, problem, kept)
                        counts[record[1]] = counts.get(record[1], 0) + 1
                        writer.writerow(record)
                        if n % 500 == 0:
                            progress.update(task, completed=rows.position(), n=n)
                    progress.update(task, completed=size or 1, n=sum(counts.values()))
            finally:
                if out is not sys.stdout:
                    out.close()
        summary = "，".join(f"{ResolutionStatus(k).label} {v}" for k, v in sorted(counts.items()))
        self.stderr.write(f"共 {sum(counts.values())} 条：{summary}")

    def _resolve(self, gaz, line, row, problem, kept) -> list:
        if row is None:
            return [f"line{line}", "unresolved", "", "", "0", "", problem] + [""] * len(kept)
        ident = row.get("id", "") or f"line{line}"
        res = resolve(row.get("address", ""), gazetteer=gaz)
        if self.review:
            queue_for_review(row.get("address", ""), res, ref=ident, source="cli")
        reason = res.reason if not problem else f"{problem}；{res.reason}".strip("；")
        return [
            ident,
            res.status,
            res.town_code,
            res.village_code,
            f"{res.confidence:.2f}",
            "|".join(res.candidates),
            reason,
        ] + [row.get(h, "") for h in kept]
