"""Malformed archives are refused with one line, whatever is wrong inside them.

Each archive is a real zip built here and then damaged byte by byte where the zip
format (PKWARE APPNOTE.TXT, section 4.3/4.4) keeps the field: the general purpose flag
(bit 0: encrypted; bit 11: names are UTF-8), the compression method, the file name, the
compressed data.
"""

from __future__ import annotations

import io
import struct
import zipfile
from pathlib import Path

import pytest

from imagenet_cli.corpus.installer import InstallError, safe_extract

#: Fault injection runs real processes and corpora: CI runs it, the quick loop does not.
pytestmark = pytest.mark.slow

LOCAL, CENTRAL = b"PK\x03\x04", b"PK\x01\x02"


def archive() -> bytearray:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zipped:
        zipped.writestr("wordnet/README", "fine " * 2000)
        zipped.writestr("wordnet/data.noun", "x" * 5000)
    return bytearray(buffer.getvalue())


def headers(data: bytearray) -> tuple[list[int], list[int]]:
    """Offsets of every local file header and central directory header."""
    found: dict[bytes, list[int]] = {LOCAL: [], CENTRAL: []}
    for signature, offsets in found.items():
        at = data.find(signature)
        while at != -1:
            offsets.append(at)
            at = data.find(signature, at + 1)
    return found[LOCAL], found[CENTRAL]


def patch16(data: bytearray, local_field: int, central_field: int, update: object) -> None:
    """Apply ``update(old) -> new`` to a 2-byte field of the second member's headers."""
    local, central = headers(data)
    for at in (local[1] + local_field, central[1] + central_field):
        (old,) = struct.unpack_from("<H", data, at)
        struct.pack_into("<H", data, at, update(old))  # type: ignore[operator]


def encrypted() -> bytes:
    data = archive()
    patch16(data, 6, 8, lambda flags: flags | 0x1)
    return bytes(data)


def unknown_method() -> bytes:
    data = archive()
    patch16(data, 8, 10, lambda _method: 99)
    return bytes(data)


def non_utf8_name() -> bytes:
    data = archive()
    patch16(data, 6, 8, lambda flags: flags | 0x800)  # names say they are UTF-8
    local, central = headers(data)
    for at in (local[1] + 30, central[1] + 46):  # the name follows the fixed fields
        data[at + len("wordnet/") : at + len("wordnet/") + 2] = b"\xff\xfe"
    return bytes(data)


def corrupt_deflate() -> bytes:
    data = archive()
    local, _ = headers(data)
    (name_length, extra_length) = struct.unpack_from("<HH", data, local[1] + 26)
    start = local[1] + 30 + name_length + extra_length
    data[start + 2 : start + 12] = b"\xff" * 10
    return bytes(data)


def cut_short() -> bytes:
    data = archive()
    return bytes(data[: len(data) // 2])


@pytest.mark.parametrize(
    ("build", "words"),
    [
        (encrypted, "encrypted"),
        (unknown_method, "compression method 99"),
        (non_utf8_name, "not UTF-8"),
        (corrupt_deflate, "data.noun"),
        (cut_short, "not a zip archive"),
    ],
    ids=lambda v: getattr(v, "__name__", None),
)
def test_a_malformed_archive_is_refused(build: object, words: str, tmp_path: Path) -> None:
    path = tmp_path / "wordnet.zip"
    path.write_bytes(build())  # type: ignore[operator]
    dest = tmp_path / "out"
    dest.mkdir()
    with pytest.raises(InstallError) as caught:
        safe_extract(path, dest, top="wordnet", max_unzipped=10**8)
    message = caught.value.message
    assert "\n" not in message and words in message, message
