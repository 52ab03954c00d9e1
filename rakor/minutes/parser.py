"""Minutes → draft directives. Rule-based and transparent: every choice carries its reason.

The pipeline, per sentence (``text.segments``):

1. *Is it a directive?* Markers of an instruction (``meminta``, ``diminta``, ``agar``,
   ``harus``, ``ditugaskan``, ``menyepakati``, a commitment ``akan kami``...) or, in a list,
   an office followed by what it is to do, count for it; markers of a report of past
   activity (``telah``, ``sudah``, ``melaporkan``, ``tercatat``...) count against it; and it
   must be anchored in something concrete (an office, a task keyword, a duty keyword). A
   sentence with abstract subjects only (``sinergi``, ``netralitas``) stays a statement of
   principle. Headlines (title case, no full stop) are skipped.
2. *Who said it?* A title before a speech verb (``Wali Kota dr. Aminuddin menegaskan``), a
   quote's tail (``tegasnya`` → the last speaker; ``kata Wakil Wali Kota``), a pronoun
   (``Ia``), or a section heading (``Arahan Bupati``).
3. *What kind?* Type keywords, weighted; below the threshold: ``lainnya``.
4. *Who leads?* An office the sentence names (the agent of ``oleh``, else the first office
   named that is not the speaker; offices after ``bersama``/``dibantu`` support), the
   speaker's own office for a commitment, the type's default lead, or the duty keywords.
   ``camat``/``lurah`` become the offices of the areas named (every kecamatan if none).
5. *Where?* The gazetteer: kecamatan, kelurahan, their aliases, and phrases such as
   ``wilayah selatan``.
6. *By when?* ``rakor.minutes.deadlines``.

No database and no network: a ``Lexicon`` carries what the parser knows.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from datetime import date

from cases.calendar import WorkingCalendar

from . import defaults
from .deadlines import find_deadline
from .lexicon import Lexicon, Term
from .text import Segment, fold, segments

STRONG_MARKERS = {
    "meminta": "permintaan",
    "minta": "permintaan",
    "diminta": "permintaan",
    "dimintakan": "permintaan",
    "dimohon": "permintaan",
    "mohon": "permintaan",
    "memohon": "permintaan",
    "menginstruksikan": "instruksi",
    "diinstruksikan": "instruksi",
    "instruksikan": "instruksi",
    "menugaskan": "penugasan",
    "ditugaskan": "penugasan",
    "tugaskan": "penugasan",
    "memerintahkan": "perintah",
    "diperintahkan": "perintah",
    "perintahkan": "perintah",
    "mengarahkan": "arahan",
    "diarahkan": "arahan",
    "agar": "kata “agar”",
    "supaya": "kata “supaya”",
    "hendaknya": "kata “hendaknya”",
    "harus": "kewajiban",
    "wajib": "kewajiban",
    "diwajibkan": "kewajiban",
    "diharapkan": "harapan yang ditujukan",
    "harap": "permintaan",
    "tolong": "permintaan",
    "menyepakati": "kesepakatan rapat",
    "disepakati": "kesepakatan rapat",
    "sepakat": "kesepakatan rapat",
    "memutuskan": "keputusan rapat",
    "diputuskan": "keputusan rapat",
    "segera": "kata “segera”",
    "mengusulkan": "usulan",
    "diusulkan": "usulan",
    "pastikan": "perintah",
    "aktifkan": "perintah",
    "laksanakan": "perintah",
    "tindaklanjuti": "perintah",
}
WEAK_MARKERS = {
    "perlu",
    "berharap",
    "mengharapkan",
    "mendorong",
    "mengajak",
    "mengimbau",
    "diimbau",
    "menekankan",
    "penting",
    "akan",
}
COMMITMENT = re.compile(r"(?<![\w])(akan\s+kami|kami\s+akan|siap\s+kami)(?![\w])", re.I)
PAST_MARKERS = {
    "telah",
    "sudah",
    "melaporkan",
    "dilaporkan",
    "tercatat",
    "berhasil",
    "menyita",
    "mencapai",
    "menunjukkan",
    "menurun",
    "terjadi",
    "berlangsung",
    "kemarin",
    "lalu",
    "mengapresiasi",
    "apresiasi",
    "terima",
    "menjawab",
    "menanyakan",
    "dibuka",
    "ditutup",
    "dijadwalkan",
    "menyebut",
    "sejak",
    "adanya",
    "kesiapan",
    "siap",
    "selesai",
}
REPORTING_VERBS = {
    "menyampaikan",
    "mengungkapkan",
    "menambahkan",
    "menilai",
    "menyoroti",
    "menyinggung",
    "menyatakan",
    "mengatakan",
    "menjelaskan",
    "dinilai",
    "membuka",
    "menutup",
    "memimpin",
}
SUPPORT_WORDS = re.compile(
    r"(?:bersama(?:\s+dengan)?|dengan|didukung(?:\s+oleh)?|dibantu(?:\s+oleh)?|"
    r"berkoordinasi\s+dengan|melibatkan|serta|dan)\s*$",
    re.I,
)
AGENT_WORDS = re.compile(
    r"(?:oleh|(?:meminta|menginstruksikan|menugaskan|memerintahkan|minta)\s+kepada)\s*$", re.I
)
PLACE_WORDS = re.compile(r"(?:di|ke|dari|pada|untuk|seluruh|se|tiap|setiap|per|antar)\s*$", re.I)
QUOTE_TAIL = re.compile(
    r"[”\"’]\s*,?\s*(?:(?:tegas|ujar|kata|ungkap|jelas|pungkas|tambah|imbau|pinta|terang|"
    r"sebut|tutur|ucap)(?:nya)?)(?:\s+(?P<who>[^.!?]*))?[.!?]?\s*$",
    re.I,
)
PRONOUN_START = re.compile(r"^\s*(?:ia|beliau|dia)\b", re.I)
LEAD_IN = re.compile(
    r"^\s*(?:(?:dalam|pada)\s+(?:arahannya|kesempatan\s+itu|sambutannya|paparannya),?\s*|"
    r"sementara\s+itu,?\s*|selain\s+itu,?\s*|menutup\s+(?:rakor|rapat),?\s*|menurut\s+|"
    r"dari\s+unsur\s+\w+,?\s*)",
    re.I,
)
SECTION_SPEAKER = re.compile(r"^\s*(?:arahan|instruksi|catatan)\s+(?P<who>.+?)\s*:?\s*$", re.I)
HONORIFICS = {"dr.", "dr", "h.", "hj.", "ir.", "drs.", "prof.", "kh.", "kh"}
NAME_STOP = {"kota", "kabupaten", "kab."}
WORD = re.compile(r"[\w'’.-]+", re.UNICODE)

TITLE_MAX = 120
NO_DEADLINE = "Tidak ada frasa batas waktu; dipakai batas bawaan jenis arahan saat disposisi."


@dataclass
class Suggestion:
    value: object
    reason: str


@dataclass
class Draft:
    start: int
    end: int
    source_sentence: str
    text: str
    title: str
    speaker_name: str = ""
    speaker_office: str = ""
    speaker_reason: str = ""
    directive_type: str = defaults.FALLBACK_TYPE
    type_reason: str = ""
    lead: list[str] = field(default_factory=list)
    supporting: list[str] = field(default_factory=list)
    organization_reasons: dict[str, str] = field(default_factory=dict)
    areas: list[str] = field(default_factory=list)
    area_reasons: dict[str, str] = field(default_factory=dict)
    due: date | None = None
    due_reason: str = ""
    detection_reasons: list[str] = field(default_factory=list)
    score: int = 0

    def as_dict(self) -> dict:
        data = asdict(self)
        data["due"] = self.due.isoformat() if self.due else None
        return data


@dataclass
class Skipped:
    start: int
    end: int
    text: str
    reason: str


@dataclass
class ParseResult:
    drafts: list[Draft]
    skipped: list[Skipped]

    def as_dict(self) -> dict:
        return {
            "drafts": [d.as_dict() for d in self.drafts],
            "skipped": [asdict(s) for s in self.skipped],
        }


@dataclass
class Speaker:
    name: str
    office_title: str
    office_code: str | None
    reason: str


@dataclass
class Mention:
    start: int
    end: int
    code: str
    phrase: str


# --- small helpers ------------------------------------------------------------------------


def _words(text: str) -> list[str]:
    return [w.strip(".,;:’'").lower() for w in WORD.findall(text)]


def _is_headline(segment: Segment, text: str) -> bool:
    stripped = text.strip()
    if not stripped or stripped[-1] in '.!?:;”"':
        return False
    tokens = [t for t in re.findall(r"[A-Za-z][\w-]*", stripped)]
    if len(tokens) < 4:
        return False
    capitalized = sum(1 for t in tokens if t[0].isupper())
    return capitalized / len(tokens) >= 0.6


PASSIVE = {
    "diminta",
    "ditugaskan",
    "diharapkan",
    "diinstruksikan",
    "agar",
    "supaya",
    "harus",
    "wajib",
    "dimohon",
    "diperintahkan",
    "perlu",
    "segera",
}


def _find_speaker_title(lexicon: Lexicon, text: str, limit: int | None = None):
    """A title at the head of the clause, followed (after an optional name) by a verb of
    speech or a comma: (start, end, Speaker). "Kepala Dinas Sosial diminta ..." is an
    addressee, not a speaker."""
    head = len(text) - len(text.lstrip(" “\"'‘"))
    best = None
    for pattern, title, office in lexicon.speaker_patterns:
        match = pattern.search(text, 0, limit if limit is not None else len(text))
        if match is None:
            continue
        before = text[head : match.start()]
        if before.strip() and not (before.rstrip().endswith(",") and len(before) <= 80):
            continue
        rest = text[match.end() :]
        name_tokens: list[str] = []
        verb_found = False
        comma_after = False
        cursor = 0
        for token in list(WORD.finditer(rest))[:7]:
            if "," in rest[cursor : token.start()]:
                comma_after = True
                break
            cursor = token.end()
            word = token.group(0)
            low = word.lower().rstrip(".,")
            if word.lower() in HONORIFICS or word[:1].isupper() or word[:1].isdigit():
                name_tokens.append(word)
                continue
            verb_found = (
                (low.startswith(("me", "ber")) or (low.startswith("di") and len(low) > 4))
                and low not in ("bersama", "beserta", "dalam")
            ) or low in (
                "juga",
                "pun",
                "saat",
                "dalam",
                "turut",
                "minta",
                "mohon",
            )
            if low in PASSIVE:
                verb_found = False
            break
        if not (verb_found or comma_after):
            continue
        name, office_title = _split_name(title, name_tokens)
        found = (match.start(), match.end() + cursor, Speaker(name, office_title, office, ""))
        if best is None or found[0] < best[0] or (found[0] == best[0] and found[1] > best[1]):
            best = found
    return best


def _split_name(title: str, tokens: list[str]) -> tuple[str, str]:
    """("dr. Aminuddin", "Wali Kota Probolinggo") from "Wali Kota Probolinggo dr. Aminuddin"."""
    if not tokens:
        return "", title
    lowered = [t.lower() for t in tokens]
    for index, token in enumerate(lowered):
        if token in HONORIFICS:
            office = " ".join([title, *tokens[:index]])
            return " ".join(tokens[index:]), office
    if any(t in NAME_STOP for t in lowered) or len(tokens) == 1 or tokens[0][:1].isdigit():
        return "", " ".join([title, *tokens])
    return " ".join(tokens), title


def _office_mentions(lexicon: Lexicon, text: str, exclude: list[tuple[int, int]]) -> list[Mention]:
    taken = list(exclude)
    found: list[Mention] = []
    for pattern, term in lexicon.office_terms:
        for match in pattern.finditer(text):
            start, end = match.span()
            if any(start < b and a < end for a, b in taken):
                continue
            if term.target in defaults.GENERIC_ROLES and _is_place_use(text, start, end):
                continue
            taken.append((start, end))
            found.append(Mention(start, end, term.target, match.group(0)))
    return sorted(found, key=lambda m: m.start)


def _is_place_use(text: str, start: int, end: int) -> bool:
    """ "di Kecamatan Genteng", "seluruh kecamatan": an area, not the office addressed."""
    word = fold(text[start:end])
    if word.startswith(("camat", "para camat", "lurah", "kepala desa")):
        return False
    if PLACE_WORDS.search(text[max(0, start - 12) : start]):
        return True
    following = text[end : end + 30].lstrip()
    return bool(following[:1].isupper())


def _score_types(lexicon: Lexicon, text: str) -> tuple[str, str, int]:
    scores: dict[str, int] = {}
    hits: dict[str, list[str]] = {}
    first: dict[str, int] = {}
    taken: list[tuple[int, int]] = []
    for pattern, term in sorted(lexicon.type_terms, key=lambda pt: -len(pt[1].phrase)):
        for match in pattern.finditer(text):
            start, end = match.span()
            if any(start < b and a < end for a, b in taken) and " " not in term.phrase:
                continue
            taken.append((start, end))
            scores[term.target] = scores.get(term.target, 0) + term.weight
            hits.setdefault(term.target, []).append(match.group(0))
            first[term.target] = min(first.get(term.target, start), start)
    if not scores:
        return defaults.FALLBACK_TYPE, "Tidak ada kata kunci jenis arahan; jenis “Lain-lain”.", 0
    best = max(scores, key=lambda code: (scores[code], -first[code]))
    if scores[best] < defaults.TYPE_MIN_SCORE or best not in lexicon.kind_by_code:
        words = ", ".join(f"“{w}”" for w in hits[best])
        return (
            defaults.FALLBACK_TYPE,
            f"Kata kunci {words} terlalu lemah (skor {scores[best]} < "
            f"{defaults.TYPE_MIN_SCORE}); jenis “Lain-lain”.",
            scores[best],
        )
    words = ", ".join(f"“{w}”" for w in dict.fromkeys(hits[best]))
    others = sorted(
        (
            f"{lexicon.kind_by_code[c].name if c in lexicon.kind_by_code else c} {s}"
            for c, s in scores.items()
            if c != best
        ),
    )
    reason = f"Kata kunci {words} (skor {scores[best]})"
    if others:
        reason += "; dibanding " + ", ".join(others)
    return best, reason + ".", scores[best]


def _duty_scores(lexicon: Lexicon, text: str) -> tuple[dict[str, int], dict[str, list[str]]]:
    scores: dict[str, int] = {}
    hits: dict[str, list[str]] = {}
    for pattern, term in lexicon.duty_terms:
        for match in pattern.finditer(text):
            scores[term.target] = scores.get(term.target, 0) + term.weight
            hits.setdefault(term.target, []).append(match.group(0))
    return scores, hits


def _areas(lexicon: Lexicon, text: str) -> tuple[list[str], dict[str, str]]:
    codes: list[str] = []
    reasons: dict[str, str] = {}
    taken: list[tuple[int, int]] = []
    for pattern, term in lexicon.area_terms:
        for match in pattern.finditer(text):
            start, end = match.span()
            if any(start < b and a < end for a, b in taken):
                continue
            taken.append((start, end))
            for code in term.areas:
                if code in lexicon.area_by_code and code not in codes:
                    codes.append(code)
                    kind = (
                        "frasa gazetir"
                        if term.kind in ("region", "landmark", "street")
                        else "nama wilayah"
                    )
                    reasons[code] = f"{kind} “{match.group(0)}”"
    # A kelurahan named with its own kecamatan: keep the narrower one only.
    narrower = {lexicon.area_by_code[c].parent_code for c in codes if c in lexicon.area_by_code}
    kept = [
        c
        for c in codes
        if not (
            c in narrower
            and lexicon.area_by_code[c].level == "kecamatan"
            and sum(1 for x in codes if lexicon.area_by_code[x].parent_code == c) > 0
            and reasons[c].startswith("nama")
        )
    ]
    return kept, {c: reasons[c] for c in kept}


def _expand_role(lexicon: Lexicon, role: str, areas: list[str]) -> list[str]:
    """The kecamatan or kelurahan offices for the areas named (all of them when none)."""
    level_offices = [o for o in lexicon.offices if o.kind == role and o.area_code]
    if not level_offices:
        return []
    wanted: set[str] = set()
    for code in areas:
        area = lexicon.area_by_code.get(code)
        if area is None or area.level == "kota":
            continue
        if role == "kecamatan":
            wanted.add(code if area.level == "kecamatan" else area.parent_code or "")
        elif area.level == "kelurahan":
            wanted.add(code)
        else:
            wanted.update(a.code for a in lexicon.areas if a.parent_code == code)
    if not wanted:
        return [o.code for o in level_offices]
    return [o.code for o in level_offices if o.area_code in wanted]


def _named_kelurahan(lexicon: Lexicon, text: str, mention: Mention) -> str | None:
    """ "Lurah Tanggung": the office of that kelurahan when the gazetteer knows it."""
    following = text[mention.end : mention.end + 40]
    for office in lexicon.offices:
        if office.kind != "kelurahan" or not office.area_code:
            continue
        area = lexicon.area_by_code.get(office.area_code)
        if area and re.match(rf"\s+{re.escape(area.name)}(?![\w])", following):
            return office.code
    return None


# --- the steps ----------------------------------------------------------------------------


def _detect(
    lexicon: Lexicon,
    segment: Segment,
    clause: str,
    mentions: list[Mention],
    type_score: int,
    duty_best: int,
    speaker: Speaker | None,
) -> tuple[bool, int, list[str]]:
    words = _words(clause)
    reasons: list[str] = []
    score = 0
    strong = [w for w in words if w in STRONG_MARKERS]
    if strong:
        score += 3
        reasons.append(
            "Penanda arahan: "
            + ", ".join(f"“{w}” ({STRONG_MARKERS[w]})" for w in dict.fromkeys(strong))
        )
    weak = [w for w in words if w in WEAK_MARKERS]
    if weak:
        score += min(2, len(weak))
        reasons.append("Penanda lemah: " + ", ".join(f"“{w}”" for w in dict.fromkeys(weak)))
    commitment = COMMITMENT.search(clause)
    if commitment:
        score += 3
        reasons.append(f"Komitmen penyampai: “{commitment.group(0)}”")
    subject_office = bool(mentions) and mentions[0].start <= _subject_window(clause)
    if segment.is_list_item and subject_office and not strong:
        score += 3
        reasons.append(
            f"Butir daftar yang diawali nama OPD (“{mentions[0].phrase}”) diikuti tugasnya"
        )
    # Once an instruction is given, what follows it is the task ("... dan melaporkan
    # hasilnya"): report words count only before the first marker.
    first_strong = next((i for i, w in enumerate(words) if w in STRONG_MARKERS), len(words))
    past = [w for w in words[:first_strong] if w in PAST_MARKERS]
    reporting = [w for w in words[:first_strong] if w in REPORTING_VERBS]
    if past:
        score -= 2 * min(2, len(past))
        reasons.append(
            "Penanda laporan/kegiatan lampau: " + ", ".join(f"“{w}”" for w in dict.fromkeys(past))
        )
    if reporting and not strong:
        score -= 1
        reasons.append(
            "Kata kerja pelaporan tanpa permintaan: "
            + ", ".join(f"“{w}”" for w in dict.fromkeys(reporting))
        )
    anchored = bool(mentions) or type_score >= defaults.TYPE_MIN_SCORE or duty_best >= 2
    anchored = anchored or bool(commitment and speaker and speaker.office_code)
    if not anchored:
        reasons.append(
            "Tidak menyebut OPD, tugas, atau kata kunci tugas pokok: pernyataan umum/prinsip"
        )
        return False, score, reasons
    if "?" in clause:
        reasons.append("Kalimat tanya")
        return False, score, reasons
    return score >= 3, score, reasons


def _subject_window(clause: str) -> int:
    """Where the subject of a clause may end: before its first marker or verb."""
    match = re.search(
        r"(?<![\w])(?:agar|supaya|diminta|diharapkan|harus|wajib|ditugaskan|dimohon|"
        r"me\w+|mem\w+|meng\w+|tolong|cek|kuras|aktifkan|patroli)(?![\w])",
        clause,
        re.I,
    )
    return match.start() if match else min(len(clause), 40)


def _speaker_for(
    lexicon: Lexicon,
    clause: str,
    tail_speaker: Speaker | None,
    current: Speaker | None,
) -> tuple[Speaker | None, tuple[int, int] | None]:
    if tail_speaker is not None:
        return tail_speaker, None
    body = LEAD_IN.sub(lambda m: " " * len(m.group(0)), clause)
    found = _find_speaker_title(lexicon, body, limit=min(len(body), 80))
    if found:
        start, end, speaker = found
        speaker.reason = f"Disebut sebagai penyampai: “{clause[start:end]}”"
        return speaker, (start, end)
    if PRONOUN_START.match(body) and current is not None:
        return (
            Speaker(
                current.name,
                current.office_title,
                current.office_code,
                f"Kata ganti “{PRONOUN_START.match(body).group(0).strip()}” merujuk "
                f"penyampai sebelumnya ({current.office_title})",
            ),
            None,
        )
    return None, None


def _tail_speaker(lexicon: Lexicon, text: str, current: Speaker | None) -> Speaker | None:
    match = QUOTE_TAIL.search(text)
    if not match:
        return None
    who = (match.group("who") or "").strip(" ,.")
    if who:
        found = _find_speaker_title(lexicon, who + " menyampaikan")
        if found:
            speaker = found[2]
            speaker.reason = f"Ekor kutipan menyebut penyampai: “{match.group(0).strip()}”"
            return speaker
        return Speaker(who, who, None, f"Ekor kutipan menyebut penyampai: “{who}”")
    if current is not None:
        return Speaker(
            current.name,
            current.office_title,
            current.office_code,
            f"Kutipan ditutup “{match.group(0).strip(' ”,.')}”: penyampai sebelumnya "
            f"({current.office_title})",
        )
    return None


def _quote_speaker(
    lexicon: Lexicon, pieces: list[Segment], index: int, current: Speaker | None
) -> Speaker | None:
    """The speaker of a quotation: named in the tail of the sentence that closes it."""
    text = pieces[index].text
    if QUOTE_TAIL.search(text):
        return _tail_speaker(lexicon, text, current)
    if not text.lstrip().startswith(("“", '"')) or "”" in text:
        return None
    for ahead in pieces[index + 1 : index + 6]:
        if "”" in ahead.text or '"' in ahead.text:
            return (
                _tail_speaker(lexicon, ahead.text, current)
                if QUOTE_TAIL.search(ahead.text)
                else None
            )
    return None


def _clauses(text: str) -> list[tuple[int, int]]:
    """Clauses split at semicolons (a list of duties in one sentence)."""
    spans = []
    cursor = 0
    for match in re.finditer(r";\s*", text):
        spans.append((cursor, match.start()))
        cursor = match.end()
    spans.append((cursor, len(text)))
    return [(a, b) for a, b in spans if text[a:b].strip()]


def _strip_quotes(text: str) -> str:
    text = QUOTE_TAIL.sub("", text)
    return text.strip().strip("“”\"'‘’ ").strip()


ACTION_VERB = re.compile(r"(?<![\w])me[mn]?[gy]?\w{3,}", re.I)


def _title(lexicon: Lexicon, text: str, mentions: list[Mention], type_code: str) -> str:
    """A short title: from the first action verb after the instruction marker
    ("... meminta Satpol PP bersama DKUP menjaga fasilitas ..." → "Menjaga fasilitas ...")."""
    body = _strip_quotes(text)
    words = list(re.finditer(r"[\w-]+", body))
    marker_at = next((w.end() for w in words if w.group(0).lower() in STRONG_MARKERS), 0)
    cut = None
    for word in words:
        low = word.group(0).lower()
        if word.start() < marker_at or low in STRONG_MARKERS or low in REPORTING_VERBS:
            continue
        if ACTION_VERB.fullmatch(word.group(0)) and not any(
            m.start <= word.start() < m.end for m in mentions
        ):
            cut = word.start()
            break
    title = (body[cut:] if cut is not None else body).strip(" ,.;:")
    title = title[:1].upper() + title[1:]
    if len(title) > TITLE_MAX:
        title = title[:TITLE_MAX].rsplit(" ", 1)[0].rstrip(",;:") + "…"
    if not title:
        kind = lexicon.kind_by_code.get(type_code)
        title = kind.name if kind else "Arahan"
    return title


def _organizations(
    lexicon: Lexicon,
    clause: str,
    mentions: list[Mention],
    speaker: Speaker | None,
    type_code: str,
    areas: list[str],
) -> tuple[list[str], list[str], dict[str, str]]:
    reasons: dict[str, str] = {}
    lead_roles: list[tuple[str, Mention | None]] = []
    supporting_roles: list[tuple[str, Mention | None]] = []
    # The speaker's own title is already cut out of ``mentions``; the same office named
    # again is an addressee ("Kepala Kejaksaan Negeri ...; Kejaksaan Negeri menyiapkan ...").
    usable = list(mentions)
    commitment = COMMITMENT.search(clause)
    agent = next(
        (m for m in usable if AGENT_WORDS.search(clause[max(0, m.start - 10) : m.start])), None
    )
    if commitment and speaker and speaker.office_code:
        lead_roles.append((speaker.office_code, None))
        reasons[speaker.office_code] = (
            f"Pengampu: komitmen “{commitment.group(0)}” dari {speaker.office_title}"
        )
    elif agent is not None:
        lead_roles.append((agent.code, agent))
        reasons[agent.code] = f"Pengampu: pelaksana yang disebut (“{agent.phrase}”)"
    for mention in usable:
        if any(code == mention.code for code, _m in lead_roles + supporting_roles):
            continue
        before = clause[max(0, mention.start - 30) : mention.start]
        if (not lead_roles and not SUPPORT_WORDS.search(before.rstrip(" ,"))) or (
            not lead_roles and mention is usable[0]
        ):
            lead_roles.append((mention.code, mention))
            reasons[mention.code] = f"Pengampu: disebut langsung dalam kalimat (“{mention.phrase}”)"
        else:
            supporting_roles.append((mention.code, mention))
            reasons[mention.code] = f"Pendukung: disebut bersama pengampu (“{mention.phrase}”)"
    kind = lexicon.kind_by_code.get(type_code)
    if not lead_roles:
        if kind and kind.default_lead:
            lead_roles.append((kind.default_lead, None))
            reasons[kind.default_lead] = (
                f"Pengampu: tidak ada OPD disebut; pengampu bawaan jenis “{kind.name}”"
            )
            for code in kind.default_supporting:
                if code not in reasons:
                    supporting_roles.append((code, None))
                    reasons[code] = f"Pendukung bawaan jenis “{kind.name}”"
        else:
            duty, hits = _duty_scores(lexicon, clause)
            if duty:
                best = max(duty, key=lambda c: duty[c])
                lead_roles.append((best, None))
                words = ", ".join(f"“{w}”" for w in dict.fromkeys(hits[best]))
                reasons[best] = f"Pengampu: peta kata kunci tugas pokok {words} (skor {duty[best]})"
    # Generic roles become the offices of the areas named.
    lead: list[str] = []
    supporting: list[str] = []
    final_reasons: dict[str, str] = {}
    roles_present = {code for code, _m in lead_roles}
    for bucket, target in ((lead_roles, lead), (supporting_roles, supporting)):
        for code, mention in bucket:
            if (
                code == defaults.KELURAHAN
                and defaults.KECAMATAN in roles_present
                and bucket is supporting_roles
            ):
                continue  # the camat moves their lurah; no separate case per kelurahan
            if code in defaults.GENERIC_ROLES:
                named = (
                    _named_kelurahan(lexicon, clause, mention)
                    if mention and code == defaults.KELURAHAN
                    else None
                )
                offices = [named] if named else _expand_role(lexicon, code, areas)
                where = (
                    "wilayah yang disebut"
                    if areas
                    else "seluruh wilayah (tidak ada wilayah disebut)"
                )
                for office in offices:
                    if office not in lead and office not in supporting:
                        target.append(office)
                        final_reasons[office] = f"{reasons[code]}; {code} untuk {where}"
                continue
            if code not in lexicon.office_by_code:
                continue
            if code not in lead and code not in supporting:
                target.append(code)
                final_reasons[code] = reasons[code]
    return lead, supporting, final_reasons


def _section_speaker(lexicon: Lexicon, text: str) -> Speaker | None:
    match = SECTION_SPEAKER.match(text)
    if not match:
        return None
    who = re.split(r"\s+kepada\s+", match.group("who"), maxsplit=1, flags=re.I)[0]
    found = _find_speaker_title(lexicon, who + " menyampaikan")
    if not found:
        return None
    speaker = found[2]
    speaker.reason = f"Judul bagian: “{text.strip()}”"
    return speaker


def parse_minutes(
    text: str,
    *,
    lexicon: Lexicon,
    meeting_date: date,
    calendar: WorkingCalendar | None = None,
) -> ParseResult:
    """Draft directives from minutes. Never raises on any ``str``; see ``check_minutes``."""
    calendar = calendar or WorkingCalendar(work_week=5)
    drafts: list[Draft] = []
    skipped: list[Skipped] = []
    pieces = segments(text)
    current: Speaker | None = None
    section: Speaker | None = None
    for index, piece in enumerate(pieces):
        if piece.is_heading or (not piece.is_list_item and _is_headline(piece, piece.text)):
            heading_speaker = _section_speaker(lexicon, piece.text.rstrip(":"))
            if heading_speaker:
                section = current = heading_speaker
            skipped.append(Skipped(piece.start, piece.end, piece.text, "Judul atau kepala bagian"))
            continue
        heading_speaker = _section_speaker(lexicon, piece.text)
        if heading_speaker and len(piece.text) < 80:
            section = current = heading_speaker
            skipped.append(Skipped(piece.start, piece.end, piece.text, "Judul bagian arahan"))
            continue
        tail = _quote_speaker(lexicon, pieces, index, current)
        speaker, speaker_span = _speaker_for(lexicon, piece.text, tail, current)
        if speaker is not None and speaker_span is not None:
            current = speaker
        if speaker is None and section is not None:
            speaker = Speaker(
                section.name, section.office_title, section.office_code, section.reason
            )
        clause_spans = _clauses(piece.text)
        results = []
        for clause_start, clause_end in clause_spans:
            clause = piece.text[clause_start:clause_end]
            exclude = []
            if speaker_span and clause_start <= speaker_span[0] < clause_end:
                exclude.append((speaker_span[0] - clause_start, speaker_span[1] - clause_start))
            mentions = _office_mentions(lexicon, clause, exclude)
            type_code, type_reason, type_score = _score_types(lexicon, clause)
            duty, _hits = _duty_scores(lexicon, clause)
            is_directive, score, reasons = _detect(
                lexicon, piece, clause, mentions, type_score, max(duty.values(), default=0), speaker
            )
            results.append(
                (
                    clause_start,
                    clause_end,
                    clause,
                    mentions,
                    type_code,
                    type_reason,
                    is_directive,
                    score,
                    reasons,
                )
            )
        directive_clauses = [r for r in results if r[6]]
        if len(directive_clauses) == 1 and len(results) > 1:
            # One instruction with context around it: the whole sentence is its source.
            r = directive_clauses[0]
            whole = piece.text
            mentions = _office_mentions(lexicon, r[2], [])
            shift = r[0]
            mentions = [Mention(m.start + shift, m.end + shift, m.code, m.phrase) for m in mentions]
            directive_clauses = [(0, len(whole), whole, mentions, r[4], r[5], True, r[7], r[8])]
        if not directive_clauses:
            reasons = results[0][8] if results else []
            skipped.append(
                Skipped(
                    piece.start,
                    piece.end,
                    piece.text,
                    "; ".join(reasons) or "Tidak ada penanda arahan",
                )
            )
            continue
        for (
            c_start,
            c_end,
            clause,
            mentions,
            type_code,
            type_reason,
            _d,
            score,
            reasons,
        ) in directive_clauses:
            areas, area_reasons = _areas(lexicon, clause)
            lead, supporting, org_reasons = _organizations(
                lexicon, clause, mentions, speaker, type_code, areas
            )
            deadline = find_deadline(clause, meeting=meeting_date, calendar=calendar)
            draft = Draft(
                start=piece.start + c_start,
                end=piece.start + c_end,
                source_sentence=clause.strip(),
                text=_strip_quotes(clause)[:20000],
                title=_title(lexicon, clause, mentions, type_code)[:255],
                directive_type=type_code,
                type_reason=type_reason,
                lead=lead,
                supporting=[c for c in supporting if c not in lead],
                organization_reasons=org_reasons,
                areas=areas,
                area_reasons=area_reasons,
                due=deadline.due if deadline else None,
                due_reason=deadline.reason if deadline else NO_DEADLINE,
                detection_reasons=reasons,
                score=score,
            )
            if speaker is not None:
                draft.speaker_name = speaker.name[:200]
                draft.speaker_office = speaker.office_title[:200]
                draft.speaker_reason = speaker.reason
            else:
                draft.speaker_reason = "Penyampai tidak disebut."
            if not lead:
                draft.organization_reasons["-"] = (
                    "Tidak ada OPD disebut dan tidak ada kata kunci tugas pokok: pilih pengampu."
                )
            drafts.append(draft)
    return ParseResult(drafts=drafts, skipped=skipped)


__all__ = ["Draft", "Lexicon", "ParseResult", "Skipped", "Term", "parse_minutes"]
