import datetime as dt
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from rich.progress import track

from jincun.addressing.gazetteer import get_gazetteer
from jincun.addressing.labels import render_labels
from jincun.addressing.resolver import resolve
from jincun.addressing.sort_plan import label_for
from jincun.core.imports import TableError, read_table
from jincun.network.models import AdminArea, Brand


class Command(BaseCommand):
    help = (
        "Print hub labels (PDF, 76×50 mm) for parcels listed in CSV/XLSX: waybill,brand,address[,name,phone]; "
        "each address is resolved and routed by the brand's agreement."
    )

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--output", "-o", required=True, help="PDF to write")
        parser.add_argument("--date", help="day of the sort plan (YYYY-MM-DD, default today)")

    def handle(self, *args, file, output, date, **options):
        try:
            day = dt.date.fromisoformat(date) if date else dt.date.today()
            rows = list(read_table(file))
        except ValueError as exc:
            raise CommandError(f"bad --date {date}: use YYYY-MM-DD") from exc
        except (OSError, TableError) as exc:
            raise CommandError(f"cannot read {file}: {exc}") from exc
        gaz = get_gazetteer()
        brands = {b.code: b for b in Brand.objects.all()}
        labels, refused = [], 0
        for line, row in track(rows, description="标签"):
            brand = brands.get(row.get("brand", ""))
            if brand is None or not row.get("waybill"):
                self.stderr.write(f"第 {line} 行：品牌代码或运单号无效")
                refused += 1
                continue
            res = resolve(row.get("address", ""), gazetteer=gaz)
            village = AdminArea.objects.filter(code=res.village_code).first() if res.village_code else None
            labels.append(
                label_for(
                    row["waybill"],
                    brand,
                    village,
                    day,
                    recipient_name=row.get("name", ""),
                    recipient_phone=row.get("phone", ""),
                )
            )
        Path(output).write_bytes(render_labels(labels))
        self.stdout.write(f"{len(labels)} 张标签 → {output}；拒绝 {refused} 行")
