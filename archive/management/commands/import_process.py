"""`manage.py import_process <file> [--slug NEW]`: restore a process from its JSON archive."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from archive.format import ArchiveError
from archive.services import archive_import


class Command(BaseCommand):
    help = (
        "Restore a process from an archive written by export_process, in one transaction; "
        "a damaged archive or an existing short name is refused and nothing is written."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="the archive to read")
        parser.add_argument("--slug", help="restore under this short name instead")

    def handle(self, *args, file, slug=None, **options):
        try:
            raw = Path(file).read_bytes()
        except OSError as error:
            raise CommandError(
                _("The archive %(file)s cannot be read: %(error)s")
                % {"file": file, "error": error.strerror or error}
            ) from error
        try:
            process = archive_import(raw=raw, slug=slug)
        except ArchiveError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            _("Restored the process %(title)s as %(slug)s.")
            % {"title": process.title, "slug": process.slug}
        )
