"""Reading real texts: segmentation into projects, dates and numbers as the region writes them, people
(never families), places in three languages, and problems flagged, never fixed."""

import datetime
import json
from io import StringIO

import pytest
from django.core.management import call_command

from core.text import fold
from places.selectors import place_by_name
from projects import validation
from projects.extraction import extract
from projects.extraction.numbers import find_numbers

TODAY = datetime.date(2026, 11, 21)


def _json(text):
    return [p.as_json(validation.check(p.values(), flags=p.flags)) for p in extract(text, today=TODAY)]


def _one(text):
    [proposal] = _json(text)
    return proposal


def _codes(proposal):
    return {p["code"] for p in proposal["problems"]}


@pytest.mark.parametrize(
    ("written", "value"),
    [
        ("1.500 jin", 1500),
        ("1.200 kes", 1200),
        ("28.742 مستفيداً", 28742),
        ("1,647 people", 1647),
        ("٣٬٥٠٠ شخص", 3500),
        ("29 ألف شخص", 29000),
        ("4 آلاف نسمة", 4000),
        ("ألفي شخص", 2000),
        ("2 hezar û 300 kes", 2300),
        ("1.2 thousand residents", 1200),
        ("two thousand five hundred people", 2500),
        ("ألفاً وثلاثمئة وستة وعشرين مريضاً", 1326),
        ("ثلاثة آلاف شخص", 3000),
        ("3.2 km", 3.2),
        ("3,5 km", 3.5),
        ("۱۲۰ طالب", 120),
    ],
)
def test_numbers_as_written(written, value):
    folded, _where = fold(written)
    assert find_numbers(folded, 0, len(folded), english=written.isascii())[0].value == value


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("The project ran from 12 / 12 / 2018 to 3 / 2 / 2019 in Hajin for 300 people.", "2018-12-12", "2019-02-03"),
        ("The project ran from 2021-07-01 to 2021-09-30 in Hajin for 300 people.", "2021-07-01", "2021-09-30"),
        ("نُفذ المشروع من 5 كانون الثاني/يناير 2023 حتى 20 شباط/فبراير 2023 لصالح 300 شخص.", "2023-01-05", "2023-02-20"),
        ("نُفذ المشروع بين 5 و20 آذار 2022 لصالح 300 شخص.", "2022-03-05", "2022-03-20"),
        ("Proje ji 5ê Tîrmehê heta 25ê Tebaxa 2022an dewam kir û 300 kes sûdmend bûn.", "2022-07-05", "2022-08-25"),
        ("Proje ji Çileya 2023an heta Adara 2023an dewam kir û 300 kes sûdmend bûn.", "2023-01-01", "2023-03-31"),
        ("From November to February 2023 the project reached 300 people.", "2022-11-01", "2023-02-28"),
        ("On Wednesday, June 2, 2021 the project started in Hajin; it will reach 300 people.", "2021-06-02", None),
        ("The project dates are 07/20/2012 – 10/31/2012; it reached 300 refugees.", "2012-07-20", "2012-10-31"),
    ],
)
def test_periods(demo, text, start, end):
    proposal = _one(text)
    assert (proposal["start_date"]["value"], proposal["end_date"]["value"]) == (start, end)
    assert not _codes(proposal) & {"invalid_date", "ambiguous_date", "end_before_start"}


def test_month_only_period_records_its_precision(demo):
    proposal = _one("من كانون الثاني حتى حزيران 2022 وصلت العيادة المتنقلة إلى 900 مريض.")
    assert proposal["start_date"] == {**proposal["start_date"], "value": "2022-01-01", "precision": "month"}
    assert proposal["end_date"]["value"] == "2022-06-30"


@pytest.mark.parametrize(
    ("text", "written"),
    [
        ("The project ran from 01/00/2023 to 30/06/2023 and reached 300 people.", "01/00/2023"),
        ("The project ran from 01/03/2023 to 31/04/2023 and reached 300 people.", "31/04/2023"),
        ("The project ran from 29/02/2023 to 30/06/2023 and reached 300 people.", "29/02/2023"),
        ("Proje ji 15.09.2022 heta 15.13.2022 dewam kir û 300 kes sûdmend bûn.", "15.13.2022"),
        ("نُفذ المشروع من 1 نيسان 2023 حتى 31 نيسان 2023 لصالح 300 شخص.", "31 نيسان 2023"),
    ],
)
def test_impossible_dates_are_flagged_and_left_empty(demo, text, written):
    proposal = _one(text)
    problem = next(p for p in proposal["problems"] if p["code"] == "invalid_date")
    assert written in problem["message"]
    slot = proposal["start_date"] if proposal["start_date"]["text"] == written else proposal["end_date"]
    assert slot["value"] is None and slot["text"] == written
    assert text[slot["start"] : slot["end"]] == written


def test_a_reversed_period_is_kept_as_written_and_flagged(demo):
    proposal = _one("نُفّذ المشروع في الفترة من 15/06/2021 إلى 10/03/2021 لصالح 300 شخص.")
    assert (proposal["start_date"]["value"], proposal["end_date"]["value"]) == ("2021-06-15", "2021-03-10")
    assert "end_before_start" in _codes(proposal)


def test_a_period_without_a_year_is_ambiguous(demo):
    proposal = _one("The project started on 18 May and completion is planned for September; 4 pumps were replaced.")
    assert proposal["start_date"]["value"] is None and proposal["end_date"]["value"] is None
    assert "ambiguous_date" in _codes(proposal) and "no_period" not in _codes(proposal)


def test_dates_that_are_not_the_period(demo):
    proposal = _one(
        "Our association, founded in June 2018, implemented the project between 01/03/2022 and 30/06/2022. "
        "By 15 May 2022 half of the 300 people had been reached."
    )
    assert (proposal["start_date"]["value"], proposal["end_date"]["value"]) == ("2022-03-01", "2022-06-30")


def test_people_are_persons_and_parts_add_up_only_without_a_total(demo):
    assert _one("From 1 March 2022 to 30 June 2022 we reached 140 men and 160 women.")["people_reached"]["value"] == 300
    total = _one("From 1 March 2022 to 30 June 2022, a total of 520 students (270 girls, 250 boys) took part.")
    assert total["people_reached"]["value"] == 520
    families = _one("From 1 March 2022 to 30 June 2022 the project supported 450 households in Hajin.")
    assert families["people_reached"]["value"] is None
    both = _one("نُفذ المشروع من 1/3/2022 حتى 30/6/2022 لصالح 300 أسرة يبلغ عدد أفرادها 1600 شخص.")
    assert both["people_reached"]["value"] == 1600


def test_an_approximate_count_is_kept_and_flagged(demo):
    for text in (
        "From 1 March 2022 to 30 June 2022 the project reached around 900 people.",
        "نُفذ المشروع من 1/3/2022 حتى 30/6/2022 واستفاد منه ما يقارب 1500 شخص.",
        "Proje ji 01.03.2022 heta 30.06.2022 dewam kir û zêdetir ji 400 kesan sûd wergirtin.",
    ):
        proposal = _one(text)
        assert proposal["people_reached"]["approximate"] is True
        assert proposal["people_reached"]["value"] in (900, 1500, 400)
        assert "approximate_count" in _codes(proposal)


def test_outputs_keep_their_unit_as_written(demo):
    proposal = _one(
        "Between 01/03/2022 and 30/06/2022 the project rehabilitated 14 bathroom blocks and 3 km of pipes, "
        "and installed two water pumps, for a budget of USD 40,000 in five villages."
    )
    assert {(o["quantity"], o["unit"]) for o in proposal["outputs"]} == {
        (14, "bathroom blocks"),
        (3, "km of pipes"),
        (2, "water pumps"),
    }
    arabic = _one("نُفذ المشروع من 1/3/2022 حتى 30/6/2022 ووزعت خلاله 2954 مدفأة وتم تأهيل محطتي ري.")
    assert {(o["quantity"], o["unit"]) for o in arabic["outputs"]} == {(2954, "مدفأة"), (2, "محطتي")}


def test_a_story_over_many_lines_is_one_project(demo):
    text = (
        "Winter support in Al-Hol\n\nMany families live in torn tents.\n\nPeriod: 01/12/2022 – 28/02/2023\n"
        "Locations: Al-Hol and Al-Arisha\n\nDelivered:\n- 600 tents\n- 1,200 blankets\n\nTotal people reached: 3,100"
    )
    proposal = _one(text)
    assert proposal["title"] == "Winter support in Al-Hol"
    assert proposal["people_reached"]["value"] == 3100
    assert {p["text"] for p in proposal["places"]} == {"Al-Hol", "Al-Arisha"}


def test_several_projects_and_none(demo):
    text = (
        "Our projects in Raqqa\n\nSchool repairs\nFrom 1 March 2022 to 30 June 2022 we repaired 6 schools.\n\n"
        "Bakery support\nFrom 1 July 2022 to 30 September 2022 the bakery served 5,000 people.\n"
    )
    proposals = _json(text)
    assert [p["title"] for p in proposals] == ["School repairs", "Bakery support"]
    assert all("Raqqa" in [x["text"] for x in p["places"]] for p in proposals)
    assert _json("Call for proposals: small grants. Applications open on 1 March 2024 and close on 15 May 2024.") == []
    assert _json("رؤيتنا: مجتمع آمن تعيش فيه النساء بكرامة. رسالتنا: العمل مع 20 منظمة شريكة.") == []


@pytest.mark.parametrize(
    ("written", "pcode"),
    [
        ("Qamişlo", "SY080200"),
        ("Tirbespiyê", "SY080203"),
        ("Dêrikê", "SY080300"),
        ("Deir al-Zour", "SY090100"),
        ("Deir Ezzor", "SY090100"),
        ("الطبقة", "SY110300"),
        ("Tabqa", "SY110300"),
        ("Al-Busaira", "SY090102"),
        ("Reqa", "SY110100"),
    ],
)
def test_the_gazetteer_knows_the_regions_other_names(demo, written, pcode):
    assert place_by_name(written).pcode == pcode


def test_places_in_three_languages_and_names_to_add(demo):
    kurmanji = _one(
        "Proje ji 01.03.2022 heta 30.06.2022 li Qamişlo, Amûdê û gundê Xirbê Bava dewam kir û 300 kes sûdmend bûn."
    )
    found = {p["text"]: p for p in kurmanji["places"]}
    assert found["Qamişlo"]["pcode"] == "SY080200" and found["Amûdê"]["pcode"] == "SY080202"
    unknown = found["Xirbê Bava"]
    assert unknown["pcode"] is None and unknown["parent"]["pcode"] == "SY080202"  # the nearest sub-district
    assert "place_not_found" in _codes(kurmanji)
    arabic = _one(
        "نُفذ المشروع من 1/3/2022 حتى 30/6/2022 في قرى الجردي الشرقي وأبو حردوب بريف دير الزور الشرقي لصالح 300 شخص."
    )
    assert [p["text"] for p in arabic["places"]] == ["الجردي الشرقي", "أبو حردوب", "دير الزور"]
    # a longer name that begins with a gazetteer name is another place, never matched to the shorter one
    other = _one("المدة: من 1/3/2022 حتى 30/6/2022\nالقرى: كسرة عفنان، رطلة\nالمستفيدون: 300 شخص")
    assert {p["text"]: p["pcode"] for p in other["places"]} == {"كسرة عفنان": None, "رطلة": None}


def test_places_people_came_from_are_not_where_the_work_was(demo):
    proposal = _one(
        "From 1 March 2022 to 30 June 2022 we supported 250 women returning from Al-Hol camp in Hajin and Diban."
    )
    assert [p["text"] for p in proposal["places"]] == ["Hajin", "Diban"]


def test_the_json_output_is_stable(demo, tmp_path):
    path = tmp_path / "text.txt"
    path.write_text(
        "The project ran from 01/03/2022 to 31/04/2022 in Hajin and reached nearly 300 people.", encoding="utf-8"
    )
    out = StringIO()
    call_command("extract_projects", str(path), stdout=out)
    [item] = json.loads(out.getvalue())
    assert set(item) >= {"title", "start_date", "end_date", "people_reached", "places", "outputs", "problems"}
    assert set(item["start_date"]) == {"value", "precision", "text", "start", "end"}
    assert set(item["people_reached"]) >= {"value", "approximate", "text", "start", "end"}
    assert set(item["places"][0]) >= {"pcode", "name", "text", "start", "end"}
    assert all(set(p) >= {"code", "field", "message"} for p in item["problems"])
    assert {"invalid_date", "approximate_count"} <= {p["code"] for p in item["problems"]}
    assert next(p for p in item["problems"] if p["code"] == "invalid_date")["field"] == "end_date"
