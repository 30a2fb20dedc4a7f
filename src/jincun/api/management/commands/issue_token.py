from django.core.management.base import BaseCommand, CommandError

from jincun.api.services import TokenRefused, issue_token


class Command(BaseCommand):
    help = "Issue an API token for a brand, a scanning device at a station, or a user; prints the key once."

    def add_arguments(self, parser):
        scope = parser.add_mutually_exclusive_group(required=True)
        scope.add_argument("--brand", help="brand code, e.g. ZTO")
        scope.add_argument("--device", help="device id (with --station)")
        scope.add_argument("--user", help="username: the token acts with that user's role")
        parser.add_argument("--station", help="station code where the device sits (with --device)")
        parser.add_argument("--name", help="label shown on the admin page")

    def handle(self, *args, brand, device, user, station, name, **options):
        try:
            token, key = issue_token(brand=brand, device=device, station=station, username=user, name=name)
        except TokenRefused as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(f"{token.name} ({token.get_kind_display()})")
        self.stdout.write(key)
        self.stderr.write("The key is shown only this once; store it now.")
