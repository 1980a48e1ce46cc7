"""Load the idempotent demo data of every app (each app's `demo.seed`)."""

from importlib import import_module

from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils.module_loading import module_has_submodule

from strategy.demo import DEMO_ACCOUNTS, DEMO_PASSWORD

PROJECT_APPS = ("accounts", "strategy", "workshops", "actionplan", "reporting")


class Command(BaseCommand):
    help = "Load demo data for Rødovre Kommune (process digitalisering-0-6). Idempotent."

    def add_arguments(self, parser):
        parser.add_argument(
            "--force",
            action="store_true",
            help="Run even when DEBUG is off (demo accounts have the password 'demo').",
        )

    def handle(self, *args, force: bool = False, **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                "seed_demo creates accounts with a known password and refuses to run when "
                "DEBUG is off. Use --force if you really mean it."
            )
        for app_config in apps.get_app_configs():
            if app_config.name in PROJECT_APPS and module_has_submodule(app_config.module, "demo"):
                module = import_module(f"{app_config.name}.demo")
                module.seed(stdout=self.stdout)
        self.stdout.write(
            self.style.SUCCESS(f"Demo data loaded. Demo logins (password: {DEMO_PASSWORD}):")
        )
        for email, _name, role, _title in DEMO_ACCOUNTS:
            self.stdout.write(f"  {email:<32} {role.label}")
