"""Does every case's open viewflow task match its status? Optionally bring them in step."""

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from cases.locks import lock_case
from workflows.selectors import disagreements
from workflows.sync import sync_case_tasks


class Command(BaseCommand):
    help = (
        "Periksa kesesuaian status kasus dengan tugas alur kerjanya "
        "(--repair: selaraskan tugas dengan status kasus)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--repair",
            action="store_true",
            help="Make the task layer follow each disagreeing case's status (the status wins).",
        )

    def handle(self, *args, repair=False, **options):
        found = disagreements()
        for problem in found:
            self.stdout.write(str(problem))
        if found and repair:
            for case_id in sorted({problem.case_id for problem in found}):
                with transaction.atomic():
                    sync_case_tasks(case=lock_case(case_id), actor=None)
            found = disagreements()
            self.stdout.write(f"Setelah perbaikan: {len(found)} ketidaksesuaian.")
        if found:
            raise CommandError(f"{len(found)} kasus tidak sesuai dengan tugasnya.")
        self.stdout.write(self.style.SUCCESS("Semua kasus sesuai dengan tugas alur kerjanya."))
