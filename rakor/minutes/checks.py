"""Bad input is refused with a clear message before anything is parsed or created."""

from __future__ import annotations

import re

MAX_BYTES = 200 * 1024
MIN_LETTERS = 20
# Function words: frequent in any Indonesian text, rare in English or Javanese prose.
INDONESIAN = {
    "yang",
    "dan",
    "di",
    "untuk",
    "dengan",
    "agar",
    "ini",
    "itu",
    "dari",
    "pada",
    "akan",
    "kepada",
    "ke",
    "dalam",
    "tidak",
    "juga",
    "serta",
    "bahwa",
    "oleh",
    "para",
    "telah",
    "sudah",
    "meminta",
    "diminta",
    "supaya",
    "rapat",
    "rakor",
    "kota",
    "kabupaten",
    "warga",
    "sebagai",
    "atau",
    "bagi",
    "seluruh",
    "segera",
    "harus",
    "kecamatan",
    "kelurahan",
}
ENGLISH = {
    "the",
    "and",
    "of",
    "to",
    "is",
    "in",
    "that",
    "for",
    "with",
    "was",
    "are",
    "be",
    "this",
    "on",
    "as",
    "by",
    "it",
    "at",
    "from",
    "will",
    "should",
    "have",
    "has",
    "were",
    "which",
}


class MinutesRejected(ValueError):
    """The input cannot be read as minutes; the message says why, in Bahasa Indonesia."""


def _decode(data: bytes) -> str:
    if b"\x00" in data[:4096]:
        raise MinutesRejected(
            "Berkas ini bukan teks (berisi data biner). Unggah notulen dalam format teks (.txt)."
        )
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise MinutesRejected("Berkas ini bukan teks yang dapat dibaca (UTF-8).")


def check_minutes(data: str | bytes) -> str:
    """The text of the minutes, or MinutesRejected: empty, over 200 KB, binary, not Indonesian."""
    raw = data.encode("utf-8", "surrogatepass") if isinstance(data, str) else data
    if len(raw) > MAX_BYTES:
        raise MinutesRejected(
            f"Notulen terlalu besar ({-(-len(raw) // 1024)} KB); paling besar 200 KB. Pisahkan "
            "menjadi beberapa bagian."
        )
    text = data if isinstance(data, str) else _decode(raw)
    if "\x00" in text:
        raise MinutesRejected("Berkas ini bukan teks (berisi data biner).")
    if not text.strip():
        raise MinutesRejected("Notulen kosong. Tempel atau unggah teks notulen rapat.")
    controls = sum(1 for ch in text if ord(ch) < 32 and ch not in "\n\r\t")
    if controls > max(5, len(text) // 100):
        raise MinutesRejected("Berkas ini bukan teks (terlalu banyak karakter kendali).")
    words = re.findall(r"[^\W\d_]+", text.lower())
    letters = sum(len(w) for w in words)
    if letters < MIN_LETTERS:
        raise MinutesRejected("Notulen terlalu pendek untuk dibaca sebagai arahan rapat.")
    indonesian = sum(1 for w in words if w in INDONESIAN)
    english = sum(1 for w in words if w in ENGLISH)
    needed = 1 if len(words) < 12 else max(2, len(words) // 40)
    if indonesian < needed or english > indonesian:
        raise MinutesRejected(
            "Teks ini tampaknya bukan Bahasa Indonesia. Notulen harus ditulis dalam Bahasa "
            "Indonesia."
        )
    return text.replace("\r\n", "\n").replace("\r", "\n")
