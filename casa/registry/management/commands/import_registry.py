"""`manage.py import_registry DIR`: import the tenant register from the agency's CSV exports.

The format, the options and the exit codes are in docs/registry-import.md.
"""

import sys
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from casa.registry.importing import import_registry

SHOWN_REJECTIONS = 50


class Command(BaseCommand):
    help = "Import the tenant register from the CSV files in DIR (docs/registry-import.md)."

    def add_arguments(self, parser):
        parser.add_argument("directory", metavar="DIR", type=Path)
        parser.add_argument(
            "--full", action="store_true",
            help="The files are the whole register: end the tenancy of current households "
                 "missing from households.csv, and the membership of current members missing "
                 "from members.csv (never deleted). Needs households.csv.")
        parser.add_argument(
            "--skip-invalid", action="store_true",
            help="Import the valid rows even if some rows are rejected (by default any "
                 "rejected row means nothing is written).")
        parser.add_argument(
            "--report", metavar="FILE", type=Path,
            help="Where to write the CSV report of rejected rows (default: a timestamped "
                 "file under CASA_IMPORT_REPORT_DIR).")

    def handle(self, *args, directory, full, skip_invalid, report, **options):
        if not directory.is_dir():
            raise CommandError(_("%(directory)s is not a directory.") % {"directory": directory})
        if full and not (directory / "households.csv").exists():
            raise CommandError(_("--full needs households.csv (the whole register) in "
                                 "%(directory)s.") % {"directory": directory})
        if report is None:
            stamp = timezone.localtime().strftime("%Y%m%d-%H%M%S")
            report = Path(settings.CASA_IMPORT_REPORT_DIR) / f"import-registry-{stamp}.csv"

        result = import_registry(directory, full=full, skip_invalid=skip_invalid,
                                 report_path=report, progress=sys.stderr.isatty())

        for name in result.missing_files:
            self.stdout.write(_("%(file)s: not in %(directory)s, skipped.")
                              % {"file": name, "directory": directory})
        for rejection in result.rejections[:SHOWN_REJECTIONS]:
            self.stdout.write(self.style.WARNING(
                _("%(file)s line %(line)s, %(column)s: %(reason)s")
                % {"file": rejection.file, "line": rejection.line,
                   "column": rejection.column or "-", "reason": rejection.reason}))
        hidden = len(result.rejections) - SHOWN_REJECTIONS
        if hidden > 0:
            self.stdout.write(self.style.WARNING(
                _("... and %(count)s more (see the report).") % {"count": hidden}))

        self.stdout.write(_("%(file)-20s %(read)9s %(created)9s %(updated)9s %(unchanged)9s "
                            "%(rejected)9s") % {
            "file": pgettext("import summary column", "file"),
            "read": pgettext("import summary column", "read"),
            "created": pgettext("import summary column", "created"),
            "updated": pgettext("import summary column", "updated"),
            "unchanged": pgettext("import summary column", "unchanged"),
            "rejected": pgettext("import summary column", "rejected")})
        for stats in result.files.values():
            if stats.present:
                self.stdout.write(f"{stats.name:20} {stats.read:9} {stats.created:9} "
                                  f"{stats.updated:9} {stats.unchanged:9} {stats.rejected:9}")
        if result.moved and not result.rolled_back:
            self.stdout.write(_("Members who moved to another household: %(count)s")
                              % {"count": result.moved})
        if full and not result.rolled_back:
            self.stdout.write(_("Households no longer in the register, tenancy ended: "
                                "%(count)s") % {"count": result.ended})
            if result.files["members.csv"].present:
                self.stdout.write(_("Members no longer in the register, membership ended: "
                                    "%(count)s") % {"count": result.ended_members})
        self.stdout.write(_("Report: %(path)s") % {"path": result.report_path})

        if result.rolled_back:
            raise CommandError(_(
                "%(count)s row(s) rejected: nothing was written. Fix the files, or run with "
                "--skip-invalid to import the valid rows.") % {"count": result.rejected_rows})
        if result.rejections:
            self.stdout.write(self.style.WARNING(
                _("%(count)s row(s) rejected and skipped; the valid rows were imported.")
                % {"count": result.rejected_rows}))
        else:
            self.stdout.write(self.style.SUCCESS(_("Import complete.")))
