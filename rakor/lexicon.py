"""The parser's lexicon from the database: what admins see and edit.

Offices: active organizations with their current and former names, plus the aliases
(``OrganizationAlias``); areas with their aliases; the gazetteer; the keyword rules; the
directive types with their default lead and supporting offices. A fixed number of queries.
"""

from __future__ import annotations

from cases.models import Area, AreaAlias, DirectiveType, Organization, OrganizationName

from .minutes.lexicon import DirectiveKind, Lexicon, Office, Place, Term
from .models import GazetteerEntry, KeywordRule, OrganizationAlias


def lexicon_from_db() -> Lexicon:
    organizations = list(Organization.objects.filter(is_active=True).select_related("area"))
    codes = {o.pk: o.code for o in organizations}
    offices = [
        Office(o.code, o.name, o.kind, o.area.code if o.area_id else None) for o in organizations
    ]
    aliases = [
        Term(a.alias, a.organization_code) for a in OrganizationAlias.objects.filter(is_active=True)
    ]
    # Short names and former names (DKUPP for today's DKUP) are names too.
    for organization in organizations:
        if organization.short_name and organization.kind not in ("kecamatan", "kelurahan"):
            aliases.append(Term(organization.short_name, organization.code))
    for name in OrganizationName.objects.filter(organization__is_active=True):
        code = codes.get(name.organization_id)
        if code:
            aliases += [Term(name.name, code), Term(name.short_name, code)]
    areas = [
        Place(code, name, level, parent)
        for code, name, level, parent in Area.objects.values_list(
            "code", "name", "level", "parent__code"
        )
    ]
    area_aliases = list(AreaAlias.objects.values_list("alias", "area__code"))
    types = list(DirectiveType.objects.filter(is_active=True).select_related("default_lead"))
    supporting: dict[int, list[str]] = {}
    through = DirectiveType.default_supporting.through.objects.values_list(
        "directivetype_id", "organization__code"
    )
    for type_id, code in through:
        supporting.setdefault(type_id, []).append(code)
    kinds = [
        DirectiveKind(
            t.code,
            t.name,
            t.default_lead.code if t.default_lead_id else None,
            tuple(supporting.get(t.pk, [])),
            t.default_working_days,
        )
        for t in types
    ]
    rules = list(KeywordRule.objects.filter(is_active=True))
    places = [
        Term(g.phrase, ",".join(g.area_codes), kind=g.kind, areas=tuple(g.area_codes))
        for g in GazetteerEntry.objects.filter(is_active=True)
        if isinstance(g.area_codes, list)
    ]
    return Lexicon(
        offices=offices,
        areas=areas,
        area_aliases=area_aliases,
        kinds=kinds,
        office_aliases=aliases,
        type_keywords=[
            Term(r.phrase, r.directive_type_code, r.weight) for r in rules if r.directive_type_code
        ],
        duty_keywords=[
            Term(r.phrase, r.organization_code, r.weight) for r in rules if r.organization_code
        ],
        places=places,
    )
