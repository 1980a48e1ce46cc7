from django.core.management.base import BaseCommand, CommandError

from api import services
from strategy.models import Organisation


class Command(BaseCommand):
    help = "Create an API token for an organisation and print its key (shown only this once)."

    def add_arguments(self, parser):
        parser.add_argument("organisation", help="The organisation's slug.")
        parser.add_argument("name", help="What the token is for, e.g. 'Power BI'.")

    def handle(self, *args, organisation: str, name: str, **options):
        try:
            org = Organisation.objects.get(slug=organisation)
        except Organisation.DoesNotExist as exc:
            raise CommandError(f"No organisation with the slug {organisation!r}.") from exc
        token, key = services.token_create(organisation=org, name=name)
        self.stderr.write(
            f"Token {token.pk} ({token}) created. Store the key now: it is not shown again."
        )
        self.stdout.write(key)
