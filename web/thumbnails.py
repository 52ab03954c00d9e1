"""Thumbnails of photo evidence, made with Pillow on first request and cached.

Why on the fly: an ``Evidence`` row is append-only and written only by
``cases.services.case_add_evidence``; a thumbnail is a derived, disposable view of the
file, so it lives beside the media files (``thumbs/<sha256>-<size>.jpg``, named by the
content hash: the same photo never needs two, and a cached one can never be stale) and
is rebuilt when missing. It is served through the same access check as the file.
"""

from __future__ import annotations

from io import BytesIO

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404
from PIL import Image, ImageOps

from cases.models import Evidence

THUMBNAIL_SIZE = 320


def thumbnail_name(evidence: Evidence, size: int = THUMBNAIL_SIZE) -> str:
    return f"thumbs/{evidence.sha256[:2]}/{evidence.sha256}-{size}.jpg"


def make_thumbnail(evidence: Evidence, size: int = THUMBNAIL_SIZE) -> bytes:
    with evidence.file.open("rb") as handle, Image.open(handle) as image:
        image = ImageOps.exif_transpose(image)
        image.thumbnail((size, size))
        if image.mode not in ("RGB", "L"):
            image = image.convert("RGB")
        out = BytesIO()
        image.save(out, "JPEG", quality=82, optimize=True)
        return out.getvalue()


def thumbnail_response(evidence: Evidence, size: int = THUMBNAIL_SIZE) -> FileResponse:
    name = thumbnail_name(evidence, size)
    if not default_storage.exists(name):
        try:
            data = make_thumbnail(evidence, size)
        except (OSError, ValueError) as exc:
            raise Http404("Gambar tidak dapat dibaca.") from exc
        if not default_storage.exists(name):
            default_storage.save(name, ContentFile(data))
    return FileResponse(default_storage.open(name, "rb"), content_type="image/jpeg")
