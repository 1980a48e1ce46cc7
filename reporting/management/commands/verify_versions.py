"""Recompute the SHA-256 of every approved version's content and PDF; exit non-zero on any
mismatch."""

import hashlib

from django.core.management.base import BaseCommand, CommandError

from reporting.models import StrategyVersion


class Command(BaseCommand):
    help = "Check the content and PDF hashes of every approved strategy version."

    def handle(self, *args, **options):
        mismatches = []
        count = 0
        for version in StrategyVersion.objects.select_related("process").order_by(
            "process__slug", "number"
        ):
            count += 1
            name = f"{version.process.slug} v{version.number}"
            content = hashlib.sha256(version.snapshot.encode()).hexdigest()
            pdf = hashlib.sha256(bytes(version.pdf)).hexdigest()
            if content != version.content_sha256:
                mismatches.append(f"{name}: content SHA-256 {content} != {version.content_sha256}")
            if pdf != version.pdf_sha256:
                mismatches.append(f"{name}: PDF SHA-256 {pdf} != {version.pdf_sha256}")
        for line in mismatches:
            self.stderr.write(line)
        if mismatches:
            raise CommandError(f"{len(mismatches)} mismatch(es) in {count} version(s).")
        self.stdout.write(f"{count} version(s) verified.")
