from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from jincun.network.models import AdminArea
from jincun.network.services.brands import ensure_default_brands
from jincun.network.services.divisions import bundled_counties, load_bundled
from jincun.network.services.targets import ensure_policy_targets


class Command(BaseCommand):
    help = "Create or upgrade the database schema and load the bundled county divisions, brands and targets."

    def add_arguments(self, parser):
        parser.add_argument(
            "--county", default="yiyuan", help=f"bundled county to load ({', '.join(bundled_counties())})"
        )
        parser.add_argument("--no-divisions", action="store_true", help="only create the schema and brands")

    def handle(self, *args, county, no_divisions, **options):
        from django.conf import settings

        settings.DATA_DIR.mkdir(parents=True, exist_ok=True)
        call_command("migrate", interactive=False, verbosity=0)
        brands = ensure_default_brands()
        self.stdout.write(f"schema ready; {brands} brands added")
        if no_divisions:
            return
        try:
            report = load_bundled(county)
        except LookupError as exc:
            raise CommandError(str(exc)) from exc
        if report.errors:
            raise CommandError(f"bundled divisions have {len(report.errors)} bad rows: {report.errors[0]}")
        county_area = AdminArea.objects.filter(level="county").order_by("code").first()
        ensure_policy_targets(county_area)
        towns = AdminArea.objects.towns().filter(parent=county_area).count()
        units = AdminArea.objects.villages().filter(code__startswith=county_area.code[:6])
        self.stdout.write(
            f"{county_area.name}: {towns} towns, {units.count()} village units "
            f"({units.filter(unit_type='village_committee').count()} 村委会 + "
            f"{units.filter(unit_type='residents_committee').count()} 居委会); {report.summary()}"
        )
