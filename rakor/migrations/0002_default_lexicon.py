"""The parser's starting knowledge: office aliases, type and duty keywords, places.

Taken from ``rakor.minutes.defaults`` (the lists the offline evaluation runs on). A later
change to those lists changes what a fresh database starts with; existing rows stay as the
admins left them.
"""

from django.db import migrations

from rakor.minutes import defaults

ALIASES = list(defaults.ORGANIZATION_ALIASES)
TYPE_KEYWORDS = list(defaults.TYPE_KEYWORDS)
DUTY_KEYWORDS = list(defaults.DUTY_KEYWORDS)
PLACES = list(defaults.PLACES)


def seed(apps, schema_editor):
    alias = apps.get_model("rakor", "OrganizationAlias")
    rule = apps.get_model("rakor", "KeywordRule")
    place = apps.get_model("rakor", "GazetteerEntry")
    alias.objects.bulk_create([alias(alias=a, organization_code=c) for a, c in ALIASES])
    rule.objects.bulk_create(
        [rule(phrase=k, directive_type_code=t, weight=w) for k, t, w in TYPE_KEYWORDS]
        + [rule(phrase=k, organization_code=o, weight=w) for k, o, w in DUTY_KEYWORDS]
    )
    place.objects.bulk_create(
        [place(phrase=p, kind=kind, area_codes=codes) for p, kind, codes in PLACES]
    )


def unseed(apps, schema_editor):
    for name in ("OrganizationAlias", "KeywordRule", "GazetteerEntry"):
        apps.get_model("rakor", name).objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("rakor", "0001_rakor_cycle")]
    operations = [migrations.RunPython(seed, unseed)]
