from django.core.management.base import BaseCommand

from cases.demo.loader import DEMO_PASSWORD, load_demo

DEMO_LOGINS = [
    ("koordinator", "Koordinator Bakesbangpol (semua kasus, disposisi, verifikasi)"),
    ("bakesbangpol.kepala", "Kepala Bakesbangpol (koordinator, eskalasi tingkat 2)"),
    ("dpuprpkp.staf", "Staf DPUPRPKP"),
    ("dpuprpkp.kepala", "Kepala DPUPRPKP"),
    ("dishub.staf", "Staf Dishub"),
    ("dishub.kepala", "Kepala Dishub"),
    ("kec-wonoasih.staf", "Staf Kecamatan Wonoasih (melihat juga kasus kelurahannya)"),
    ("kec-wonoasih.kepala", "Camat Wonoasih"),
    ("kel-sumber-taman.staf", "Staf Kelurahan Sumber Taman"),
    ("kel-sumber-taman.kepala", "Lurah Sumber Taman"),
    ("polres.staf", "Mitra: Polres Probolinggo Kota"),
    ("auditor", "Auditor Inspektorat (hanya membaca)"),
    ("sekda", "Pimpinan daerah (hanya membaca)"),
    ("admin", "Administrator (/admin/)"),
]


class Command(BaseCommand):
    help = "Muat data demo Kota Probolinggo (idempoten: aman dijalankan berulang)."

    def handle(self, *args, **options):
        counts = load_demo()
        self.stdout.write(self.style.SUCCESS("Data demo siap."))
        for key, value in counts.items():
            self.stdout.write(f"  {key}: {value}")
        self.stdout.write(f"\nAkun demo (kata sandi semuanya: {DEMO_PASSWORD}):")
        for username, label in DEMO_LOGINS:
            self.stdout.write(f"  {username:<26} {label}")
