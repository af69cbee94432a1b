"""Reading a 4W table someone uploads: CSV (UTF-8, with or without BOM, or Windows-1256) or XLSX, with
or without an HXL hashtag row. Untrusted input: sizes are bounded and a zip bomb is refused unread."""

import csv
import io
import zipfile

from django.utils.translation import gettext_lazy as _

MAX_BYTES = 5 * 1024 * 1024
MAX_UNZIPPED = 50 * 1024 * 1024
MAX_RATIO = 100
MAX_ROWS = 20_000


class TableError(ValueError):
    pass


def read(name: str, data: bytes) -> list[list[str]]:
    if len(data) > MAX_BYTES:
        raise TableError(_("The file is larger than 5 MB."))
    if data[:4] == b"PK\x03\x04" or name.lower().endswith(".xlsx"):
        return _xlsx(data)
    return _csv(data)


def _xlsx(data: bytes) -> list[list[str]]:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except zipfile.BadZipFile:
        raise TableError(_("This file is not a spreadsheet (XLSX) nor a CSV table.")) from None
    unzipped = sum(i.file_size for i in infos)
    packed = sum(i.compress_size for i in infos) or 1
    if unzipped > MAX_UNZIPPED or unzipped / packed > MAX_RATIO:
        raise TableError(_("This spreadsheet expands to too much data to be read safely."))
    if "[Content_Types].xml" not in archive.namelist():
        raise TableError(_("This file is not a spreadsheet (XLSX) nor a CSV table."))
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds on a damaged file
        raise TableError(_("This file is not a spreadsheet (XLSX) nor a CSV table.")) from None
    rows = []
    for row in book.worksheets[0].iter_rows(values_only=True):
        rows.append(
            [
                ""
                if v is None
                else (v.date().isoformat() if hasattr(v, "date") and callable(v.date) else str(v)).strip()
                for v in row
            ]
        )
        if len(rows) > MAX_ROWS:
            raise TableError(_("The table has more than 20,000 rows."))
    book.close()
    return rows


def _csv(data: bytes) -> list[list[str]]:
    for encoding in ("utf-8-sig", "cp1256"):  # Excel in Arabic saves CSV as Windows-1256
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise TableError(_("The file's text encoding could not be read; save it as UTF-8."))
    if "\x00" in text:
        raise TableError(_("This file is not a spreadsheet (XLSX) nor a CSV table."))
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    rows = []
    for row in csv.reader(io.StringIO(text), dialect):
        rows.append([cell.strip() for cell in row])
        if len(rows) > MAX_ROWS:
            raise TableError(_("The table has more than 20,000 rows."))
    return rows


def normalise_tag(tag: str) -> str:
    """'#org +lead' and '#org+lead' are the same HXL tag; attributes are unordered."""
    parts = tag.replace(" ", "").lower().split("+")
    return "+".join([parts[0], *sorted(p for p in parts[1:] if p)])


def columns(rows, known: list[tuple[str, str]]) -> tuple[dict[str, int], int]:
    """Map our column names to indexes, from an HXL row (one of the first two rows) or the headers."""
    by_tag = {normalise_tag(tag): tag for _name, tag in known}
    by_name = {name.lower(): tag for name, tag in known}
    for i, row in enumerate(rows[:2]):
        tags = [normalise_tag(c) for c in row if c.startswith("#")]
        if len(tags) >= max(2, len([c for c in row if c]) // 2):
            found = {by_tag[normalise_tag(c)]: j for j, c in enumerate(row) if normalise_tag(c) in by_tag}
            return found, i + 1
    if rows:
        found = {by_name[c.lower()]: j for j, c in enumerate(rows[0]) if c.lower() in by_name}
        return found, 1
    return {}, 0
