"""What a new-user walk of the capacity-building pages found (December 2026), held by tests: Arabic question
labels without a doubled "؟:", attendance boxes whose names keep their place in RTL, and a needs matrix whose
title is not clipped inside its sideways scroll."""

import re

from django.urls import reverse

OPEN, CLOSED, HAJIN = "training-needs-2026", "training-needs-2021", "aso-advocacy-hajin"


def test_arabic_questions_end_with_their_question_mark_not_a_colon(as_user, demo):
    client = as_user("astefir_editor")
    page = client.get(f"/ar/my/trainings/needs/{OPEN}/astefir-al-zour/").content.decode()
    labels = re.findall(r"<label[^>]*>([^<]*)</label>", page)
    assert labels, "the questionnaire has labelled text fields"
    assert not [label for label in labels if re.search(r"[؟?.!]\s*:$", label)]
    assert "؟:" not in page


def test_attendance_boxes_isolate_each_name_and_organisation(as_user, demo):
    page = as_user("astefir_editor").get(f"/ar/my/trainings/workshops/{HAJIN}/attendance/2021-11-16/")
    html = page.content.decode()
    assert '<bdi class="name">Mustafa Example (demo)</bdi>' in html
    assert "Mustafa Example (demo) —" not in html  # no bare "name — organisation" that RTL reorders


def test_the_attendance_sheet_heads_its_days_with_short_dates(as_user, demo):
    html = as_user("astefir_editor").get(f"/ar/my/trainings/workshops/{HAJIN}/attendance/").content.decode()
    head = html.split('class="attendance-sheet"', 1)[1].split("</thead>", 1)[0]
    assert '<time datetime="2021-11-14"' in head and ">14/11</time>" in head


def test_the_needs_matrix_title_sits_outside_its_scrolling_table(client, demo):
    html = client.get(reverse("trainings:needs", args=[CLOSED])).content.decode()
    scroll = html.split('class="scroll matrix-scroll"', 1)
    assert len(scroll) == 2, "the matrix scrolls in a labelled region"
    assert 'id="needs-matrix-title"' in scroll[0]
    assert "<caption>" not in scroll[1].split("</table>", 1)[0]


def test_choice_boxes_are_styled_for_the_markup_django_renders(as_user, demo):
    """Django 5 renders checkboxes as divs, not ul/li: the phone-sized rows must target what is there."""
    from django.contrib.staticfiles import finders

    css = open(finders.find("trainings/trainings.css"), encoding="utf-8").read()
    html = as_user("astefir_editor").get(f"/ar/my/trainings/workshops/{HAJIN}/attendance/2021-11-16/")
    assert '<div id="id_present"><div>' in html.content.decode().replace("\n", "")
    assert ".attendance-boxes fieldset label" in css and ".attendance-boxes li" not in css
    assert ".answer-form fieldset label" in css and ".answer-form ul" not in css
