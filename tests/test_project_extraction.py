"""Reading projects out of pasted text: periods, people, outputs and places, each with where it came
from, and problems flagged rather than fixed."""

import datetime
import json
import unicodedata
from io import StringIO

import pytest
from django.core.management import call_command

from core.text import fold, normalise
from places.selectors import place_by_name, place_by_pcode, places_by_name
from projects import validation
from projects.extraction import MAX_TEXT, extract
from tests.conftest import SHARED

TODAY = datetime.date(2026, 11, 21)


@pytest.fixture
def seed_text():
    return next((SHARED / "seeds").glob("003_*.txt")).read_text(encoding="utf-8")


def _one(text):
    [proposal] = extract(text, today=TODAY)
    return proposal


def test_the_seed_page_gives_one_proposal_per_project(demo, seed_text):
    proposals = extract(seed_text, today=TODAY)
    assert len(proposals) == 13
    # Organisation descriptions and the sector list are not projects.
    assert not any(p.text.startswith(("A non-profit", "Achievements", "1-")) for p in proposals)


def test_every_value_points_at_its_source(demo, seed_text):
    for proposal in extract(seed_text, today=TODAY):
        for name, found in proposal.fields.items():
            if found.text:
                assert seed_text[found.start : found.end] == found.text, name
        for found in proposal.places:
            assert seed_text[found.start : found.end] == found.text
        for output in proposal.outputs:
            assert seed_text[output["start"] : output["end"]] == output["text"]


def test_the_seed_errors_are_flagged_not_fixed(demo, seed_text):
    proposals = extract(seed_text, today=TODAY)
    invalid = [p for p in proposals if "2021/00/19" in p.text][0]
    assert "actual_start" not in invalid.fields
    expected = {"field": "actual_start", "code": "invalid_date", "text": "2021/00/19", "blocking": True}
    assert any(flag.items() >= expected.items() for flag in invalid.flags)
    backwards = [p for p in proposals if "27/03/2024" in p.text][0]
    assert backwards.fields["actual_start"].value == datetime.date(2024, 3, 27)
    assert backwards.fields["actual_end"].value == datetime.date(2023, 12, 15)
    codes = [p.code for p in validation.check(backwards.values(), flags=backwards.flags)]
    assert "end_before_start" in codes


def test_counts_outputs_and_places_of_the_seed(demo, seed_text):
    proposals = {p.text[:60]: p for p in extract(seed_text, today=TODAY)}
    schools = next(p for k, p in proposals.items() if "01/07/2021" in k)
    assert schools.fields["reached_total"].value == 42045
    assert {(o["quantity"], o["unit"]) for o in schools.outputs} >= {(12596, "school desks"), (14, "bathroom blocks")}
    drains = next(p for k, p in proposals.items() if "20/06/2022" in k)
    assert drains.fields["reached_total"].value == 50000
    assert (27, "kilometers") in {(o["quantity"], o["unit"]) for o in drains.outputs}
    assert [f.value.pcode for f in drains.places] == ["SY090201"]
    pipes = next(p for k, p in proposals.items() if "01/01/2023" in k)
    assert (2050, "meters") in {(o["quantity"], o["unit"]) for o in pipes.outputs}
    rubble = next(p for k, p in proposals.items() if "01/08/2018" in k)
    assert "SY090301" in [f.value.pcode for f in rubble.places]  # Thiban
    not_found = [f["text"] for f in rubble.flags if f["code"] == "place_not_found"]
    assert not_found == ["Al-Shuhail", "Al-Hawaij", "Darnaj", "Al-Zer", "Al-Attal", "Al-Takihi"]
    arabic = next(p for k, p in proposals.items() if "1/1/2022" in k)
    assert arabic.language == "ar"
    assert arabic.fields["targeted_total"].value == 40
    assert (1600, "نفق زراعي بالخيار") in {(o["quantity"], o["unit"]) for o in arabic.outputs}


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("نُفّذ المشروع بين ١٥/٠٣/٢٠٢٢ و ٣١/١٢/٢٠٢٢ في هجين.", "2022-03-15", "2022-12-31"),  # Arabic-Indic
        ("نُفّذ المشروع بين ۱۵/۰۳/۲۰۲۲ و ۳۱/۱۲/۲۰۲۲ في هجين.", "2022-03-15", "2022-12-31"),  # Eastern digits
        ("تم تنفيذ المشروع من 5 كانون الثاني 2023 حتى 20 شباط 2023.", "2023-01-05", "2023-02-20"),  # Syrian months
        ("تم تنفيذ المشروع من 1 تشرين الأول 2021 إلى 30 تشرين الثاني 2021.", "2021-10-01", "2021-11-30"),
        ("تم تنفيذ المشروع من 1 أغسطس 2021 إلى 30 سبتمبر 2021.", "2021-08-01", "2021-09-30"),  # standard Arabic
        ("The project ran from 3 March 2022 to August 15, 2022.", "2022-03-03", "2022-08-15"),  # English
        ("The project was implemented from 01-09-2021 to 31.12.2021.", "2021-09-01", "2021-12-31"),  # - and .
        ("Proje di navbera 1 Adar 2022 û 30 Hezîran 2022 de hate bicihanîn.", "2022-03-01", "2022-06-30"),  # Kurmanji
    ],
)
def test_periods_in_every_writing(demo, text, start, end):
    proposal = _one(text)
    started = proposal.fields.get("actual_start") or proposal.fields.get("planned_start")
    ended = proposal.fields.get("actual_end") or proposal.fields.get("planned_end")
    assert (started.value.isoformat(), ended.value.isoformat()) == (start, end)
    assert text[started.start : started.end] == started.text


def test_impossible_day_is_flagged(demo):
    proposal = _one("The project was implemented between 31/02/2022 and 10/05/2022 in Kisreh.")
    assert proposal.flags[0]["code"] == "invalid_date" and proposal.flags[0]["text"] == "31/02/2022"
    assert [f.value.pcode for f in proposal.places] == ["SY090101"]


def test_future_work_is_planned(demo):
    proposal = _one("The project will be implemented from 01/09/2027 to 31/12/2027 in Raqqa for 500 people.")
    assert proposal.fields["status"].value == "planned"
    assert proposal.fields["planned_start"].value == datetime.date(2027, 9, 1)


def test_arabic_places_with_prefixes_and_thousands(demo):
    proposal = _one("نُفّذ المشروع بين 1/3/2022 و 1/6/2022 في هجين وبالرقة، واستفاد منه ٣٬٥٠٠ شخص.")
    assert {f.value.pcode for f in proposal.places} == {"SY090201", "SY1101"}
    assert proposal.fields["reached_total"].value == 3500


def test_total_smaller_than_its_parts_is_a_problem(demo):
    proposal = _one(
        "The project ran from 3 March 2022 to 15 August 2022 in Amuda and reached 120 women and 80 men, "
        "150 people in total."
    )
    assert (proposal.fields["reached_women"].value, proposal.fields["reached_men"].value) == (120, 80)
    codes = [p.code for p in validation.check(proposal.values(), flags=proposal.flags)]
    assert "total_below_parts" in codes


def test_text_without_a_project_gives_nothing(demo):
    assert extract("Our vision is a society of justice, freedom and equality.") == []


def test_oversized_text_is_refused(demo):
    with pytest.raises(ValueError):
        extract("x" * (MAX_TEXT + 1))


def test_command_prints_proposals_as_json(demo, tmp_path, seed_text):
    path = tmp_path / "page.txt"
    path.write_text(seed_text, encoding="utf-8")
    out = StringIO()
    call_command("extract_projects", str(path), stdout=out)
    data = json.loads(out.getvalue())
    assert len(data) == 13
    assert any(p["code"] == "invalid_date" for item in data for p in item["problems"])
    keys = {"title", "start_date", "end_date", "people_reached", "places", "outputs", "problems"}
    assert all(keys <= set(item) for item in data)


def test_pasted_text_folds_like_search_and_keeps_its_offsets(demo):
    # Accents typed as separate marks (as some PDFs paste them) are folded like search folds them, and
    # every value still points at the characters as pasted.
    text = unicodedata.normalize("NFD", "The project was implemented between 01/01/2023 and 15/02/2023 in Hājin.")
    proposal = _one(text)
    [place] = proposal.places
    assert place.value.pcode == "SY090201"
    assert text[place.start : place.end] == place.text == unicodedata.normalize("NFD", "Hājin")
    folded, where = fold("أُمّ ٢٠٢٣ Sivîl")
    assert folded == normalise("أُمّ ٢٠٢٣ Sivîl") == "ام 2023 sivil"
    assert where == [0, 2, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14]


def test_one_place_lookup_for_text_tables_and_files(demo):
    # A name several places share means the finest of them, unless a level is asked for.
    assert [p.pcode for p in places_by_name("Deir-ez-Zor")] == ["SY090100", "SY0901", "SY09"]
    assert place_by_name("deir ez zor").pcode == "SY090100"
    assert place_by_name("دير الزور", level=1).pcode == "SY09"
    assert place_by_name("Kasrah").pcode == "SY090101"  # an alias
    assert place_by_pcode("sy090201").name_en == "Hajin"
    assert place_by_name("Atlantis") is None and place_by_pcode("SY99") is None
