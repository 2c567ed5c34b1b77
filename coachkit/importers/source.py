"""What an uploaded file is before any layout is considered: size, bytes, encoding, header.

Every refusal here is an ImportRejected whose message names the file and says what is wrong,
so that a coach can act on it; nothing is written to the database before a file passes.
The common case, a UTF-8 file, is never copied: DuckDB reads it where it lies. Other encodings
(UTF-16 from Excel's "Unicode text", cp1252 from older Windows tools) are transcoded once to a
UTF-8 copy in a temporary folder. A file that is not UTF-8 throughout is read line by line:
each line as UTF-8 where it is UTF-8, else as Windows-1252, because a file an app wrote in
UTF-8 and a spreadsheet later edited in Windows-1252 holds both, and reading the whole file as
either would turn the other's accents into mojibake (`LÃ©gs`).
"""

from __future__ import annotations

import codecs
import csv
import hashlib
from dataclasses import dataclass
from pathlib import Path

BLOCK = 1 << 20
MAX_HEADER_BYTES = 64 * 1024
# Workout exports have a few dozen columns; a header far wider is some other table, and no
# coach should be asked to map ten thousand columns.
MAX_COLUMNS = 256
DELIMITERS = (",", ";", "\t")
ZIP_MAGIC = b"PK\x03\x04"
LINE_BY_LINE = "utf-8 or windows-1252, line by line"
BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


class ImportRejected(ValueError):
    """A file cannot be imported; the message names the file and, where known, the line."""

    def __init__(self, file_name: str, problem: str, line: int | None = None):
        where = f"{file_name}, line {line}" if line else file_name
        super().__init__(f"{where}: {problem}")
        self.file_name = file_name
        self.line = line
        self.problem = problem
        self.preview = None  # the import's preview, when the file got that far


@dataclass(frozen=True)
class Source:
    name: str  # the file name the coach chose, for messages
    path: Path  # a UTF-8 file DuckDB can read
    encoding: str  # as uploaded
    sha256: str
    size: int
    delimiter: str
    header: tuple[str, ...]


def _encoding(name: str, path: Path, head: bytes) -> str:
    for bom, encoding in BOMS:
        if head.startswith(bom):
            return encoding
    if head.startswith(ZIP_MAGIC):
        raise ImportRejected(
            name,
            "this is a zip archive (an .xlsx workbook or a zipped export), not a CSV file; "
            "export or unzip it as CSV first",
        )
    if b"\x00" in head:
        utf16 = _utf16_without_bom(head)
        if utf16 is None:
            raise ImportRejected(name, "this is a binary file, not a CSV text file")
        return utf16
    decoder = codecs.getincrementaldecoder("utf-8")()
    try:
        with path.open("rb") as handle:
            while block := handle.read(BLOCK):
                decoder.decode(block)
            decoder.decode(b"", final=True)
        return "utf-8"
    except UnicodeDecodeError:
        return LINE_BY_LINE


def _utf16_without_bom(head: bytes) -> str | None:
    """The byte order of UTF-16 text written without a byte-order mark, else None.

    Such text puts a NUL beside each ASCII character (a CSV header and its digits are ASCII):
    in most odd bytes (little-endian) or most even ones (big-endian), and few in the others,
    which hold the characters (only those of U+0100, U+0200, ... such as Ā or 一 put a NUL
    there); a binary file has NULs anywhere.
    """
    even, odd = head[0::2], head[1::2]
    if not even or not odd:
        return None
    even_nuls, odd_nuls = even.count(0) / len(even), odd.count(0) / len(odd)
    if odd_nuls >= 0.4 and even_nuls <= 0.2:
        return "utf-16-le"
    if even_nuls >= 0.4 and odd_nuls <= 0.2:
        return "utf-16-be"
    return None


def _digest(path: Path) -> tuple[str, int]:
    """The file's SHA-256, and its number of line ends, in one pass."""
    digest, lines = hashlib.sha256(), 0
    with path.open("rb") as handle:
        while block := handle.read(BLOCK):
            digest.update(block)
            lines += block.count(b"\n")
    return digest.hexdigest(), lines


def _line_text(name: str, line: bytes, number: int) -> str:
    """One line of a file that is not UTF-8 throughout: UTF-8 where it is, else Windows-1252."""
    try:
        return line.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        text = line.decode("cp1252")  # five byte values are undefined in cp1252
    except UnicodeDecodeError:
        text = "\x00"
    if any(ord(c) < 9 for c in text):
        raise ImportRejected(
            name,
            "this line is neither UTF-8 nor Windows-1252 text; save the file as UTF-8 CSV",
            number,
        )
    return text


def _transcode_lines(name: str, path: Path, workdir: Path) -> Path:
    target = workdir / "utf8.csv"
    with path.open("rb") as src, target.open("w", encoding="utf-8", newline="") as dst:
        for number, line in enumerate(src, start=1):
            dst.write(_line_text(name, line, number))
    return target


def _transcode(path: Path, encoding: str, workdir: Path) -> Path:
    target = workdir / "utf8.csv"
    with (
        path.open(encoding=encoding, newline="") as src,
        target.open("w", encoding="utf-8", newline="") as dst,
    ):
        while block := src.read(BLOCK):
            if "\x00" in block:
                raise UnicodeDecodeError(encoding, b"", 0, 1, "NUL character")
            dst.write(block)
    return target


def _header(name: str, path: Path) -> tuple[str, tuple[str, ...]]:
    with path.open("rb") as handle:
        head = handle.read(MAX_HEADER_BYTES)
    if not head.strip():
        raise ImportRejected(name, "the file is empty")
    text = head.decode("utf-8", errors="replace").lstrip("\ufeff")
    if not text.strip():  # a byte-order mark, and nothing else
        raise ImportRejected(name, "the file is empty")
    if "\n" not in text and len(head) == MAX_HEADER_BYTES:
        raise ImportRejected(name, "the first line is longer than 64 KB: not a workout export", 1)
    first = text.splitlines()[0]
    delimiter = max(DELIMITERS, key=first.count)
    if first.count(delimiter) == 0:
        raise ImportRejected(
            name,
            "the header has a single column; CoachKit reads files separated by commas, "
            "semicolons or tabs",
            1,
        )
    fields = next(csv.reader([first], delimiter=delimiter))
    if len(fields) > MAX_COLUMNS:
        raise ImportRejected(
            name,
            f"the header has {len(fields):,} columns; a workout export has a few dozen, and "
            f"CoachKit reads at most {MAX_COLUMNS}: this is not a workout log",
            1,
        )
    return delimiter, tuple(field.strip() for field in fields)


def open_source(
    name: str, path: Path, workdir: Path, max_bytes: int, max_rows: int = 2_000_000
) -> Source:
    """Check the file and return how to read it; `workdir` holds any transcoded copy."""
    size = path.stat().st_size
    if size == 0:
        raise ImportRejected(name, "the file is empty")
    if size > max_bytes:
        raise ImportRejected(
            name,
            f"the file is {size / 1048576:.1f} MB; the import limit is "
            f"{max_bytes / 1048576:.0f} MB (setting COACHKIT_MAX_IMPORT_MB)",
        )
    with path.open("rb") as handle:
        head = handle.read(BLOCK)
    encoding = _encoding(name, path, head)
    readable = path
    if encoding == LINE_BY_LINE:
        readable = _transcode_lines(name, path, workdir)
    elif encoding not in ("utf-8", "utf-8-sig"):
        try:
            readable = _transcode(path, encoding, workdir)
        except UnicodeDecodeError:
            raise ImportRejected(name, f"the file is not valid {encoding} text") from None
    sha256, line_ends = _digest(path)
    # Rows are counted as lines after the header: a note with a line break in it counts twice,
    # which only matters near the cap.
    rows = line_ends - 1
    if rows > max_rows:
        raise ImportRejected(
            name,
            f"the file has {rows:,} rows; CoachKit imports at most {max_rows:,} from one file "
            "(setting COACHKIT_MAX_IMPORT_ROWS): export a shorter span of dates",
        )
    delimiter, header = _header(name, readable)
    return Source(name, readable, encoding, sha256, size, delimiter, header)
