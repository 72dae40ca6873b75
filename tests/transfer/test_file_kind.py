"""A file of a kind no importer reads is named from its first bytes (pure)."""

import pytest

from nestwell.transfer import file_kind

ZIP = b"PK\x03\x04\x14\x00\x00\x00\x08\x00"


@pytest.mark.parametrize(("head", "kind"), [
    (ZIP, "zip"), (b"PK\x05\x06" + bytes(18), "zip"),
    (b"\x1f\x8b\x08\x00", "gzip"), (b"%PDF-1.4\n", "pdf"),
    (b"\x89PNG\r\n\x1a\n", "picture"), (b"\xff\xd8\xff\xe0\x00\x10JFIF", "picture"),
    (b"GIF89a", "picture"), (b"\x00\x00\x00\x18ftypheic\x00\x00", "picture"),
    (b"RIFF\x24\x00\x00\x00WEBPVP8 ", "picture"), (b"\x00\x00\x00\x1cftypavif", "picture"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "workbook"),
    (b'{"format": "nestwell-export"', None), (b"\xef\xbb\xbfid,child_id,start", None),
    (b"Type,Start,End", None), (b"", None), (b"PK", None),
])
def test_kinds(head, kind):
    assert file_kind.kind_of(head) == kind


def test_the_line_names_what_to_do_for_what_she_meant():
    assert "import its JSON export" in file_kind.refusal(ZIP, want="json")
    assert "choose the CSV file inside" in file_kind.refusal(ZIP, want="csv")
    assert file_kind.refusal(b"id,start,end", want="csv") is None
    for head in (b"\x1f\x8b", b"%PDF", b"\x89PNG", b"\xd0\xcf\x11\xe0"):
        for want in ("json", "csv"):
            assert file_kind.refusal(head, want=want)


def test_it_reads_only_the_first_bytes(tmp_path):
    path = tmp_path / "big.csv"
    path.write_bytes(b"id,start\n" + b"1,2026-01-01\n" * 100_000)
    assert file_kind.refusal_for_path(path, want="csv") is None
