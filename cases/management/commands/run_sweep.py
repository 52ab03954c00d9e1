import json
from datetime import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from cases.calendar import WIB
from cases.sweep import run_sweep


class Command(BaseCommand):
    help = (
        "Jalankan satu kali sapuan: pengingat, eskalasi dan lanjut otomatis yang sudah jatuh "
        "tempo. Aman diulang."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--now",
            help="Waktu acuan ISO 8601 (tanpa zona waktu dianggap WIB), mis. 2026-02-10T09:00",
        )
        parser.add_argument("--batch-size", type=int, default=None)

    def handle(self, *args, now=None, batch_size=None, **options):
        at = None
        if now:
            try:
                at = datetime.fromisoformat(now)
            except ValueError as exc:
                raise CommandError(
                    f"--now tidak valid: {now!r} (contoh: 2026-02-10T09:00)"
                ) from exc
            if timezone.is_naive(at):
                at = at.replace(tzinfo=WIB)
        if batch_size is not None and batch_size < 1:
            raise CommandError("--batch-size harus paling sedikit 1")
        result = run_sweep(now=at, batch_size=batch_size)
        self.stdout.write(json.dumps(result.as_dict(), ensure_ascii=False))
