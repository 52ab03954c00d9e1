"""Segmenting minutes into sentences, with their offsets in the original text.

Minutes come as press releases (paragraphs, quotes with an attribution tail), reported
speech, bullet or numbered lists, and terse messages. A segment is one sentence or one
list item; its ``start``/``end`` are offsets into the text as given, so the screen can
highlight it. Hard-wrapped paragraphs (a line that does not end a sentence, followed by a
line that starts in lower case) are read as one paragraph.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

# A list item: "- ", "• ", "* ", "1. ", "1) ", "a. ", "A. ", "(1) ", "I. ".
LIST_MARK = re.compile(r"^[ \t]*(?:[-–—•*·▪►]|\(?\d{1,3}[.)]|\(?[a-zA-Z][.)]|[IVX]{1,5}\.)[ \t]+")
HEADING_END = re.compile(r":\s*$")
# Words after which a full stop does not end the sentence.
ABBREVIATIONS = {
    "dr",
    "drs",
    "ir",
    "h",
    "hj",
    "jl",
    "jln",
    "no",
    "st",
    "kh",
    "prof",
    "s.pd",
    "s.h",
    "s.sos",
    "m.si",
    "m.m",
    "kec",
    "kel",
    "ds",
    "kab",
    "tgl",
    "bpk",
    "ibu",
    "sdr",
    "yth",
    "dll",
    "dsb",
    "a.n",
    "u.p",
    "rt",
    "rw",
    "gg",
    "kp",
    "km",
    "pk",
    "ybs",
    "wib",
}
SENTENCE_END = re.compile(r"[.!?…]+[”\"’')\]]*(?=\s+|$)")
OPEN_QUOTES = '“"‘'
CLOSE_QUOTES = '”"’'


@dataclass(frozen=True)
class Segment:
    start: int
    end: int
    text: str
    is_list_item: bool = False
    is_heading: bool = False
    line: int = 0


def clean(text: str) -> str:
    """NFC, no control characters but newlines and tabs; the length is preserved."""
    text = unicodedata.normalize("NFC", text)
    return "".join(ch if ch in "\n\t" or unicodedata.category(ch)[0] != "C" else " " for ch in text)


def _lines(text: str) -> list[tuple[int, int]]:
    spans = []
    position = 0
    for line in text.split("\n"):
        spans.append((position, position + len(line)))
        position += len(line) + 1
    return spans


def _is_heading(line: str) -> bool:
    stripped = line.strip()
    if not stripped:
        return False
    if HEADING_END.search(stripped) and len(stripped) < 120:
        return True
    letters = [c for c in stripped if c.isalpha()]
    return bool(letters and len(letters) > 8 and all(c.isupper() for c in letters))


def _ends_sentence(line: str) -> bool:
    stripped = line.rstrip()
    return not stripped or stripped[-1] in '.!?:;…”"’)' or _is_heading(stripped)


def _blocks(text: str) -> list[tuple[int, int, bool, bool, int]]:
    """Paragraphs and list items as (start, end, is_list_item, is_heading, line number)."""
    blocks: list[tuple[int, int, bool, bool, int]] = []
    current: list[int] | None = None  # [start, end, is_list, line]
    for number, (start, end) in enumerate(_lines(text)):
        line = text[start:end]
        if not line.strip():
            if current:
                blocks.append((current[0], current[1], bool(current[2]), False, current[3]))
                current = None
            continue
        is_list = bool(LIST_MARK.match(line))
        continues = (
            current is not None
            and not is_list
            and not _ends_sentence(text[current[0] : current[1]])
            and line.lstrip()[:1].islower()
        )
        if continues:
            current[1] = end
            continue
        if current:
            blocks.append((current[0], current[1], bool(current[2]), False, current[3]))
        if _is_heading(line) and not is_list:
            blocks.append((start, end, False, True, number))
            current = None
            continue
        current = [start, end, int(is_list), number]
    if current:
        blocks.append((current[0], current[1], bool(current[2]), False, current[3]))
    return blocks


def _is_abbreviation(text: str, dot: int) -> bool:
    """Whether the full stop at ``dot`` closes an abbreviation or an initial (A. Yani)."""
    # Only the few characters before the dot: searching the whole prefix would make
    # splitting quadratic in the length of the text.
    word = re.search(r"([\w.]+)$", text[max(0, dot - 24) : dot])
    if not word:
        return False
    token = word.group(1).lower().strip(".")
    if token in ABBREVIATIONS:
        return True
    # A single capital letter: an initial ("GOR A. Yani").
    return len(token) == 1 and dot > 0 and text[dot - 1].isupper()


def _split_block(text: str, start: int, end: int) -> list[tuple[int, int]]:
    pieces: list[tuple[int, int]] = []
    block = text[start:end]
    cursor = 0
    depth = 0  # inside a quotation: a full stop there does not end the attribution
    index = 0
    while index < len(block):
        ch = block[index]
        if ch == "“":
            depth += 1
        elif ch == "”":
            depth = max(0, depth - 1)
        match = SENTENCE_END.match(block, index) if ch in ".!?…" else None
        if match:
            stop = match.end()
            dot = index
            closes_quote = any(q in block[index:stop] for q in '”"')
            following = block[stop:].lstrip()
            next_char = following[:1]
            boundary = not (ch == "." and _is_abbreviation(block, dot)) and (
                not next_char
                or next_char.isupper()
                or next_char in OPEN_QUOTES
                or next_char.isdigit()
                or next_char in "-•("
            )
            if depth and not closes_quote:
                # Inside a quote: split the quoted sentences too, they can be two directives.
                boundary = boundary and next_char.isupper()
            if boundary:
                pieces.append((start + cursor, start + stop))
                cursor = stop
                if closes_quote:
                    depth = 0
            index = stop
            continue
        index += 1
    if cursor < len(block):
        pieces.append((start + cursor, end))
    result = []
    for piece_start, piece_end in pieces:
        segment = text[piece_start:piece_end]
        lead = len(segment) - len(segment.lstrip())
        trail = len(segment) - len(segment.rstrip())
        if segment.strip():
            result.append((piece_start + lead, piece_end - trail))
    return result


def segments(text: str) -> list[Segment]:
    found: list[Segment] = []
    for start, end, is_list, is_heading, line in _blocks(text):
        if is_heading:
            content = text[start:end].strip()
            offset = text.index(content, start) if content else start
            found.append(Segment(offset, offset + len(content), content, False, True, line))
            continue
        body_start = start
        if is_list:
            mark = LIST_MARK.match(text[start:end])
            if mark:
                body_start = start + mark.end()
        for piece_start, piece_end in _split_block(text, body_start, end):
            found.append(
                Segment(piece_start, piece_end, text[piece_start:piece_end], is_list, False, line)
            )
    return found


def fold(text: str) -> str:
    """Lower case, curly quotes made straight; same length as ``text``."""
    table = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'", "–": "-", "—": "-"})
    folded = text.translate(table)
    lowered = folded.lower()
    # str.lower can change the length of a few characters (e.g. "İ"); keep offsets valid.
    return lowered if len(lowered) == len(folded) else folded
