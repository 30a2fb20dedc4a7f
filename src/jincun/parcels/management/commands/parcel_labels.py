from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from jincun.addressing.labels import render_labels
from jincun.addressing.sort_plan import label_for
from jincun.parcels.choices import Direction, State
from jincun.parcels.models import Parcel


class Command(BaseCommand):
    help = (
        "Print hub labels (PDF, 76×50 mm) for parcels: the given waybills, or every inbound parcel at the hub "
        "(--at-hub). Sort code and route come from the sort plan; the recipient is masked."
    )

    def add_arguments(self, parser):
        parser.add_argument("waybills", nargs="*", help="waybill numbers")
        parser.add_argument(
            "--at-hub", action="store_true", help="all inbound parcels at the hub or sorted there"
        )
        parser.add_argument("--output", "-o", required=True, help="PDF to write")

    def handle(self, *args, waybills, at_hub, output, **options):
        parcels = Parcel.objects.select_related("brand", "village").order_by("route_code", "waybill")
        if waybills:
            parcels = parcels.filter(waybill__in=[w.strip().upper() for w in waybills])
        elif at_hub:
            parcels = parcels.filter(direction=Direction.INBOUND, state__in=[State.AT_HUB, State.SORTED])
        else:
            raise CommandError("give waybills or --at-hub")
        day = timezone.localdate()
        labels = [
            label_for(
                p.waybill,
                p.brand,
                p.village,
                day,
                recipient_name=p.recipient_name,
                recipient_phone=p.recipient_phone,
            )
            for p in parcels
        ]
        if not labels:
            raise CommandError("no parcel matched")
        Path(output).write_bytes(render_labels(labels))
        missing = len(set(w.strip().upper() for w in waybills)) - len(labels) if waybills else 0
        self.stdout.write(
            f"{len(labels)} 张标签 → {output}" + (f"；{missing} 个运单号未找到" if missing > 0 else "")
        )
