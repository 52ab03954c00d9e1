"""Evidence files: what a file really is, and what a directive type requires.

The type of an upload is decided by its content (magic bytes, then Pillow or the PDF
header), never by its name or the browser's Content-Type; the name's extension must agree
with the content. Images are opened with Pillow's decompression-bomb guard.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import PurePath
from typing import IO

from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from PIL import Image

from .errors import InvalidInput
from .models.records import EvidenceKind

# Pillow raises DecompressionBombError above twice this many pixels, warns above it.
Image.MAX_IMAGE_PIXELS = 40_000_000


@dataclass(frozen=True)
class Sniffed:
    content_type: str
    kind: str
    extensions: tuple[str, ...]


SIGNATURES: tuple[tuple[bytes, int, Sniffed], ...] = (
    (b"\xff\xd8\xff", 0, Sniffed("image/jpeg", EvidenceKind.PHOTO, (".jpg", ".jpeg"))),
    (b"\x89PNG\r\n\x1a\n", 0, Sniffed("image/png", EvidenceKind.PHOTO, (".png",))),
    (b"WEBP", 8, Sniffed("image/webp", EvidenceKind.PHOTO, (".webp",))),
    (b"%PDF-", 0, Sniffed("application/pdf", EvidenceKind.DOCUMENT, (".pdf",))),
)

KIND_LABELS = {
    EvidenceKind.PHOTO: gettext_lazy("foto"),
    EvidenceKind.DOCUMENT: gettext_lazy("dokumen PDF"),
}


def sniff(head: bytes) -> Sniffed | None:
    for magic, offset, sniffed in SIGNATURES:
        if head[offset : offset + len(magic)] == magic:
            if sniffed.content_type == "image/webp" and head[:4] != b"RIFF":
                continue
            return sniffed
    return None


@dataclass(frozen=True)
class CheckedFile:
    content_type: str
    kind: str
    size: int
    sha256: str
    safe_name: str


def check_upload(fileobj: IO[bytes], *, name: str, size: int | None = None) -> CheckedFile:
    """Validate an uploaded file; raise InvalidInput (field ``file``) when it is refused."""
    limit = settings.EVIDENCE_MAX_BYTES
    safe_name = PurePath(name.replace("\\", "/")).name.strip()[:200] or "berkas"
    fileobj.seek(0)
    digest = hashlib.sha256()
    total = 0
    head = b""
    for chunk in iter(lambda: fileobj.read(64 * 1024), b""):
        if not head:
            head = chunk[:32]
        total += len(chunk)
        if total > limit:
            raise InvalidInput.on(
                "file",
                _("Berkas terlalu besar: paling besar %(mb)s MB.") % {"mb": limit // (1024 * 1024)},
            )
        digest.update(chunk)
    if total == 0:
        raise InvalidInput.on("file", _("Berkas kosong."))
    sniffed = sniff(head)
    if sniffed is None:
        raise InvalidInput.on(
            "file", _("Jenis berkas tidak diterima: unggah foto (JPEG, PNG, WebP) atau PDF.")
        )
    extension = PurePath(safe_name).suffix.lower()
    if extension not in sniffed.extensions:
        raise InvalidInput.on(
            "file",
            _("Nama berkas (%(ext)s) tidak sesuai dengan isinya (%(type)s).")
            % {"ext": extension or _("tanpa ekstensi"), "type": sniffed.content_type},
        )
    fileobj.seek(0)
    if sniffed.kind == EvidenceKind.PHOTO:
        _check_image(fileobj)
    else:
        _check_pdf(fileobj, total)
    fileobj.seek(0)
    return CheckedFile(sniffed.content_type, sniffed.kind, total, digest.hexdigest(), safe_name)


def _check_image(fileobj: IO[bytes]) -> None:
    try:
        with Image.open(fileobj) as image:
            image.verify()
        fileobj.seek(0)
        with Image.open(fileobj) as image:
            image.load()
    except Image.DecompressionBombError as exc:
        raise InvalidInput.on("file", _("Gambar terlalu besar (dimensinya tidak wajar).")) from exc
    except Exception as exc:  # Pillow raises many types for a broken file
        raise InvalidInput.on("file", _("Berkas gambar rusak atau tidak dapat dibaca.")) from exc


def _check_pdf(fileobj: IO[bytes], size: int) -> None:
    fileobj.seek(max(0, size - 2048))
    tail = fileobj.read()
    if b"%%EOF" not in tail:
        raise InvalidInput.on("file", _("Berkas PDF rusak atau tidak lengkap."))


def validate_contract(contract: object) -> None:
    """An evidence contract is {kind: minimum count} with known kinds and counts 1..20."""
    from django.core.exceptions import ValidationError

    if not isinstance(contract, dict):
        raise ValidationError(_("Bukti wajib harus berupa pasangan jenis → jumlah."))
    for kind, count in contract.items():
        if kind not in EvidenceKind.values:
            raise ValidationError(_("Jenis bukti tidak dikenal: %(kind)s.") % {"kind": kind})
        if not isinstance(count, int) or isinstance(count, bool) or not 1 <= count <= 20:
            raise ValidationError(_("Jumlah bukti harus bilangan 1–20."))


def missing_evidence(contract: dict[str, int], counts: dict[str, int]) -> list[str]:
    """Human descriptions of what the contract still needs, empty when it is met."""
    missing = []
    for kind, needed in contract.items():
        have = counts.get(kind, 0)
        if have < needed:
            missing.append(
                _("%(needed)d %(label)s (baru %(have)d)")
                % {"needed": needed, "label": KIND_LABELS.get(kind, kind), "have": have}
            )
    return missing
