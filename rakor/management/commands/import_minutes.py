"""python manage.py import_minutes FILE --rakor ID [--dry-run] [--as USERNAME]

Prints the draft directives as JSON. Without --dry-run the drafts are also saved for the
import screen (as the given coordinator); nothing becomes a directive until accepted there.
"""

from __future__ import annotations

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from accounts.models import GlobalRole, User
from cases.errors import DomainError
from cases.models import Rakor
from rakor import services


class Command(BaseCommand):
    help = "Membaca notulen menjadi draf arahan dan mencetaknya sebagai JSON."

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--rakor", type=int, required=True)
        parser.add_argument("--dry-run", action="store_true", help="Tidak menyimpan apa pun.")
        parser.add_argument("--as", dest="username", help="Koordinator yang mengimpor.")

    def handle(self, *args, **options):
        rakor = Rakor.objects.filter(pk=options["rakor"]).first()
        if rakor is None:
            raise CommandError(f"Rakor {options['rakor']} tidak ditemukan.")
        path = Path(options["file"])
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise CommandError(f"Berkas tidak dapat dibaca: {exc}") from None
        try:
            if options["dry_run"]:
                result = services.minutes_parse(rakor=rakor, data=data)
            else:
                actor = self._coordinator(options.get("username"))
                imported = services.minutes_import(
                    rakor=rakor, actor=actor, data=data, source_name=path.name
                )
                result = services.minutes_parse(rakor=rakor, data=imported.text)
                result["import_id"] = imported.pk
        except DomainError as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(json.dumps(result, ensure_ascii=False, indent=2, default=str))

    def _coordinator(self, username: str | None) -> User:
        users = User.objects.filter(
            is_active=True, role__in=[GlobalRole.COORDINATOR, GlobalRole.ADMIN]
        )
        user = users.filter(username=username).first() if username else users.order_by("pk").first()
        if user is None:
            raise CommandError("Tidak ada koordinator aktif; pakai --as USERNAME.")
        return user
