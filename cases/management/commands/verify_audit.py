from django.core.management.base import BaseCommand, CommandError

from cases import audit
from cases.models import AuditRoot, Case, CaseEvent


class Command(BaseCommand):
    help = (
        "Periksa rantai hash setiap kasus (peristiwa dan riwayat) dan akar audit harian. "
        "Keluar dengan kode 1 bila ada catatan yang rusak."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--case",
            type=int,
            action="append",
            dest="cases",
            help="hanya kasus ini (boleh diulang)",
        )
        parser.add_argument(
            "--roots",
            choices=["latest", "all", "none"],
            default="latest",
            help="akar harian yang diperiksa (bawaan: yang terakhir)",
        )

    def handle(self, *args, cases=None, roots="latest", **options):
        first = next(audit.verify_cases(cases), None)
        if first is not None:
            self.stdout.write(self.style.ERROR(f"RUSAK: {first}"))
            raise CommandError("Rantai audit rusak.", returncode=1)
        scope = Case.objects.filter(pk__in=cases) if cases else Case.objects.all()
        self.stdout.write(self.style.SUCCESS(
            f"UTUH: {scope.count()} kasus, "
            f"{CaseEvent.objects.filter(case__in=scope).count()} peristiwa, "
            f"{Case.history.filter(id__in=scope.values('pk')).count()} baris riwayat."
        ))  # fmt: skip
        selected = {"latest": AuditRoot.objects.all()[:1], "all": AuditRoot.objects.all(),
                    "none": AuditRoot.objects.none()}[roots]  # fmt: skip
        for root in selected:
            if not audit.verify_root(root):
                self.stdout.write(self.style.ERROR(
                    f"RUSAK: akar audit {root.day} ({root.root[:16]}…) tidak cocok lagi "
                    f"dengan catatan."
                ))  # fmt: skip
                raise CommandError("Akar audit tidak cocok.", returncode=1)
            self.stdout.write(f"Akar {root.day}: {root.root} cocok ({root.chains} rantai).")
