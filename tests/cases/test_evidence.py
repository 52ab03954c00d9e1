import io
import struct
import zlib

import pytest

from cases.errors import InvalidInput
from cases.evidence import check_upload
from tests.factories import jpeg_bytes, pdf_bytes, png_bytes, upload


def check(data: bytes, name: str):
    return check_upload(upload(data, name), name=name)


@pytest.mark.parametrize(
    ("maker", "name", "content_type", "kind"),
    [
        (jpeg_bytes, "foto.jpg", "image/jpeg", "photo"),
        (jpeg_bytes, "FOTO.JPEG", "image/jpeg", "photo"),
        (png_bytes, "peta.png", "image/png", "photo"),
        (pdf_bytes, "berita-acara.pdf", "application/pdf", "document"),
    ],
)
def test_accepted_files(maker, name, content_type, kind):
    checked = check(maker(), name)
    assert (checked.content_type, checked.kind) == (content_type, kind)


def test_a_pdf_named_jpg_is_refused():
    with pytest.raises(InvalidInput) as error:
        check(pdf_bytes(), "foto.jpg")
    assert "tidak sesuai dengan isinya" in error.value.field_errors["file"][0]


def test_an_executable_named_pdf_is_refused():
    with pytest.raises(InvalidInput) as error:
        check(b"MZ\x90\x00" + b"\x00" * 100, "laporan.pdf")
    assert error.value.field_errors["file"] == [
        "Jenis berkas tidak diterima: unggah foto (JPEG, PNG, WebP) atau PDF."
    ]


def test_html_is_refused():
    with pytest.raises(InvalidInput):
        check(b"<html><script>alert(1)</script></html>", "foto.jpg")


def test_empty_file_is_refused():
    with pytest.raises(InvalidInput) as error:
        check(b"", "foto.jpg")
    assert error.value.field_errors["file"] == ["Berkas kosong."]


def test_oversized_file_is_refused(settings):
    settings.EVIDENCE_MAX_BYTES = 1024 * 1024
    with pytest.raises(InvalidInput) as error:
        check(b"\xff\xd8\xff" + b"\x00" * (1024 * 1024 + 10), "besar.jpg")
    assert error.value.field_errors["file"] == ["Berkas terlalu besar: paling besar 1 MB."]


def test_truncated_image_is_refused():
    with pytest.raises(InvalidInput):
        check(jpeg_bytes()[:200], "rusak.jpg")


def test_truncated_pdf_is_refused():
    with pytest.raises(InvalidInput):
        check(pdf_bytes()[:-40], "rusak.pdf")


def _png_header_only(width: int, height: int) -> bytes:
    """A tiny PNG that declares an enormous canvas: a decompression bomb's first bytes."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data))
            + kind
            + data
            + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
        )

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    raw = zlib.compress(b"\x00" * 1024)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", raw) + chunk(b"IEND", b"")


def test_decompression_bomb_is_refused():
    with pytest.raises(InvalidInput) as error:
        check(_png_header_only(50_000, 50_000), "bom.png")
    assert error.value.field_errors["file"] == ["Gambar terlalu besar (dimensinya tidak wajar)."]


def test_path_in_name_is_reduced_to_its_last_part():
    checked = check(jpeg_bytes(), "C:\\Users\\x\\..\\..\\foto.jpg")
    assert checked.safe_name == "foto.jpg"
    checked = check(jpeg_bytes(), "/etc/../../foto.jpg")
    assert checked.safe_name == "foto.jpg"


def test_hash_is_of_the_whole_content():
    import hashlib

    data = jpeg_bytes()
    assert check(data, "a.jpg").sha256 == hashlib.sha256(data).hexdigest()
    assert io.BytesIO(data).read() == data
