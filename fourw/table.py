"""The 4W table: its columns with their HXL hashtags, the rows written for a selection (CSV and XLSX),
and the reading of a table someone uploads: CSV (UTF-8, with or without BOM, or Windows-1256) or XLSX,
with or without an HXL hashtag row. Uploads are untrusted: sizes are bounded and a zip bomb is refused
unread. Partners and donors open the exports in spreadsheets: no text cell is ever run as a formula."""

import csv
import io
import zipfile

from django.utils import translation
from django.utils.translation import gettext_lazy as _
from openpyxl import Workbook, load_workbook

from core.exports import csv_cell, from_csv_cell, xlsx_cells
from places.tree import tree
from projects.models import Partner

MAX_BYTES = 5 * 1024 * 1024
MAX_UNZIPPED = 50 * 1024 * 1024
MAX_RATIO = 100
MAX_ROWS = 20_000

COLUMNS = [
    ("Organisation", "#org+lead"),
    ("Implementing partner", "#org+impl"),
    ("Sector", "#sector+cluster"),
    ("DAC sector", "#sector+code"),
    ("Activity", "#activity+name"),
    ("Project code", "#activity+code"),
    ("Governorate", "#adm1+name"),
    ("Governorate P-code", "#adm1+code"),
    ("District", "#adm2+name"),
    ("District P-code", "#adm2+code"),
    ("Sub-district", "#adm3+name"),
    ("Sub-district P-code", "#adm3+code"),
    ("Community", "#loc+name"),
    ("Community P-code", "#loc+code"),
    ("Start date", "#date+start"),
    ("End date", "#date+end"),
    ("Status", "#status"),
    ("People targeted", "#targeted+ind"),
    ("People reached", "#reached+ind"),
    ("Women reached", "#reached+f+adults"),
    ("Men reached", "#reached+m+adults"),
    ("Girls reached", "#reached+f+children"),
    ("Boys reached", "#reached+m+children"),
]
NAMES = {tag: name for name, tag in COLUMNS}
# The people counts the table has a column for (a part of Project.COUNT_FIELDS), in the columns' order.
COUNT_COLUMNS = {
    "#targeted+ind": "targeted_total",
    "#reached+ind": "reached_total",
    "#reached+f+adults": "reached_women",
    "#reached+m+adults": "reached_men",
    "#reached+f+children": "reached_girls",
    "#reached+m+children": "reached_boys",
}
# Places from the finest column to the coarsest: (P-code column, name column, gazetteer level).
PLACE_COLUMNS = (
    ("#loc+code", "#loc+name", 4),
    ("#adm3+code", "#adm3+name", 3),
    ("#adm2+code", "#adm2+name", 2),
    ("#adm1+code", "#adm1+name", 1),
)


# --- writing ----------------------------------------------------------------------------------------


def project_rows(projects):
    """One row per project, place and sector (the 4W's "who does what where"), so our own import reads every
    place and sector back; people counts on the project's first row only, so sums stay true."""
    places = tree()
    projects = (
        projects.select_related("organisation")
        .prefetch_related("sectors", "places", "partners")
        .order_by("organisation__name_en", "pk")
    )
    for project in projects.iterator(chunk_size=2000):
        implementing = next(
            (p.name for p in project.partners.all() if p.role == Partner.Role.IMPLEMENTING),
            project.organisation.name_en,
        )
        counts = [getattr(project, name) for name in COUNT_COLUMNS.values()]
        start, end = project.start, project.end
        pairs = [
            (place, sector) for place in project.places.all() or [None] for sector in project.sectors.all() or [None]
        ]
        for i, (place, sector) in enumerate(pairs):
            chain = places.chain(place.pk) if place else {}

            def node(level, chain=chain):
                n = chain.get(level)
                return (n.name_en, n.pcode) if n else ("", "")

            yield [
                project.organisation.name_en or project.organisation.name_ar,
                implementing,
                sector.get_iasc_cluster_display() if sector and sector.iasc_cluster else "",
                sector.dac_code if sector else "",
                str(project.title),
                project.code,
                *node(1),
                *node(2),
                *node(3),
                *node(4),
                start.isoformat() if start else "",
                end.isoformat() if end else "",
                project.get_status_display(),
                *(counts if i == 0 else [None] * len(counts)),
            ]


def _header() -> tuple[list[str], list[str]]:
    return [name for name, _tag in COLUMNS], [tag for _name, tag in COLUMNS]


class _Echo:
    """A file that hands back what is written, so csv.writer can feed a streamed response."""

    def write(self, value):
        return value


def csv_lines(projects):
    """The table as CSV lines, with the HXL row under the headers; values in English, as tools expect."""
    writer = csv.writer(_Echo())
    names, tags = _header()
    yield writer.writerow(names)
    yield writer.writerow(tags)
    with translation.override("en"):
        for row in project_rows(projects):
            # A title or a name starting with "=" (or "+", "-", "@") would run in Excel: csv_cell quotes it.
            yield writer.writerow([csv_cell("" if v is None else v) for v in row])


def xlsx_bytes(projects) -> bytes:
    """The table as an XLSX workbook, with the HXL row under the headers; values in English."""
    book = Workbook(write_only=True)
    sheet = book.create_sheet("4W")
    names, tags = _header()
    sheet.append(names)
    sheet.append(tags)
    with translation.override("en"):
        for row in project_rows(projects):
            sheet.append(xlsx_cells(sheet, row))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


# --- reading ----------------------------------------------------------------------------------------


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
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds on a damaged file
        raise TableError(_("This file is not a spreadsheet (XLSX) nor a CSV table.")) from None
    rows = []
    try:
        # Read lazily: a damaged sheet (cut XML, a wrong checksum) only shows while its rows are read.
        for row in book.worksheets[0].iter_rows(values_only=True):
            rows.append([from_csv_cell(_text(v)) for v in row])
            if len(rows) > MAX_ROWS:
                raise TableError(_("The table has more than 20,000 rows."))
    except TableError:
        raise
    except Exception:  # zipfile, XML and openpyxl errors alike
        raise TableError(_("This file is not a spreadsheet (XLSX) nor a CSV table.")) from None
    finally:
        book.close()
    return rows


def _text(value) -> str:
    if value is None:
        return ""
    if hasattr(value, "date") and callable(value.date):
        return value.date().isoformat()
    return str(value).strip()


def _decode(data: bytes) -> str:
    """The text of a CSV file: UTF-16 with its byte order mark (Excel's "Unicode text"), UTF-8 with or without
    one, or Windows-1256 (Excel in Arabic saves CSV so)."""
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        encodings = ("utf-16",)
    else:
        encodings = ("utf-8-sig", "cp1256")
    for encoding in encodings:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise TableError(_("The file's text encoding could not be read; save it as UTF-8."))


def _csv(data: bytes) -> list[list[str]]:
    text = _decode(data)
    if "\x00" in text:
        raise TableError(_("This file is not a spreadsheet (XLSX) nor a CSV table."))
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    rows = []
    try:
        for row in csv.reader(io.StringIO(text), dialect):
            # Our exports quote a cell a spreadsheet would run ("'=..."): read back what was typed.
            rows.append([from_csv_cell(cell.strip()) for cell in row])
            if len(rows) > MAX_ROWS:
                raise TableError(_("The table has more than 20,000 rows."))
    except csv.Error:  # a cell longer than the csv module's limit, a broken quote
        raise TableError(_("This file is not a spreadsheet (XLSX) nor a CSV table.")) from None
    return rows


def normalise_tag(tag: str) -> str:
    """'#org +lead' and '#org+lead' are the same HXL tag; attributes are unordered."""
    parts = tag.replace(" ", "").lower().split("+")
    return "+".join([parts[0], *sorted(p for p in parts[1:] if p)])


def columns(rows, known: list[tuple[str, str]] = COLUMNS) -> tuple[dict[str, int], int]:
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
