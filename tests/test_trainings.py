"""Capacity building (issue 15), told as the coalition lives it: the needs round aggregated exactly as the
organisations answered, small counts hidden on every public page and file, one response per organisation,
refusals that leave nothing written, workshops, attendance, certificates anyone can check, the donor report's
sentence whose numbers are the table's, and who may do what."""

import csv
import datetime
import io
import re
from collections import defaultdict

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone, translation
from openpyxl import load_workbook

from coalition.models import Region
from core.i18n import LANGUAGE_CODES
from core.models import AuditEvent
from core.services import Refused
from core.todo import items_for
from members.models import Affiliation, Organisation
from places.models import Place
from trainings import exports, selectors, services
from trainings.models import (
    SMALLEST_SHOWN,
    Answer,
    Attendance,
    Certificate,
    Question,
    Questionnaire,
    Response,
    Round,
    Trainee,
    Workshop,
)

CLOSED, OPEN = "training-needs-2021", "training-needs-2026"
HAJIN, KASRA = "aso-advocacy-hajin", "aso-advocacy-al-kasra"


def _round(slug):
    return Round.objects.get(slug=slug)


def _fresh_round(slug="test-round", *, opens=-1, closes=1, regions=("deir-ez-zor",)):
    now = timezone.now()
    training_round = Round.objects.create(
        slug=slug,
        questionnaire=Questionnaire.objects.get(slug="training-needs", version=1),
        title_en="A round of the tests",
        opens_at=now + datetime.timedelta(days=opens),
        closes_at=now + datetime.timedelta(days=closes),
    )
    training_round.regions.set(Region.objects.filter(slug__in=regions))
    return training_round


@pytest.fixture(autouse=True)
def _english():
    """Addresses reversed in the tests are English pages, whose words the tests read."""
    with translation.override("en"):
        yield


ANSWERS = {"topics": ["advocacy", "media"], "format": "workshop", "experience": 3, "more": ""}


# --- needs: aggregation equals the raw answers ------------------------------------------------------------


def test_the_matrix_counts_each_organisation_once_per_topic_and_region_as_the_raw_answers_say(demo):
    training_round = _round(CLOSED)
    matrix = selectors.needs_matrix(training_round)
    # The same figures, counted in Python from the answer rows.
    chose = defaultdict(set)
    for answer in Answer.objects.filter(response__round=training_round, option__isnull=False).select_related(
        "option", "response__organisation"
    ):
        if answer.option.topic:
            chose[(answer.option.topic, answer.response.organisation.region_id)].add(answer.response.organisation_id)
    answered = defaultdict(set)
    for response in Response.objects.filter(round=training_round).select_related("organisation"):
        answered[response.organisation.region_id].add(response.organisation_id)
    assert matrix.answered == [len(answered[r.pk]) for r in matrix.regions]
    assert matrix.answered_total == Response.objects.filter(round=training_round).count() == 12
    assert matrix.asked_total == Organisation.objects.filter(status="member").count()
    for row in matrix.rows:
        for region, cell in zip(matrix.regions, row.cells, strict=True):
            assert cell.count == len(chose[(row.topic, region.pk)])
            if cell.count:
                assert cell.share == round(100 * cell.count / len(answered[region.pk]))
        assert row.total.count == len(set().union(*(chose[(row.topic, r.pk)] for r in matrix.regions)))
    # The seed's choice comes first: community mobilisation and advocacy methods.
    assert matrix.rows[0].topic == "advocacy"
    assert matrix.rows[0].total.count == 10


def test_question_results_count_options_other_and_the_scale(demo):
    results = {r.question.code: r for r in selectors.question_results(_round(CLOSED), public=False)}
    topics = dict((o.code if o else "other", n) for o, n in results["topics"].options)
    assert topics["advocacy"] == 10 and topics["other"] == 0
    assert sum(n for _p, n in results["experience"].scale) == 12
    assert "more" not in results  # text answers are never aggregated


# --- suppression of small counts ---------------------------------------------------------------------------


def _numbers_shown(html: str) -> list[int]:
    return [int(n) for n in re.findall(r"(?<![\d.:/-])(\d+)(?![\d.:/-])", html)]


def test_the_public_matrix_hides_every_count_below_5_with_its_share(demo):
    matrix = selectors.needs_matrix(_round(CLOSED)).public()
    values = [*matrix.asked, *matrix.answered, matrix.asked_total, matrix.answered_total]
    for row in matrix.rows:
        values += [c.count for c in row.cells] + [row.total.count]
        for c in [*row.cells, row.total]:
            assert (c.count is None) == (c.share is None) or c.count == 0
    assert None in values  # the demo has small counts: they are hidden
    assert all(v is None or v == 0 or v >= SMALLEST_SHOWN for v in values)


def test_the_public_needs_page_and_its_files_show_fewer_than_5_never_a_small_count(client, demo):
    page = client.get(f"/en/trainings/needs/{CLOSED}/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "fewer than 5" in html
    table = html[html.index('<table class="matrix">') : html.index("</table>")]
    assert all(n == 0 or n >= SMALLEST_SHOWN for n in _numbers_shown(re.sub(r"\([^)]*%\)", "", table)))
    # No organisation's own answers: the names of those that answered are not on the page.
    assert "Astefir" not in html

    data = client.get(f"/en/trainings/needs/{CLOSED}/needs.csv")
    text = data.content.decode("utf-8")
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    assert rows[1] == exports.HXL
    for row in rows[2:]:
        for value in row[3:6]:
            assert value == exports.HIDDEN or int(value) == 0 or int(value) >= SMALLEST_SHOWN
    assert any(exports.HIDDEN in row for row in rows[2:])

    book = load_workbook(io.BytesIO(client.get(f"/en/trainings/needs/{CLOSED}/needs.xlsx").content))
    sheet_rows = list(book.active.iter_rows(values_only=True))
    assert list(sheet_rows[1]) == exports.HXL
    for row in sheet_rows[2:]:
        for value in row[3:6]:
            assert value == exports.HIDDEN or value == 0 or value >= SMALLEST_SHOWN


def test_an_open_round_has_no_public_results(client, demo):
    assert client.get(f"/en/trainings/needs/{OPEN}/").status_code == 404
    assert client.get(f"/en/trainings/needs/{OPEN}/needs.csv").status_code == 404


def test_public_workshop_pages_hide_small_counts_and_every_trainee_name(client, demo):
    for slug in (HAJIN, KASRA):
        html = client.get(f"/en/trainings/workshops/{slug}/").content.decode()
        for name in Trainee.objects.values_list("name", flat=True):
            assert name not in html
        rep = selectors.report(Workshop.objects.filter(slug=slug))
        figures = selectors.public_report(rep)
        shown = [n for _c, _l, n in figures["by_gender"] + figures["by_age"]] + [n for _p, n in figures["by_town"]]
        assert all(n is None or n == 0 or n >= SMALLEST_SHOWN for n in shown)
    kasra = client.get(f"/en/trainings/workshops/{KASRA}/").content.decode()
    assert "fewer than 5 women" in kasra  # 3 women in Al-Kasra
    assert "Nour Example (demo)" not in client.get(f"/en/trainings/workshops/{HAJIN}/").content.decode()
    assert "Abdullah Obied" in client.get(f"/en/trainings/workshops/{HAJIN}/").content.decode()  # consented


def test_the_trainings_page_lists_workshops_and_hides_small_counts(client, demo, django_assert_max_num_queries):
    with django_assert_max_num_queries(30):
        response = client.get("/en/trainings/")
    html = response.content.decode()
    assert "Community mobilisation and advocacy methods — Hajin" in html
    assert "23 people" in html and "10 women and 13 men" in html
    assert "Training needs 2021" in html and "Training needs 2026" not in html
    figures = selectors.public_report(selectors.report(Workshop.objects.filter(published=True)))
    for _code, _label, n in figures["by_age"]:
        assert n is None or n == 0 or n >= SMALLEST_SHOWN
    assert "fewer than 5" in html  # the age bands of 23 people: some have fewer than 5


def test_public_pages_answer_in_a_bounded_number_of_queries(client, demo, django_assert_max_num_queries):
    with django_assert_max_num_queries(30):
        assert client.get(f"/ar/trainings/workshops/{HAJIN}/").status_code == 200
    with django_assert_max_num_queries(30):
        assert client.get(f"/ar/trainings/needs/{CLOSED}/").status_code == 200


# --- the report and its sentence -----------------------------------------------------------------------------


def _sentence_numbers(rep) -> list[str]:
    return [
        selectors.number(len(rep.workshops)),
        selectors.number(rep.people),
        selectors.number(rep.organisations),
        selectors.number(rep.count("woman")),
        selectors.number(rep.count("man")),
        *[selectors.number(n) for _p, n in rep.by_town],
    ]


@pytest.mark.parametrize("lang", LANGUAGE_CODES)
def test_the_donor_sentence_says_the_numbers_of_the_table_in_every_language(demo, lang):
    with translation.override(lang):
        rep = selectors.report(Workshop.objects.all())
        sentence = selectors.donor_sentence(rep)
        assert rep.people == sum(n for _c, _l, n in rep.by_gender) == sum(n for _p, n in rep.by_town)
        assert rep.people == sum(n for _o, n in rep.by_organisation) == sum(n for _c, _l, n in rep.by_age)
        for figure in _sentence_numbers(rep):
            assert figure in sentence, (figure, sentence)
        for place, _n in rep.by_town:
            assert str(place.name) in sentence
    if lang == "en":
        assert sentence == (
            "2 workshops of 3 days in Hajin and Kisreh trained 23 people from 11 member organisations: "
            "15 from Hajin and 8 from Kisreh; 10 women and 13 men."
        )


def test_the_sentence_uses_the_singular_for_one(demo):
    workshop = Workshop.objects.get(slug=KASRA)
    Certificate.objects.filter(trainee__workshop=workshop).delete()
    Trainee.objects.filter(workshop=workshop, gender="woman").exclude(name__startswith="Salma").delete()
    Trainee.objects.filter(workshop=workshop, gender="man").exclude(name__startswith="Ahmad").delete()
    with translation.override("en"):
        sentence = selectors.donor_sentence(selectors.report(Workshop.objects.filter(pk=workshop.pk)))
    assert sentence.startswith("1 workshop of 3 days in Kisreh trained 2 people from 2 member organisations")
    assert sentence.endswith("1 woman and 1 man.")


def test_the_office_report_shows_the_sentence_beside_its_table(as_user, demo):
    client = as_user("tech_officer")
    with translation.override("en"):
        url = reverse("trainings:report_project", args=[Workshop.objects.get(slug=HAJIN).project.code])
    html = client.get(url)
    html = html.content.decode()
    sentence = re.search(r'id="donor-sentence">(.*?)</p>', html, re.S).group(1)
    people = re.search(r'data-figure="people">(\d+)<', html).group(1)
    women = re.search(r'data-figure="woman">(\d+)<', html).group(1)
    assert f"{people} people" in sentence and f"{women} women" in sentence
    period = client.get("/en/office/trainings/report/?start=2021-11-14&end=2021-11-16").content.decode()
    assert "1 workshop of 3 days in Hajin trained 15 people" in period


# --- answering: once per organisation, until the close ---------------------------------------------------------


def test_an_open_round_is_announced_once_to_those_who_answer_for_organisations_not_yet_answered(
    people, demo, smtp, django_capture_on_commit_callbacks
):
    from django_tasks_db.models import DBTaskResult

    from trainings.todo import announce_round_task

    training_round = _round(OPEN)
    opens_at = training_round.opens_at.isoformat()
    assert announce_round_task.call(training_round.pk, "2000-01-01T00:00:00+00:00") == 0  # a time since changed
    assert announce_round_task.call(training_round.pk, opens_at) >= 1
    body = smtp.body(smtp.to(people["astefir_editor"].email)[-1])  # an editor answers, in their language
    assert f"/ar/my/trainings/needs/{OPEN}/astefir-al-zour/" in body
    assert smtp.to(people["astefir_delegate"].email) == []  # a delegate does not answer questionnaires
    assert all(len(m.envelope_rcpt) == 1 for m in smtp.messages)  # one email each: no address shown to others
    answered = set(Response.objects.filter(round=training_round).values_list("organisation__slug", flat=True))
    for message in smtp.messages:
        assert not any(f"/{slug}/" in smtp.body(message) for slug in answered)  # who answered is not asked again
    assert announce_round_task.call(training_round.pk, opens_at) == 0  # once
    # Saving a round schedules its announcement for the time it opens.
    later = timezone.now() + datetime.timedelta(days=3)
    with django_capture_on_commit_callbacks(execute=True):
        services.round_save(
            actor=people["tech_officer"],
            training_round=training_round,
            fields={
                "questionnaire": training_round.questionnaire,
                "opens_at": later,
                "closes_at": later + datetime.timedelta(days=14),
            },
            regions=training_round.regions.all(),
        )
    task = DBTaskResult.objects.filter(task_path__endswith="announce_round_task").latest("enqueued_at")
    assert task.run_after == later and task.args_kwargs["args"] == [training_round.pk, later.isoformat()]
    # ... and a reminder three days before it closes, for those who have not answered by then.
    closes = later + datetime.timedelta(days=14)
    task = DBTaskResult.objects.filter(task_path__endswith="remind_round_task").latest("enqueued_at")
    assert task.run_after == closes - datetime.timedelta(days=3)
    assert task.args_kwargs["args"] == [training_round.pk, closes.isoformat()]


def test_the_reminder_before_the_close_goes_once_to_who_has_not_answered(
    people, as_user, demo, smtp, django_capture_on_commit_callbacks
):
    from trainings.todo import remind_round_task

    training_round = _round(OPEN)
    closes_at = training_round.closes_at.isoformat()
    assert remind_round_task.call(training_round.pk, "2000-01-01T00:00:00+00:00") == 0  # a close since moved
    as_user("astefir_editor").post(
        reverse("trainings:answer", args=[OPEN, "astefir-al-zour"]),
        {"topics": ["advocacy"], "format": "workshop", "experience": "2"},
    )
    assert remind_round_task.call(training_round.pk, closes_at) >= 1
    assert smtp.to(people["astefir_editor"].email) == []  # Astefir Al-Zour answered
    bodies = [smtp.body(m) for m in smtp.messages]
    assert bodies and all("/astefir-al-zour/" not in body for body in bodies)
    assert remind_round_task.call(training_round.pk, closes_at) == 0  # once


def test_an_editor_answers_for_the_organisation_and_may_change_it_until_the_close(as_user, people, demo):
    training_round = _round(OPEN)
    astefir = Organisation.objects.get(slug="astefir-al-zour")
    assert any(OPEN in item.url for item in items_for(people["astefir_editor"]))  # the reminder
    client = as_user("astefir_editor")
    url = reverse("trainings:answer", args=[OPEN, "astefir-al-zour"])
    response = client.post(url, {"topics": ["advocacy", "media"], "format": "workshop", "experience": "2"})
    assert response.status_code == 302
    saved = Response.objects.get(round=training_round, organisation=astefir)
    assert sorted(saved.answers.exclude(option=None).values_list("option__code", flat=True)) == [
        "advocacy",
        "media",
        "workshop",
    ]
    assert not any(OPEN in item.url for item in items_for(people["astefir_editor"]))
    page = client.get(url).content.decode()
    assert 'name="replace" value="True"' in page and "checked" in page
    client.post(
        url,
        {"replace": "True", "topics": ["gender"], "topics__other": "Archiving", "format": "online", "experience": 4},
    )
    saved.refresh_from_db()
    assert Response.objects.filter(round=training_round, organisation=astefir).count() == 1
    assert set(saved.answers.values_list("text", flat=True)) >= {"Archiving"}
    assert AuditEvent.objects.filter(action=AuditEvent.Action.TRAINING_RESPONSE_UPDATED).exists()


def test_a_second_response_is_refused_and_changes_nothing(people, demo):
    training_round = _round(OPEN)
    deirna = Organisation.objects.get(slug="deirna")
    before = list(Answer.objects.filter(response__round=training_round, response__organisation=deirna).values())
    with pytest.raises(Refused):
        services.response_submit(
            actor=people["deirna_admin"], training_round=training_round, organisation=deirna, answers=ANSWERS
        )
    assert list(Answer.objects.filter(response__round=training_round, response__organisation=deirna).values()) == before


def test_answers_after_the_close_are_refused(people, demo):
    training_round = _fresh_round(opens=-3, closes=-1)
    with pytest.raises(Refused, match="only while the round is open"):
        services.response_submit(
            actor=people["astefir_editor"],
            training_round=training_round,
            organisation=Organisation.objects.get(slug="astefir-al-zour"),
            answers=ANSWERS,
        )
    assert not training_round.responses.exists()


def test_an_invalid_answer_is_refused_without_a_half_written_response(people, demo):
    training_round = _fresh_round()
    astefir = Organisation.objects.get(slug="astefir-al-zour")
    for bad in ({**ANSWERS, "topics": ["not-an-option"]}, {**ANSWERS, "experience": 9}, {**ANSWERS, "format": None}):
        with pytest.raises(Refused):
            services.response_submit(
                actor=people["astefir_editor"], training_round=training_round, organisation=astefir, answers=bad
            )
    assert not training_round.responses.exists()


def test_a_frozen_questionnaire_keeps_its_questions_and_a_new_version_copies_them(people, demo):
    questionnaire = Questionnaire.objects.get(slug="training-needs", version=1)
    with pytest.raises(Refused):
        services.question_add(
            actor=people["tech_officer"],
            questionnaire=questionnaire,
            fields={"code": "new", "kind": "text", "text_en": "New?"},
            options=[],
        )
    copy = services.questionnaire_new_version(actor=people["tech_officer"], questionnaire=questionnaire)
    assert copy.version == 2 and copy.questions.count() == questionnaire.questions.count()
    services.question_add(
        actor=people["tech_officer"],
        questionnaire=copy,
        fields={"code": "new", "kind": "text", "text_en": "New?"},
        options=[],
    )
    assert questionnaire.questions.count() + 1 == copy.questions.count()


def test_the_xlsform_has_survey_and_choices_sheets_in_every_language(as_user, demo):
    data = as_user("tech_officer").get(reverse("trainings:xlsform", args=["training-needs", 1])).content
    book = load_workbook(io.BytesIO(data))
    assert {"survey", "choices", "settings"} <= set(book.sheetnames)
    survey = list(book["survey"].iter_rows(values_only=True))
    assert survey[0][:3] == ("type", "name", "label::Arabic (ar)")
    assert "label::English (en)" in survey[0]
    kinds = {row[1]: row[0] for row in survey[1:]}
    assert kinds["topics"] == "select_multiple topics_choices or_other"
    assert kinds["format"] == "select_one format_choices" and kinds["more"] == "text"
    choices = list(book["choices"].iter_rows(values_only=True))
    assert ("topics_choices", "advocacy", "أساليب الحشد المجتمعي والمناصرة") in [r[:3] for r in choices]


# --- workshops: attendance, two places at once, age bands, certificates --------------------------------------


def _trainee(workshop_slug, name):
    return Trainee.objects.get(workshop__slug=workshop_slug, name=name)


def test_attendance_for_a_day_outside_the_workshop_is_refused(people, demo):
    workshop = Workshop.objects.get(slug=HAJIN)
    before = Attendance.objects.count()
    with pytest.raises(Refused, match="not one of the workshop's days"):
        services.attendance_record(
            actor=people["astefir_editor"], workshop=workshop, date=datetime.date(2021, 12, 25), present=[]
        )
    assert Attendance.objects.count() == before


def test_a_trainee_cannot_be_in_two_workshops_on_the_same_day(people, demo):
    hajin, kasra = Workshop.objects.get(slug=HAJIN), Workshop.objects.get(slug=KASRA)
    # The Al-Kasra workshop moves onto Hajin's first day, and Hajin's Fatima is entered in it too.
    services.workshop_save(
        actor=people["tech_officer"],
        workshop=kasra,
        fields={},
        dates=[datetime.date(2021, 11, 14), *kasra.days.values_list("date", flat=True)],
    )
    fatima = _trainee(HAJIN, "Fatima Example (demo)")
    double = services.trainee_add(
        actor=people["tech_officer"],
        workshop=kasra,
        fields={
            "name": "fatima  example (DEMO)",
            "organisation": fatima.organisation,
            "gender": "woman",
            "age_band": "25-34",
            "town": fatima.town,
            "language": "ar",
        },
    )
    before = Attendance.objects.count()
    with pytest.raises(Refused, match="one place at a time"):
        services.attendance_record(
            actor=people["tech_officer"], workshop=kasra, date=datetime.date(2021, 11, 14), present=[double]
        )
    assert Attendance.objects.count() == before
    assert hajin.days.filter(date=datetime.date(2021, 11, 14)).exists()


def test_an_age_band_that_does_not_exist_is_refused(people, demo):
    workshop = Workshop.objects.get(slug=HAJIN)
    before = Trainee.objects.count()
    for band in ("1990-04-02", "12-17", ""):
        with pytest.raises(Refused, match="age bands"):
            services.trainee_add(
                actor=people["tech_officer"],
                workshop=workshop,
                fields={
                    "name": "Someone (demo)",
                    "organisation": Organisation.objects.get(slug="deirna"),
                    "gender": "man",
                    "age_band": band,
                    "town": Place.objects.get(pcode="SY090201"),
                    "language": "ar",
                },
            )
    assert Trainee.objects.count() == before


def test_the_trainee_form_offers_age_bands_only(as_user, demo):
    html = as_user("tech_officer").get(reverse("trainings:workshop_edit", args=[HAJIN])).content.decode()
    assert 'name="trainee-age_band"' in html and "birth" not in html.lower().replace("a birth date is never asked", "")


def test_no_certificate_for_someone_who_did_not_complete(people, demo):
    mustafa = _trainee(HAJIN, "Mustafa Example (demo)")  # attended one day of three
    assert not services.completed(mustafa)
    with pytest.raises(Refused, match="did not complete"):
        services.certificate_issue(actor=people["tech_officer"], trainee=mustafa)
    assert not Certificate.objects.filter(trainee=mustafa).exists()
    assert services.certificates_issue_all(actor=people["tech_officer"], workshop=mustafa.workshop) == 0


def test_completion_follows_the_workshop_share(people, demo):
    mahmoud = _trainee(KASRA, "Mahmoud Example (demo)")  # two days of three
    assert not services.completed(mahmoud)
    Workshop.objects.filter(pk=mahmoud.workshop_id).update(completion_percent=60)
    mahmoud = Trainee.objects.get(pk=mahmoud.pk)
    assert services.completed(mahmoud)
    assert services.certificates_issue_all(actor=people["tech_officer"], workshop=mahmoud.workshop) == 1


def test_a_trainer_records_a_day_on_their_own_workshop(as_user, demo):
    client = as_user("astefir_editor")
    workshop = Workshop.objects.get(slug=HAJIN)
    everyone = list(workshop.trainees.values_list("pk", flat=True))
    url = reverse("trainings:attendance_day", args=[HAJIN, "2021-11-16"])
    assert client.get(url).status_code == 200
    assert client.post(url, {"present": everyone}).status_code == 302
    assert Attendance.objects.filter(day__workshop=workshop, day__date=datetime.date(2021, 11, 16)).count() == len(
        everyone
    )
    outside = client.post(reverse("trainings:attendance_day", args=[HAJIN, "2021-12-01"]), {"present": everyone})
    assert outside.status_code == 400 and b"not one of the workshop" in outside.content


# --- certificates ----------------------------------------------------------------------------------------------


def test_anyone_checks_a_certificate_by_its_code_and_sees_only_what_it_says(client, demo):
    cache.clear()
    certificate = Certificate.objects.select_related("trainee__workshop").get(trainee__name="Rana Example (demo)")
    assert len(certificate.code) >= 20
    html = client.get(f"/ar/certificates/{certificate.code}/").content.decode()
    assert "Rana Example (demo)" in html
    assert 'class="certificate" lang="en" dir="ltr"' in html  # in its holder's language, on an Arabic page
    assert "Community mobilisation and advocacy methods — Al-Kasra" in html
    assert "<svg" in html and 'class="qr"' in html and "<script>" not in html.replace("<script src", "")
    others = Trainee.objects.exclude(pk=certificate.trainee_id).values_list("name", flat=True)
    assert not any(name in html for name in others)
    assert "pre_score" not in html and "Woman" not in html
    assert client.get("/en/certificates/not-a-real-code/").status_code == 404


def test_checking_certificates_is_rate_limited(client, demo):
    cache.clear()
    statuses = [client.get(f"/en/certificates/guess-{i}/").status_code for i in range(62)]
    assert statuses[0] == 404 and statuses[-1] == 429


# --- who may do what -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "persona, status",
    [
        ("astefir_admin", 200),
        ("astefir_editor", 200),
        ("astefir_delegate", 403),  # its signatory and delegate: not an admin or an editor
        ("deirna_admin", 404),  # another organisation
        ("tech_officer", 200),
    ],
)
def test_who_may_open_an_organisations_answers(as_user, demo, persona, status):
    url = reverse("trainings:answer", args=[OPEN, "astefir-al-zour"])
    assert as_user(persona).get(url).status_code == status


def test_an_organisation_outside_the_rounds_regions_is_not_asked(as_user, demo):
    training_round = _fresh_round(regions=("raqqa",))
    url = reverse("trainings:answer", args=[training_round.slug, "astefir-al-zour"])
    assert as_user("astefir_editor").get(url).status_code == 404


def test_another_organisations_people_cannot_answer_for_it(people, demo):
    with pytest.raises(Refused):
        services.response_submit(
            actor=people["deirna_admin"],
            training_round=_round(OPEN),
            organisation=Organisation.objects.get(slug="astefir-al-zour"),
            answers=ANSWERS,
        )


@pytest.mark.parametrize(
    "persona, hajin, kasra",
    [
        ("astefir_editor", 200, 403),  # the Hajin workshop's assistant trainer
        ("deirna_admin", 404, 404),
        ("astefir_admin", 404, 404),
        ("tech_officer", 200, 200),
    ],
)
def test_only_a_workshops_trainer_records_its_attendance(as_user, demo, persona, hajin, kasra):
    client = as_user(persona)
    assert client.get(reverse("trainings:attendance", args=[HAJIN])).status_code == hajin
    assert client.get(reverse("trainings:attendance", args=[KASRA])).status_code == kasra


def test_anonymous_visitors_are_sent_to_sign_in(client, demo):
    for url in (
        reverse("trainings:answer", args=[OPEN, "astefir-al-zour"]),
        reverse("trainings:attendance", args=[HAJIN]),
        reverse("trainings:capacity", args=["astefir-al-zour"]),
    ):
        assert client.get(url).status_code == 302


@pytest.mark.parametrize(
    "persona, status",
    [("astefir_delegate", 200), ("astefir_editor", 200), ("deirna_admin", 404), ("tech_officer", 200)],
)
def test_the_capacity_profile_is_for_the_organisations_people_and_the_technical_team(
    as_user, demo, persona, status, django_assert_max_num_queries
):
    with django_assert_max_num_queries(40):
        response = as_user(persona).get(reverse("trainings:capacity", args=["astefir-al-zour"]))
    assert response.status_code == status
    if status == 200:
        html = response.content.decode()
        assert "Community mobilisation and advocacy methods" in html  # the need it expressed, and its training
        assert "Salma Example (demo)" in html
        # The round waiting for its answers, offered to whoever may answer (the delegate may not: no link to a 403).
        assert ("Training needs 2026" in html) == (persona != "astefir_delegate")


@pytest.mark.parametrize("persona", ["astefir_admin", "astefir_editor", "deirna_admin"])
def test_the_office_is_hidden_from_everyone_else(as_user, demo, persona):
    client = as_user(persona)
    for url in (
        reverse("trainings:office"),
        reverse("trainings:round_results", args=[CLOSED]),
        reverse("trainings:report_workshop", args=[HAJIN]),
        reverse("trainings:xlsform", args=["training-needs", 1]),
        reverse("trainings:round_file", args=[CLOSED, "csv"]),
    ):
        assert client.get(url).status_code == 404


def test_the_office_sees_the_full_figures(as_user, demo):
    html = as_user("tech_officer").get(reverse("trainings:round_results", args=[CLOSED])).content.decode()
    assert "fewer than 5" not in html
    assert "Astefir Al-Zour Organization" in html  # who answered, for the technical team only


def test_the_demo_matches_seed_004(demo):
    hajin, kasra = Workshop.objects.get(slug=HAJIN), Workshop.objects.get(slug=KASRA)
    assert hajin.trainees.count() == 15 and kasra.trainees.count() == 8
    assert hajin.days.count() == kasra.days.count() == 3
    assert hajin.venue.pcode == "SY090201" and kasra.venue.pcode == "SY090101"
    assert {t.name for t in hajin.trainers.filter(show_name_publicly=True)} == {"Abdullah Obied"}
    assert {t.name for t in kasra.trainers.filter(show_name_publicly=True)} == {"Ali Iskan"}
    assert hajin.project.partners.filter(name__contains="Norwegian People's Aid", role="1").exists()
    assert Round.objects.filter(slug=OPEN).get().phase() == "open"
    assert Certificate.objects.filter(trainee__workshop__in=[hajin, kasra]).count() == 21
    assert Affiliation.objects.filter(person__trainer_roles__workshop=hajin).exists()


def test_question_kinds_are_labelled(demo):
    assert {str(label) for _v, label in Question.Kind.choices} == {
        "One choice",
        "Several choices",
        "A scale",
        "Short text",
    }
