"""`manage.py export_process <slug> <file>`: one self-contained JSON archive of a process."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from archive.format import dump_archive
from archive.selectors import process_archive_body
from strategy.models import StrategyProcess


class Command(BaseCommand):
    help = "Write a process with everything in it to one JSON archive (see archive/format.py)."

    def add_arguments(self, parser):
        parser.add_argument("slug", help="the process's short name")
        parser.add_argument("file", help="the archive to write")

    def handle(self, *args, slug, file, **options):
        process = StrategyProcess.objects.select_related("organisation").filter(slug=slug).first()
        if process is None:
            raise CommandError(_("No process has the short name %(slug)s.") % {"slug": slug})
        data = dump_archive(process_archive_body(process))
        Path(file).write_bytes(data)
        self.stdout.write(_("Wrote %(file)s (%(size)d bytes).") % {"file": file, "size": len(data)})
