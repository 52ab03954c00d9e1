"""Render the sample report of the demo's January 2026 Rakor (for the README).

    python -m rakor.demo.sample_report var/sample-report.pdf
    pdftoppm -r 90 -f 1 -l 2 -png var/sample-report.pdf docs/screenshots/rakor-report

Works in a throw-away SQLite database, so it touches nothing of yours.
"""

from __future__ import annotations

import os
import sys
import tempfile


def main(out: str) -> None:
    os.environ["TLR_VAR_DIR"] = tempfile.mkdtemp(prefix="tlr-sample-")
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.local"
    import django

    django.setup()
    from django.core.management import call_command

    from cases.demo.loader import load_demo, wib
    from cases.models import Rakor
    from rakor.reports.data import collect
    from rakor.reports.pdf import render_pdf

    call_command("migrate", verbosity=0)
    load_demo()
    rakor = Rakor.objects.get(date="2026-01-28")
    data = collect(rakor, as_of=wib("2026-02-20 09:00"))
    with open(out, "wb") as handle:
        handle.write(render_pdf(data))


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "sample-report.pdf")
