"""Issue 9 for members, coalition, places, accounts, back-office and core: one place picker for every form, the
technical team's home, the audit trail as sentences, feedback to organisations (a to-do list and emails in each
person's language), and the site walk's findings on these apps' pages. Each test hunts a kind of defect, not one
instance of it."""

import importlib
import inspect
import re
import time
from datetime import timedelta
from pathlib import Path

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from allauth.mfa.utils import decrypt
from django import forms
from django.apps import apps
from django.contrib.auth import get_user_model
from django.forms.models import model_to_dict
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.utils import timezone
from lxml import html as lxml_html

from campaigns import services as campaigns_services
from campaigns.models import IssueRound, Signature, Statement
from campaigns.todo import announce_vote_task
from core.models import AuditEvent
from members.forms import OrganisationForm
from members.models import Application, Organisation
from newsletters import services as newsletters_services
from newsletters.models import Activity, Comment, Delivery, Issue, Subscriber
from places.forms import PlaceField, PlacesField
from places.models import Place, PlaceRequest
from projects import services as projects_services
from projects.models import Project
from tests import crawl
from tests.conftest import ARTIFACTS, PASSWORD, PERSONAS
from tests.test_browser import browser  # noqa: F401 - the shared Chromium fixture
from tests.test_issue9_advocacy_news import every_string_translated  # noqa: F401 - a fixture

SLUG = "astefir-al-zour"


def _text(response) -> str:
    tree = lxml_html.fromstring(response.content)
    main = tree.find(".//main")
    return " ".join((main if main is not None else tree).text_content().split())


# --- 1. One place picker for every form --------------------------------------------------------------------


def _local_form_classes():
    """Every form class of CivNet's own apps."""
    for config in apps.get_app_configs():
        if not config.path.startswith(str(crawl.LOCALE.parent)):
            continue
        try:
            module = importlib.import_module(f"{config.name}.forms")
        except ModuleNotFoundError:
            continue
        for _name, cls in inspect.getmembers(module, inspect.isclass):
            if issubclass(cls, forms.BaseForm) and cls.__module__ == module.__name__:
                yield cls


def test_every_form_that_picks_places_uses_the_one_picker():
    """A plain select of 348 places (no search, three "دمشق" alike) fails here, in any app's form."""
    checked, plain = 0, []
    for cls in _local_form_classes():
        for name, field in cls.base_fields.items():
            queryset = getattr(field, "queryset", None)
            if queryset is not None and queryset.model is Place:
                checked += 1
                if not isinstance(field, (PlacesField, PlaceField)):
                    plain.append(f"{cls.__module__}.{cls.__name__}.{name}")
    assert checked >= 4  # the profile, projects, activities, communities (and the request for a place)
    assert plain == []


def test_namesakes_read_apart_with_their_parent_and_pcode(client, demo):
    found = client.get("/ar/places/search/", {"q": "دمشق"}).json()["results"]
    damascus = [r for r in found if r["name"] == "دمشق"]
    assert len(damascus) == 3
    assert len({(r["within"], r["pcode"]) for r in damascus}) == 3
    assert all(r["pcode"].startswith("SY01") for r in damascus)


def test_search_folds_spelling_finds_pcodes_and_puts_the_coalitions_regions_first(client, demo):
    def search(lang, q, **params):
        response = client.get(f"/{lang}/places/search/", {"q": q, **params})
        assert response.status_code == 200 and response["Content-Type"] == "application/json"
        return response.json()["results"]

    assert search("ar", "حسكه")[0]["pcode"] == "SY08"  # taa marbuta typed as haa
    assert search("en", "hasakah")[0]["name"] == "Al-Hasakah"  # in the reader's language
    assert search("en", "SY09")[0]["pcode"] == "SY09"
    assert {r["level"] for r in search("en", "deir", levels="1")} == {1}
    common = search("ar", "مركز")  # a word in sub-district names all over Syria
    ranks = [r["in_regions"] for r in common]
    assert ranks[0] and ranks == sorted(ranks, reverse=True)  # the regions' places, then the others
    assert search("en", "") == []


def _profile_data(organisation, **changes):
    data = {
        k: v
        for k, v in model_to_dict(organisation, fields=OrganisationForm.Meta.fields).items()
        if v not in (None, False)
    }
    data["sectors"] = [s.pk for s in data["sectors"]]
    data.update(changes)
    return data


def test_the_picker_works_without_javascript(client, people):
    """Searching submits the form, which comes back unsaved with everything typed and the places found to choose;
    choosing then saves."""
    client.force_login(people["astefir_editor"])
    organisation = Organisation.objects.get(slug=SLUG)
    before = organisation.place_id
    url = f"/en/my/{SLUG}/profile/"
    data = _profile_data(organisation, description_en="Typed before searching.", place__q="Hasakah")
    response = client.post(url, data)
    assert response.status_code == 200
    organisation.refresh_from_db()
    assert organisation.place_id == before and organisation.description_en != "Typed before searching."
    page = response.content.decode()
    assert "Typed before searching." in page
    chosen = Place.objects.get(pcode="SY0800")
    assert f'name="place" value="{chosen.pk}"' in page and "SY0800" in page
    data.update(place=chosen.pk, place__searched="Hasakah")
    assert client.post(url, data).status_code == 302
    organisation.refresh_from_db()
    assert organisation.place == chosen and organisation.description_en == "Typed before searching."


def test_several_places_are_ticked_and_kept_while_searching_again(demo):
    field = PlacesField(label="Places")
    hajin, kasra = Place.objects.get(pcode="SY090201"), Place.objects.get(pcode="SY090101")

    class Form(forms.Form):
        places = field

    form = Form({"places": [str(hajin.pk)], "places__q": "Kasra"})
    assert not form.is_valid() and form.errors["places"][0].startswith("Tick the places")
    page = str(form["places"])
    assert f'value="{hajin.pk}" id="id_places_{hajin.pk}" checked' in page  # kept
    assert f'value="{kasra.pk}"' in page and "SY090101" in page  # found, to tick
    form = Form({"places": [str(hajin.pk), str(kasra.pk)], "places__q": "Kasra", "places__searched": "Kasra"})
    assert form.is_valid() and set(form.cleaned_data["places"]) == {hajin, kasra}


def test_a_missing_place_is_asked_for_added_or_declined_and_the_person_told(
    client, people, smtp, django_capture_on_commit_callbacks
):
    assert client.get("/en/places/request/")["Location"].startswith("/en/accounts/login/")
    editor = people["astefir_editor"]
    get_user_model().objects.filter(pk=editor.pk).update(language="ku")
    client.force_login(editor)
    hajin = Place.objects.get(pcode="SY090201")
    response = client.post(
        "/en/places/request/", {"name": "Tal Ahmar", "parent": hajin.pk, "note": "A village east of Hajin."}
    )
    assert response.status_code == 302
    asked = PlaceRequest.objects.get(name="Tal Ahmar")
    assert asked.parent == hajin and asked.requested_by == editor
    assert AuditEvent.objects.filter(action="place.requested", target_id=str(asked.pk)).exists()

    client.force_login(people["tech_officer"])
    assert "Tal Ahmar" in _text(client.get("/en/office/"))
    assert "Tal Ahmar" in _text(client.get("/en/office/places/requests/"))
    page = client.get(f"/en/office/communities/?request={asked.pk}").content.decode()
    assert 'value="Tal Ahmar"' in page and f'value="{hajin.pk}" id="id_parent_{hajin.pk}" checked' in page
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/en/office/communities/?request={asked.pk}",
            {"parent": hajin.pk, "name_ar": "تل أحمر", "name_en": "Tal Ahmar", "request": asked.pk},
        )
    assert response.status_code == 302
    asked.refresh_from_db()
    assert asked.status == "added" and asked.place.parent == hajin
    message = smtp.to(editor.email)[-1]
    assert "/ku/places/request/" in smtp.body(message)  # in the language the editor uses
    # Now the picker finds it.
    assert client.get("/en/places/search/", {"q": "tal ahmar"}).json()["results"][0]["id"] == asked.place.pk

    other = PlaceRequest.objects.create(name="Nowhere", requested_by=editor)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/en/office/places/requests/{other.pk}/decline/", {"reason": "It is outside Syria."})
    other.refresh_from_db()
    assert other.status == "declined" and other.answer == "It is outside Syria."
    assert "It is outside Syria." in smtp.body(smtp.to(editor.email)[-1])
    client.force_login(editor)
    assert "It is outside Syria." in _text(client.get("/en/my/"))


# --- 2. The technical team's home --------------------------------------------------------------------------


def _sign_in(client, person, lang="en"):
    response = client.post(f"/{lang}/accounts/login/", {"login": person.email, "password": PASSWORD})
    if response["Location"].endswith("/accounts/2fa/authenticate/"):
        secret = decrypt(Authenticator.objects.get(user=person, type="totp").data["secret"])
        code = format_hotp_value(hotp_value(secret, int(time.time()) // 30))
        response = client.post(f"/{lang}/accounts/2fa/authenticate/", {"code": code})
    return response


def test_the_officer_lands_on_the_back_office_and_others_on_their_organisations(client, people):
    assert _sign_in(client, people["tech_officer"])["Location"] == "/en/office/"
    client.logout()
    assert _sign_in(client, people["astefir_editor"])["Location"] == "/en/my/"
    client.logout()
    response = client.post(
        "/en/accounts/login/?next=/en/projects/", {"login": people["astefir_editor"].email, "password": PASSWORD}
    )
    assert response["Location"] == "/en/projects/"


def test_the_dashboard_lists_everything_waiting(client, people):
    organisation = Organisation.objects.get(slug=SLUG)
    project = Project.objects.filter(organisation=organisation).first()
    Project.objects.filter(pk=project.pk).update(review_state=Project.Review.SUBMITTED)
    Activity.objects.create(
        organisation=organisation, title="Cleaning day in Hajin", happened_on="2024-05-01", url="https://example.org/a"
    )
    issue = Issue.objects.first()
    Comment.objects.create(issue=issue, name="Reader", email="r@example.org", body="A question.", consent_text="x")
    subscriber = Subscriber.objects.create(email="gone@example.org", confirmed_at=timezone.now())
    Delivery.objects.create(
        issue=issue, subscriber=subscriber, language="ar", status="failed", attempts=5, error="550 mailbox unavailable"
    )
    PlaceRequest.objects.create(name="Tal Ahmar", requested_by=people["astefir_editor"])
    client.force_login(people["tech_officer"])
    text = _text(client.get("/en/office/"))
    assert "1 application to review" in text
    assert str(project.title) in text and "1 project to review" in text
    assert "Cleaning day in Hajin" in text and "1 activity to review" in text
    assert "1 comment to moderate" in text
    assert "Tal Ahmar" in text
    assert "Joint statement on the electricity crisis in Deir ez-Zor" in text  # a statement open for signatures
    assert "Deir ez-Zor: the next issue" in text and "Voting closes" in text  # a round voting, until when
    assert "1 message failed" in text and "550 mailbox unavailable" in text  # sending, with the reason
    members = Organisation.objects.filter(status=Organisation.Status.MEMBER).count()
    assert f"Member: {members}" in text  # statuses in words


# --- 3. The audit trail as sentences -----------------------------------------------------------------------


def test_every_audit_action_reads_as_a_sentence():
    from backoffice.trail import SENTENCES

    assert set(SENTENCES) == set(AuditEvent.Action.values)
    for template in SENTENCES.values():
        assert "%(target)s" in str(template)


def test_the_audit_trail_tells_sentences_with_readable_details(client, people):
    statement = Statement.objects.get(slug="deir-ez-zor-electricity-statement")
    old = statement.current_version()
    campaigns_services.statement_draft(
        actor=people["tech_officer"], statement=statement, texts={"en": old.text_en + " More."}
    )
    version = campaigns_services.statement_freeze(actor=people["tech_officer"], statement=statement)
    campaigns_services.statement_save(
        actor=people["tech_officer"], statement=statement, fields={"title_en": statement.title_en}
    )
    client.force_login(people["tech_officer"])
    client.post("/en/office/organisations/bedaya/", {"status": "suspended", "reason": "Dormant."})
    for url in ("/en/office/audit/", "/en/office/", "/en/office/organisations/bedaya/"):
        response = client.get(url)
        tree = lxml_html.fromstring(response.content)
        assert crawl.raw_codes(tree) == [], url  # no Python values, no action codes
        text = _text(response)
        assert "title_en" not in text and "{'" not in text
    text = _text(client.get("/en/office/audit/"))
    assert f"Rima Example (demo) froze version {version.number} of the statement {statement.title_en}." in text
    assert "What changedTitle (English)" in text  # a term and its description, side by side
    assert "changed the membership status of Bedaya Organization to “Suspended”" in text
    assert "ReasonDormant." in text
    ar = _text(client.get("/ar/office/audit/"))
    assert "Joint statement" not in ar or statement.title_ar in ar  # the record named in the reader's language


# --- 4. Feedback to organisations --------------------------------------------------------------------------


def _links(client, url):
    tree = lxml_html.fromstring(client.get(url).content)
    main = tree.find(".//main")
    return sorted({a.get("href") for a in main.iter("a") if a.get("href", "").startswith("/")})


@pytest.mark.parametrize("who", list(PERSONAS))
def test_my_page_offers_only_what_the_person_may_open(client, people, who):
    """/my/ offered "post an activity" to a signatory, who got 403: every link there must answer them."""
    Signature.objects.filter(organisation__slug=SLUG).delete()  # so the signatory has a statement to sign
    client.force_login(people[who])
    for link in _links(client, "/en/my/"):
        assert client.get(link).status_code == 200, link


def test_the_todo_list_says_what_waits_and_what_happened(client, people):
    organisation = Organisation.objects.get(slug=SLUG)
    project = Project.objects.filter(organisation=organisation).first()
    Project.objects.filter(pk=project.pk).update(review_state=Project.Review.SUBMITTED)
    projects_services.project_return(
        actor=people["tech_officer"], project=project, comment="Add the number of women reached."
    )
    activity = newsletters_services.activity_post(
        actor=people["astefir_editor"],
        organisation=organisation,
        fields={"title": "Cleaning day", "happened_on": "2024-05-01", "url": "https://example.org/a"},
    )
    newsletters_services.activity_review(actor=people["tech_officer"], activity=activity, approve=True)
    Signature.objects.filter(organisation=organisation).delete()

    client.force_login(people["astefir_editor"])
    editor = _text(client.get("/en/my/"))
    assert f"The technical team returned the project {project.title}" in editor
    assert "Add the number of women reached." in editor
    assert "The activity Cleaning day of Astefir Al-Zour Organization was approved" in editor
    assert "waits for the signature" not in editor and "vote" not in editor.lower()  # not the editor's to do

    client.force_login(people["astefir_delegate"])
    signatory = _text(client.get("/en/my/"))
    assert "returned the project" not in signatory
    assert "The statement Joint statement on the electricity crisis in Deir ez-Zor waits for the signature" in signatory
    assert "The vote of the round Deir ez-Zor: the next issue is open" in signatory
    issue_round = IssueRound.objects.get(slug="deir-ez-zor-next")
    campaigns_services.ballot_cast(
        actor=people["astefir_delegate"],
        issue_round=issue_round,
        organisation=organisation,
        approvals=issue_round.proposals.all()[:1],
    )
    signatory = _text(client.get("/en/my/"))
    assert "vote of the round" not in signatory and "Astefir Al-Zour Organization voted in the round" in signatory


def test_emails_go_in_each_persons_language(people, smtp, django_capture_on_commit_callbacks):
    User = get_user_model()
    User.objects.filter(pk=people["astefir_editor"].pk).update(language="en")
    User.objects.filter(pk=people["astefir_admin"].pk).update(language="ku")
    organisation = Organisation.objects.get(slug=SLUG)
    project = Project.objects.filter(organisation=organisation).first()
    Project.objects.filter(pk=project.pk).update(review_state=Project.Review.SUBMITTED)
    with django_capture_on_commit_callbacks(execute=True):
        projects_services.project_return(actor=people["tech_officer"], project=project, comment="Add the dates.")
    assert "/en/my/" in smtp.body(smtp.to(people["astefir_editor"].email)[-1])
    admin_mail = smtp.to(people["astefir_admin"].email)[-1]
    assert "/ku/my/" in smtp.body(admin_mail) and "Add the dates." in smtp.body(admin_mail)
    assert smtp.to(people["astefir_delegate"].email) == []  # not theirs to correct
    # Advocacy emails, always Arabic before: the receipt of a signature reaches each admin in their language.
    Signature.objects.filter(organisation=organisation).delete()
    statement = Statement.objects.get(slug="deir-ez-zor-electricity-statement")
    version = statement.current_version()
    with django_capture_on_commit_callbacks(execute=True):
        campaigns_services.statement_sign(
            actor=people["astefir_delegate"],
            statement=statement,
            version_id=version.pk,
            fingerprint_seen=version.fingerprint,
            organisation=organisation,
            visibility="named",
        )
    assert f"/ku/statements/{statement.slug}/" in smtp.body(smtp.to(people["astefir_admin"].email)[-1])


def test_a_new_version_asks_signatories_to_sign_in_their_language(people, smtp, django_capture_on_commit_callbacks):
    get_user_model().objects.filter(pk=people["astefir_delegate"].pk).update(language="en")
    statement = Statement.objects.get(slug="deir-ez-zor-electricity-statement")
    old = statement.current_version()
    campaigns_services.statement_draft(
        actor=people["tech_officer"], statement=statement, texts={"en": old.text_en + " More."}
    )
    with django_capture_on_commit_callbacks(execute=True):
        campaigns_services.statement_freeze(actor=people["tech_officer"], statement=statement)
    bodies = [smtp.body(m) for m in smtp.to(people["astefir_delegate"].email)]
    assert any(f"/en/statements/{statement.slug}/sign/" in body for body in bodies)
    assert all(len(m.envelope_rcpt) == 1 for m in smtp.messages)  # one email each: no address shown to others


def test_the_vote_is_announced_to_delegates_once_when_it_opens(people, smtp, django_capture_on_commit_callbacks):
    from django_tasks_db.models import DBTaskResult

    issue_round = IssueRound.objects.get(slug="deir-ez-zor-next")
    opens_at = issue_round.voting_opens_at.isoformat()
    assert announce_vote_task.call(issue_round.pk, "2000-01-01T00:00:00+00:00") == 0  # a time since changed
    assert announce_vote_task.call(issue_round.pk, opens_at) >= 1
    assert smtp.to(people["astefir_delegate"].email)  # Astefir Al-Zour's delegate
    assert smtp.to(people["astefir_editor"].email) == []
    assert announce_vote_task.call(issue_round.pk, opens_at) == 0  # once
    # A new round schedules its announcement for the time its vote opens.
    region = issue_round.region
    now = timezone.now()
    with django_capture_on_commit_callbacks(execute=True):
        created = campaigns_services.round_create(
            actor=people["tech_officer"],
            fields={
                "slug": "deir-ez-zor-2030",
                "region": region,
                "title_en": "Deir ez-Zor 2030",
                "proposals_open_at": now,
                "voting_opens_at": now + timedelta(days=7),
                "closes_at": now + timedelta(days=14),
            },
        )
    task = DBTaskResult.objects.filter(task_path__endswith="announce_vote_task").latest("enqueued_at")
    assert task.run_after == created.voting_opens_at and task.args_kwargs["args"][0] == created.pk


def test_the_language_is_remembered_at_sign_in_and_chosen_on_my_page(client, people):
    editor = people["astefir_editor"]
    _sign_in(client, editor, lang="ku")
    editor.refresh_from_db()
    assert editor.language == "ku"
    assert client.post("/en/my/language/", {"language": "en"}).status_code == 302
    editor.refresh_from_db()
    assert editor.language == "en" and editor.language_chosen
    client.logout()
    _sign_in(client, editor, lang="ar")
    editor.refresh_from_db()
    assert editor.language == "en"  # the person's own choice stays
    assert client.post("/en/my/language/", {"language": "fr"}).status_code == 302
    editor.refresh_from_db()
    assert editor.language == "en"


def test_new_accounts_start_in_the_language_they_were_reached_in(people):
    from members import services as members_services

    application = Application.objects.get(organisation__slug="furat-youth-initiative")
    Application.objects.filter(pk=application.pk).update(language="ku")
    application.refresh_from_db()
    members_services.application_accept(actor=people["tech_officer"], application=application)
    assert get_user_model().objects.get(email__iexact=application.contact_email).language == "ku"


# --- 5. The site walk's findings on these apps' pages -------------------------------------------------------


def test_the_office_menu_is_only_for_the_technical_team(people):
    request = RequestFactory().get("/en/")
    for who in ("astefir_admin", "astefir_editor", "astefir_delegate", "deirna_admin"):
        request.user = people[who]
        assert "office-nav" not in render_to_string("backoffice/base.html", {}, request=request), who
    request.user = people["tech_officer"]
    assert "office-nav" in render_to_string("backoffice/base.html", {}, request=request)


def _office_pages():
    application = Application.objects.first()
    body = apps.get_model("coalition", "Body").objects.first()
    region = apps.get_model("coalition", "Region").objects.first()
    return [
        "office/",
        "office/audit/",
        "office/applications/",
        f"office/applications/{application.code}/",
        "office/organisations/",
        f"office/organisations/{SLUG}/",
        "office/name-changes/",
        "office/regions/",
        f"office/regions/{region.slug}/",
        "office/bodies/",
        "office/bodies/new/",
        f"office/bodies/{body.slug}/edit/",
        f"office/bodies/{body.slug}/",
        "office/communities/",
        "office/places/requests/",
        f"my/{SLUG}/profile/",
        f"my/{SLUG}/people/",
        "my/",
        "places/request/",
    ]


# Text of the page that is CivNet's own (not names, titles or other data, which sit in <bdi>, dir="auto" or lang).
INTERFACE_TEXT = (
    "//body//text()[not(ancestor::bdi) and not(ancestor::*[@dir='auto']) and not(ancestor::*[@lang][not(self::html)])"
    " and not(ancestor::script) and not(ancestor::style) and not(ancestor::code)]"
)


def _problems(response, lang) -> list[str]:
    """What the site walk reports, and dates in the interface that are numeric or not isolated."""
    content = response.content.decode()
    tree = lxml_html.fromstring(content)
    problems = crawl.untranslated(tree, lang) + crawl.raw_codes(tree)
    interface = " ".join(tree.xpath(INTERFACE_TEXT))
    problems += [f"numeric date: {d}" for d in re.findall(r"\b\d{1,2}[/.]\d{1,2}[/.]\d{2,4}\b", interface)]
    problems += ["a date not isolated" for _ in re.findall(r"(?<!<bdi>)<time\b", content)]
    return problems


@pytest.mark.parametrize("lang", ["ar", "ku", "en"])
def test_these_apps_pages_speak_the_readers_language(client, people, every_string_translated, lang):  # noqa: F811
    """The site walk's rules on every office page of these apps and the account pages, with every string of the
    catalogue translated (so what still shows English was never written for translation): no English labels or
    choices, no raw field names, codes or Python values, no numeric date, no date outside <bdi>."""
    PlaceRequest.objects.create(name="Tal Ahmar", requested_by=people["astefir_editor"])
    client.force_login(people["tech_officer"])
    problems = []
    for path in _office_pages():
        response = client.get(f"/{lang}/{path}")
        assert response.status_code == 200, path
        problems += [f"{path}: {p}" for p in _problems(response, lang)]
    assert problems == []


def test_dates_in_these_apps_are_day_first_and_isolated():
    """US-ordered numeric dates ("11/30/2026 4:38 a.m.") came from SHORT_DATE_FORMAT in English; dates go through
    |day or |moment, which write the day first and isolate the date in <bdi><time>."""
    offenders = []
    for name in ("members", "coalition", "places", "backoffice", "accounts"):
        for path in Path(apps.get_app_config(name).path).rglob("*.html"):
            if "SHORT_DATE" in path.read_text():
                offenders.append(str(path))
    assert offenders == []


def test_my_page_renders_for_everyone_in_every_language(client, people):
    for who in PERSONAS:
        client.force_login(people[who])
        for lang in ("ar", "ku", "syr", "en"):
            assert client.get(f"/{lang}/my/").status_code == 200, (who, lang)
    client.force_login(people["tech_officer"])
    assert "/en/office/" in _links(client, "/en/my/")  # the officer's work is in the back-office


# --- In Chromium: the picker's suggestions, and the pages of this issue at 375 and 1280 px ---------------------

PAGES_TO_SEE = {
    "tech_officer": [],  # every page of _office_pages()
    "astefir_editor": ["my/", f"my/{SLUG}/profile/", "places/request/"],
    "astefir_delegate": ["my/"],
}


def _browser_context(chromium, live_server, person, lang, width):
    from tests.test_crawl import _session_cookie

    context = chromium.new_context(viewport={"width": width, "height": 900}, locale=lang)
    context.add_cookies([{"name": "sessionid", "value": _session_cookie(person), "url": live_server.url}])
    return context


@pytest.mark.browser
@pytest.mark.parametrize("lang", ["ar", "en"])
def test_in_chromium_the_picker_suggests_and_the_pages_fit(browser, live_server, transactional_db, demo, lang):  # noqa: F811
    User = get_user_model()
    people = {who: User.objects.get(email=PERSONAS[who]) for who in PAGES_TO_SEE}
    PlaceRequest.objects.create(
        name="Tal Ahmar", requested_by=people["astefir_editor"], note="A village east of Hajin."
    )
    Signature.objects.filter(organisation__slug=SLUG).delete()
    ARTIFACTS.mkdir(exist_ok=True)
    problems = []
    pages = {**PAGES_TO_SEE, "tech_officer": _office_pages()}
    for width in (375, 1280):
        for who, paths in pages.items():
            context = _browser_context(browser, live_server, people[who], lang, width)
            tab = context.new_page()
            for path in paths:
                tab.goto(f"{live_server.url}/{lang}/{path}")
                wide = tab.evaluate("document.documentElement.scrollWidth")
                if wide > width + 1:
                    problems.append(f"{who} {path} at {width}px: {wide}px wide")
                name = path.strip("/").replace("/", "-") or "home"
                tab.screenshot(path=str(ARTIFACTS / f"i9m-{lang}-{width}-{who}-{name}.png"), full_page=True)
            context.close()
    assert problems == []

    # The picker's suggestions: type, pick with the keyboard, save.
    context = _browser_context(browser, live_server, people["astefir_editor"], lang, 375)
    tab = context.new_page()
    errors = []
    tab.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    tab.goto(f"{live_server.url}/{lang}/my/{SLUG}/profile/")
    assert tab.locator("[data-picker-button]").count() == 0  # the suggestions replace the search button
    tab.fill("#id_place", {"ar": "حسكه", "en": "hasakah"}[lang])
    tab.wait_for_selector("#id_place__list [role=option]")
    assert "SY08" in tab.inner_text("#id_place__list [role=option] >> nth=0")
    tab.locator(".picker").screenshot(path=str(ARTIFACTS / f"i9m-{lang}-375-editor-picker-suggestions.png"))
    tab.keyboard.press("ArrowDown")
    tab.keyboard.press("Enter")  # picks the second suggestion; never submits the form
    assert tab.url.endswith("/profile/")
    chosen = tab.locator("[data-chosen] input:checked").get_attribute("value")
    tab.click("form.card button[type=submit] >> text=" + {"ar": "احفظ الملف التعريفي", "en": "Save the profile"}[lang])
    tab.wait_for_selector(".messages li")
    assert Organisation.objects.get(slug=SLUG).place_id == int(chosen)
    assert Place.objects.get(pk=int(chosen)).pcode.startswith("SY08")
    assert errors == []
    context.close()
