"""What the parser knows, as plain data: offices, areas, places, keywords.

A ``Lexicon`` is built either from the defaults (``Lexicon.default()``: no database, for the
evaluation and the property tests) or from the database by ``rakor.lexicon`` (what admins
edit). Everything here is pure Python.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property

from . import defaults
from .text import fold


@dataclass(frozen=True)
class Office:
    code: str
    name: str
    kind: str = "dinas"  # dinas, badan, kecamatan, kelurahan, partner, ...
    area_code: str | None = None  # for kecamatan and kelurahan offices


@dataclass(frozen=True)
class Place:
    code: str
    name: str
    level: str  # kota, kecamatan, kelurahan
    parent_code: str | None = None


@dataclass(frozen=True)
class DirectiveKind:
    code: str
    name: str
    default_lead: str | None = None
    default_supporting: tuple[str, ...] = ()
    working_days: int = 10


@dataclass(frozen=True)
class Term:
    """A phrase and what it points at (an office code, a type code, area codes)."""

    phrase: str
    target: str
    weight: int = 1
    kind: str = ""
    areas: tuple[str, ...] = ()


def phrase_pattern(phrase: str) -> re.Pattern[str]:
    """Word-bounded, case-insensitive, tolerant of spaces, hyphens and slashes between words.

    A short all-capital abbreviation (PU, TNI) is matched in capitals only, so that it is
    not found inside ordinary words written in lower case.
    """
    words = [re.escape(w) for w in re.split(r"[\s\-/]+", phrase.strip()) if w]
    body = r"[\s\-/]+".join(words) if words else re.escape(phrase)
    pattern = rf"(?<![\w]){body}(?![\w])"
    if phrase.isupper() and len(phrase) <= 3:
        return re.compile(pattern)
    return re.compile(pattern, re.IGNORECASE)


@dataclass
class Lexicon:
    offices: list[Office] = field(default_factory=list)
    areas: list[Place] = field(default_factory=list)
    area_aliases: list[tuple[str, str]] = field(default_factory=list)  # (alias, area code)
    kinds: list[DirectiveKind] = field(default_factory=list)
    office_aliases: list[Term] = field(default_factory=list)
    type_keywords: list[Term] = field(default_factory=list)
    duty_keywords: list[Term] = field(default_factory=list)
    places: list[Term] = field(default_factory=list)
    speaker_titles: list[tuple[str, str | None]] = field(
        default_factory=lambda: list(defaults.SPEAKER_TITLES)
    )

    # --- lookups ---------------------------------------------------------------------------
    @cached_property
    def office_by_code(self) -> dict[str, Office]:
        return {office.code: office for office in self.offices}

    @cached_property
    def kind_by_code(self) -> dict[str, DirectiveKind]:
        return {kind.code: kind for kind in self.kinds}

    @cached_property
    def area_by_code(self) -> dict[str, Place]:
        return {area.code: area for area in self.areas}

    @cached_property
    def office_terms(self) -> list[tuple[re.Pattern[str], Term]]:
        """Office names and aliases, longest first (so 'Dinas PUPR' beats 'PU')."""
        terms = list(self.office_aliases)
        for office in self.offices:
            if office.kind in ("kecamatan", "kelurahan"):
                continue  # reached through the generic roles and the areas they name
            terms.append(Term(office.name, office.code))
        seen: set[tuple[str, str]] = set()
        unique = []
        for term in sorted(terms, key=lambda t: -len(t.phrase)):
            key = (fold(term.phrase), term.target)
            if key in seen or not term.phrase.strip():
                continue
            seen.add(key)
            unique.append((phrase_pattern(term.phrase), term))
        return unique

    @cached_property
    def type_terms(self) -> list[tuple[re.Pattern[str], Term]]:
        return [(phrase_pattern(t.phrase), t) for t in self.type_keywords if t.phrase.strip()]

    @cached_property
    def duty_terms(self) -> list[tuple[re.Pattern[str], Term]]:
        return [(phrase_pattern(t.phrase), t) for t in self.duty_keywords if t.phrase.strip()]

    @cached_property
    def area_terms(self) -> list[tuple[re.Pattern[str], Term]]:
        """Area names, aliases and gazetteer phrases, longest first."""
        terms: list[Term] = []
        for area in self.areas:
            if area.level == "kota":
                terms.append(Term(area.name, area.code, kind="kota", areas=(area.code,)))
                continue
            terms.append(Term(area.name, area.code, kind=area.level, areas=(area.code,)))
        for alias, code in self.area_aliases:
            area = self.area_by_code.get(code)
            if area is not None:
                terms.append(Term(alias, code, kind=area.level, areas=(code,)))
        terms.extend(self.places)
        ordered = sorted(terms, key=lambda t: -len(t.phrase))
        return [(self._area_pattern(t), t) for t in ordered if t.phrase.strip()]

    @staticmethod
    def _area_pattern(term: Term) -> re.Pattern[str]:
        if term.kind in ("kecamatan", "kelurahan") and " " not in term.phrase.strip():
            # A one-word area name is also an ordinary word (Jati, Pilang): it must be
            # written with a capital, as a name is.
            return re.compile(rf"(?<![\w]){re.escape(term.phrase.strip())}(?![\w])")
        return phrase_pattern(term.phrase)

    @cached_property
    def speaker_patterns(self) -> list[tuple[re.Pattern[str], str, str | None]]:
        ordered = sorted(self.speaker_titles, key=lambda t: -len(t[0]))
        return [(phrase_pattern(title), title, office) for title, office in ordered]

    # --- construction ----------------------------------------------------------------------
    @classmethod
    def default(cls) -> Lexicon:
        """The built-in lexicon over the demo's organizations and Kota Probolinggo's areas."""
        from cases.demo import reference

        offices = [
            Office(code, full, kind)
            for code, _short, full, kind, _week, _duties in reference.ORGANIZATIONS
        ]
        offices += [Office(code, full, "partner") for code, _short, full in reference.PARTNERS]
        kota_code, kota_name = reference.KOTA
        areas = [Place(kota_code, kota_name, "kota")]
        area_aliases: list[tuple[str, str]] = []
        for kec_code, kec_name, kelurahan in reference.AREAS:
            areas.append(Place(kec_code, kec_name, "kecamatan", kota_code))
            slug = kec_name.lower().replace(" ", "-")
            offices.append(Office(f"kec-{slug}", f"Kecamatan {kec_name}", "kecamatan", kec_code))
            for alias in reference.KECAMATAN_ALIASES.get(kec_name, []):
                area_aliases.append((alias, kec_code))
            for suffix, name, aliases in kelurahan:
                code = f"{kec_code}.{suffix}"
                areas.append(Place(code, name, "kelurahan", kec_code))
                kel_slug = name.lower().replace(" ", "-")
                offices.append(Office(f"kel-{kel_slug}", f"Kelurahan {name}", "kelurahan", code))
                area_aliases += [(alias, code) for alias in aliases]
        kinds = [
            DirectiveKind(code, name, lead, tuple(supporting), days)
            for code, name, lead, supporting, days, _contract in reference.DIRECTIVE_TYPES
        ]
        return cls(
            offices=offices,
            areas=areas,
            area_aliases=area_aliases,
            kinds=kinds,
            office_aliases=[Term(a, c) for a, c in defaults.ORGANIZATION_ALIASES],
            type_keywords=[Term(k, t, w) for k, t, w in defaults.TYPE_KEYWORDS],
            duty_keywords=[Term(k, o, w) for k, o, w in defaults.DUTY_KEYWORDS],
            places=[
                Term(p, ",".join(codes), kind=kind, areas=tuple(codes))
                for p, kind, codes in defaults.PLACES
            ],
        )
