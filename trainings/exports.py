"""Files of capacity building: a round's needs as CSV and XLSX with HXL hashtags (public files hide counts below 5
as the pages do), and a questionnaire as an XLSForm (`survey` and `choices` sheets, a label column per language)
for teams that also collect with Kobo or ODK."""

import csv
import io

from django.utils.translation import gettext as _
from openpyxl import Workbook

from core.exports import csv_cell, xlsx_cells
from core.i18n import LANGUAGE_CODES
from trainings.models import Question, Questionnaire
from trainings.selectors import Matrix

# HXL 1.1 hashtags of the needs table's columns (https://hxlstandard.org/standard/1-1final/dictionary/).
HXL = [
    "#indicator+code",
    "#indicator+name",
    "#adm1+name",
    "#org+asked+num",
    "#org+answered+num",
    "#org+num",
    "#indicator+pct",
]
HIDDEN = "<5"  # a hidden count in a public file: what the pages say "fewer than 5"


def needs_rows(matrix: Matrix) -> list[list]:
    """A header, the HXL hashtags, then one row per topic and region and one per topic for all regions."""

    def value(n):
        return HIDDEN if n is None else n

    rows = [
        [
            _("Topic code"),
            _("Topic"),
            _("Region"),
            _("Organisations asked"),
            _("Organisations that answered"),
            _("Organisations that chose the topic"),
            _("Share of those that answered (%)"),
        ],
        HXL,
    ]
    for row in matrix.rows:
        for region, asked, answered, cell in zip(matrix.regions, matrix.asked, matrix.answered, row.cells, strict=True):
            rows.append(
                [
                    row.topic,
                    row.label,
                    str(region.name),
                    value(asked),
                    value(answered),
                    value(cell.count),
                    value(cell.share),
                ]
            )
        rows.append(
            [
                row.topic,
                row.label,
                _("All regions"),
                value(matrix.asked_total),
                value(matrix.answered_total),
                value(row.total.count),
                value(row.total.share),
            ]
        )
    return rows


def csv_bytes(rows) -> bytes:
    """UTF-8 with a BOM, so a spreadsheet opened by double-click reads Arabic right."""
    out = io.StringIO()
    writer = csv.writer(out)
    for row in rows:
        writer.writerow([csv_cell(v) for v in row])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def xlsx_bytes(rows, title: str) -> bytes:
    book = Workbook(write_only=True)
    sheet = book.create_sheet(title=title[:31])
    for row in rows:
        sheet.append(xlsx_cells(sheet, row))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


# XLSForm's names of the languages, as Kobo reads them: "label::Arabic (ar)".
XLSFORM_LANGUAGES = {"ar": "Arabic (ar)", "ku": "Kurmanji (ku)", "syr": "Syriac (syr)", "en": "English (en)"}


def xlsform_bytes(questionnaire: Questionnaire) -> bytes:
    """The questionnaire as an XLSForm: a `survey` sheet (type, name, label::<language>, required), a `choices`
    sheet (list_name, name, label::<language>) and a `settings` sheet. "Other, please say" is XLSForm's
    `or_other`; a scale is a one-choice list of its points."""
    book = Workbook()
    survey = book.active
    survey.title = "survey"
    choices = book.create_sheet("choices")
    settings = book.create_sheet("settings")
    labels = [f"label::{XLSFORM_LANGUAGES[c]}" for c in LANGUAGE_CODES]
    survey.append(["type", "name", *labels, "required"])
    choices.append(["list_name", "name", *labels])
    for q in questionnaire.questions.prefetch_related("options"):
        texts = [getattr(q, f"text_{c}") for c in LANGUAGE_CODES]
        if q.kind == Question.Kind.TEXT:
            kind = "text"
        else:
            list_name = f"{q.code}_choices"
            kind = {"single": "select_one", "multiple": "select_multiple", "scale": "select_one"}[q.kind]
            kind = f"{kind} {list_name}"
            if q.allow_other and q.has_options:
                kind += " or_other"
            if q.kind == Question.Kind.SCALE:
                for n in range(1, q.scale_max + 1):
                    choices.append(xlsx_cells(choices, [list_name, str(n), *[str(n)] * len(LANGUAGE_CODES)]))
            for option in q.options.all():
                choices.append(
                    xlsx_cells(
                        choices, [list_name, option.code, *[getattr(option, f"label_{c}") for c in LANGUAGE_CODES]]
                    )
                )
        survey.append(xlsx_cells(survey, [kind, q.code, *texts, "yes" if q.required else "no"]))
    settings.append(["form_title", "form_id", "version", "default_language"])
    settings.append(
        xlsx_cells(
            settings,
            [
                questionnaire.title_en or questionnaire.title_ar or questionnaire.slug,
                questionnaire.slug,
                str(questionnaire.version),
                XLSFORM_LANGUAGES.get(questionnaire.original_language, "Arabic (ar)"),
            ],
        )
    )
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
