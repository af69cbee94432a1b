"""Issue 9 for advocacy and the newsletter: every page of campaigns and newsletters in the reader's language, the
open vote found by the delegate who casts it, a trace of the vote, a refused ballot or proposal shown again with its
form, plurals, day-first isolated dates and moments with their time zone, and the activities feed linked.

Several tests hunt for a whole kind rather than one defect: every page of the two apps is visited with every
interface string translated (a fake catalogue marks whatever goes through gettext), so text left out of the
catalogue shows up as English; every form field is checked for a label written for translation and for choices
in the reader's language; every template is checked for dates outside the day-first filters."""

import ast
import datetime
import inspect
import re
from pathlib import Path

import polib
import pytest
from django import forms
from django.contrib.auth.models import AnonymousUser
from django.core import mail
from django.forms.utils import pretty_name
from django.test import Client
from django.utils import timezone, translation
from django.utils.functional import Promise
from django.utils.html import escape
from django.utils.text import capfirst
from django.utils.translation import trans_real
from lxml import html as lxml_html

import campaigns.forms
import campaigns.urls
import newsletters.forms
import newsletters.urls
from campaigns import selectors, services
from campaigns.models import Ballot, Campaign, IssueProposal, IssueRound, Signature, Statement
from coalition.models import Region
from members.models import Organisation
from newsletters.models import Comment, IssueEntry, NewsItem, Subscriber
from tests import crawl
from tests.conftest import ARTIFACTS, PERSONAS
from tests.test_browser import browser  # noqa: F401 - the shared Chromium fixture
from tests.test_crawl import _session_cookie

ROOT = Path(__file__).resolve().parent.parent
ORG = "astefir-al-zour"
CAMPAIGN = "deir-ez-zor-electricity"
STATEMENT = "deir-ez-zor-electricity-statement"
VOTING = "deir-ez-zor-next"  # the demo's round open for the delegates' votes
CONCLUDED = "deir-ez-zor-2023"
NEWS = "here-is-syria"
# Arabic's six plural forms (the catalogue's Plural-Forms): 0, 1, 2, 3–10, 11–99, 100–102 ...
ARABIC_FORM = {0: 0, 1: 1, 2: 2, 3: 3, 11: 4, 100: 5}
TEMPLATES = [ROOT / "campaigns" / "templates", ROOT / "newsletters" / "templates"]


# --- a catalogue where every string is translated ------------------------------------------------------------

MARK = {"ar": "ترجمة: ", "ku": "wergerandin: "}


@pytest.fixture
def every_string_translated(monkeypatch):
    """Whatever goes through gettext comes out marked as translated in Arabic and Kurmanji (Arabic letters in
    Arabic), so a page shows English only where a string was never written for translation."""
    gettext, ngettext = trans_real.DjangoTranslation.gettext, trans_real.DjangoTranslation.ngettext

    def fake_gettext(self, message):
        mark = MARK.get(self.language())
        if mark is None or not message:
            return gettext(self, message)
        return mark + message.split(trans_real.CONTEXT_SEPARATOR, 1)[-1]

    def fake_ngettext(self, singular, plural, number):
        mark = MARK.get(self.language())
        if mark is None:
            return ngettext(self, singular, plural, number)
        return mark + (singular if number == 1 else plural)

    monkeypatch.setattr(trans_real.DjangoTranslation, "gettext", fake_gettext)
    monkeypatch.setattr(trans_real.DjangoTranslation, "ngettext", fake_ngettext)


def _client(people, who):
    client = Client()
    if who != "anonymous":
        client.force_login(people[who])
    return client


def _problems(response, lang) -> list[str]:
    """What the site walk would report on the page, and dates that are not day first and isolated."""
    content = response.content.decode()
    tree = lxml_html.fromstring(content)
    problems = crawl.untranslated(tree, lang) + crawl.raw_codes(tree)
    # Dates CivNet prints; a title people wrote ("… between 1/1/2022 and 20/2/2022") is data, as are choices' texts.
    printed = re.sub(r"<option\b[^>]*>.*?</option>", "", content, flags=re.S)
    problems += [f"numeric date: {d}" for d in re.findall(r"\b\d{1,2}/\d{1,2}/\d{2,4}\b", printed)]
    problems += ["a date not isolated" for _ in re.findall(r"(?<!<bdi>)<time\b", content)]
    return problems


# --- every page of advocacy and the newsletter, every persona that reaches it ------------------------------


@pytest.fixture
def proposing_round(demo):
    now = timezone.now()
    issue_round, _created = IssueRound.objects.get_or_create(
        slug="test-proposing",
        defaults={
            "region": Region.objects.get(slug="deir-ez-zor"),
            "title_en": "Test proposals",
            "proposals_open_at": now - datetime.timedelta(days=1),
            "voting_opens_at": now + datetime.timedelta(days=1),
            "closes_at": now + datetime.timedelta(days=2),
        },
    )
    return issue_round


@pytest.fixture
def tokens(demo):
    subscriber = Subscriber.objects.create(email="reader@example.org", language="ar", confirmed_at=timezone.now())
    pending = Subscriber.objects.create(email="pending@example.org", language="ar")
    comment = Comment.objects.create(
        news=NewsItem.objects.get(slug=NEWS), name="Reader", email="reader@example.org", body="Thanks"
    )
    return {"subscriber": subscriber.token, "pending": pending.token, "comment": comment.deletion_token}


def _pages(tokens, proposing) -> list[tuple[str, str, str]]:
    """(persona, url name, path without the language) for every page of the two apps."""
    return [
        ("anonymous", "campaigns:list", "campaigns/"),
        ("anonymous", "campaigns:detail", f"campaigns/{CAMPAIGN}/"),
        ("anonymous", "campaigns:statement", f"statements/{STATEMENT}/"),
        ("anonymous", "campaigns:signed_print", f"statements/{STATEMENT}/signed/"),
        ("anonymous", "campaigns:round", f"rounds/{CONCLUDED}/"),
        ("astefir_delegate", "campaigns:round", f"rounds/{VOTING}/"),
        ("astefir_editor", "campaigns:round", f"rounds/{proposing.slug}/"),
        ("astefir_delegate", "campaigns:list", "campaigns/"),
        ("astefir_delegate", "campaigns:statement", f"statements/{STATEMENT}/"),
        ("astefir_delegate", "campaigns:sign", f"statements/{STATEMENT}/sign/"),
        ("astefir_editor", "campaigns:detail", f"campaigns/{CAMPAIGN}/"),
        ("astefir_editor", "campaigns:meeting_new", f"campaigns/{CAMPAIGN}/meetings/new/"),
        ("tech_officer", "campaigns:office", "office/advocacy/"),
        ("tech_officer", "campaigns:statement_new", "office/advocacy/statements/new/"),
        ("tech_officer", "campaigns:statement_edit", f"office/advocacy/statements/{STATEMENT}/"),
        ("tech_officer", "campaigns:round_new", "office/advocacy/rounds/new/"),
        ("tech_officer", "campaigns:round_edit", f"office/advocacy/rounds/{VOTING}/"),
        ("tech_officer", "campaigns:campaign_new", "office/advocacy/campaigns/new/"),
        ("tech_officer", "campaigns:campaign_edit", f"office/advocacy/campaigns/{CAMPAIGN}/"),
        ("tech_officer", "campaigns:event_new", f"office/advocacy/campaigns/{CAMPAIGN}/events/new/"),
        ("anonymous", "newsletters:activities", "activities/"),
        ("anonymous", "newsletters:news_index", "news/"),
        ("anonymous", "newsletters:news", f"news/{NEWS}/"),
        ("anonymous", "newsletters:archive", "newsletters/"),
        ("anonymous", "newsletters:issue", "newsletters/7/"),
        ("anonymous", "newsletters:subscription", f"newsletters/subscription/{tokens['subscriber']}/"),
        ("anonymous", "newsletters:unsubscribe", f"newsletters/unsubscribe/{tokens['subscriber']}/"),
        ("anonymous", "newsletters:confirm", f"newsletters/confirm/{tokens['pending']}/"),
        ("anonymous", "newsletters:comment_delete", f"comments/delete/{tokens['comment']}/"),
        ("astefir_editor", "newsletters:activity_new", f"my/{ORG}/activities/"),
        ("tech_officer", "newsletters:office", "office/newsletters/"),
        ("tech_officer", "newsletters:news_new", "office/newsletters/news/new/"),
        ("tech_officer", "newsletters:news_edit", f"office/newsletters/news/{NEWS}/"),
        ("tech_officer", "newsletters:issue_edit", "office/newsletters/issues/7/"),
    ]


# Addresses that are not pages: actions (POST only) and files or feeds. The POST pages a person can land on with
# errors (a refused vote or proposal) are visited by their own tests below.
NOT_PAGES = {
    "campaigns:follow_up_status",
    "campaigns:withdraw",
    "campaigns:propose",
    "campaigns:vote",
    "campaigns:statement_text",
    "campaigns:statement_freeze",
    "campaigns:statement_publish",
    "campaigns:takedown",
    "campaigns:round_conclude",
    "campaigns:signatures_csv",
    "campaigns:signatures_json",
    "newsletters:activities_feed",
    "newsletters:news_feed",
    "newsletters:comment",
    "newsletters:subscribe",
    "newsletters:activity_review",
    "newsletters:issue_start",
    "newsletters:entry_action",
    "newsletters:issue_publish",
    "newsletters:issue_send",
    "newsletters:comment_moderate",
    "newsletters:contact_subscribe",
}


def test_every_page_of_the_two_apps_is_visited_here(demo, tokens, proposing_round):
    """A new page of campaigns or newsletters joins `_pages`, so the tests below look at it too."""
    names = {f"{module.app_name}:{p.name}" for module in (campaigns.urls, newsletters.urls) for p in module.urlpatterns}
    visited = {name for _who, name, _path in _pages(tokens, proposing_round)}
    assert names - NOT_PAGES - visited == set()


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_every_page_is_in_the_readers_language(people, tokens, proposing_round, every_string_translated, lang):
    """The site walk's rules on every page of the two apps, with every string of the catalogue translated: what is
    still English was never written for translation (labels, choices, help texts), and raw field names, audit codes,
    Python values, numeric dates and dates outside <bdi> fail in every language."""
    problems, clients = [], {}
    for who, name, path in _pages(tokens, proposing_round):
        client = clients.setdefault(who, _client(people, who))
        response = client.get(f"/{lang}/{path}")
        assert response.status_code == 200, (who, name, path, response.status_code)
        problems += [f"[{who}] /{lang}/{path}: {problem}" for problem in _problems(response, lang)]
    assert problems == []


def test_team_pages_do_not_offer_the_office(people):
    """A campaign's team records a meeting on a page of its own: the back-office menu (404 for them) is not on it."""
    html = _client(people, "astefir_editor").get(f"/ar/campaigns/{CAMPAIGN}/meetings/new/").content.decode()
    assert "/ar/office/" not in html
    assert f'href="/ar/campaigns/{CAMPAIGN}/"' in html


# --- every form field: a label written for translation, choices in the reader's language ------------------------


def _forms() -> list[type[forms.BaseForm]]:
    found = []
    for module in (campaigns.forms, newsletters.forms):
        for _name, value in inspect.getmembers(module, inspect.isclass):
            if issubclass(value, forms.BaseForm) and value.__module__ == module.__name__:
                found.append(value)
    return found


def _instance(form_class, people):
    organisations = Organisation.objects.filter(slug=ORG)
    arguments = {
        "SignForm": {"organisations": organisations, "user": people["astefir_delegate"]},
        "ProposalForm": {"organisations": organisations},
        "BallotForm": {"organisations": organisations, "proposals": IssueProposal.objects.all()},
        "MeetingForm": {"campaign": Campaign.objects.get(slug=CAMPAIGN)},
        "ActivityForm": {"organisation": organisations.get()},
    }
    return form_class(**arguments.get(form_class.__name__, {}))


def test_every_form_field_has_a_label_written_for_translation(people):
    assert len(_forms()) >= 20
    problems = []
    for form_class in _forms():
        with translation.override("en"):
            form = _instance(form_class, people)
        for name, field in form.fields.items():
            if isinstance(field.widget, forms.HiddenInput) or name == "homepage":
                continue
            label = field.label
            where = f"{form_class.__name__}.{name}"
            if label is None or (not isinstance(label, Promise) and label in (pretty_name(name), capfirst(name))):
                problems.append(f"{where}: no label of its own ({label!r})")
            elif not isinstance(label, Promise) and re.search(r"_(ar|ku|syr|en)$", name):
                with translation.override("en"):
                    if not re.search(r"\((Arabic|Kurmanji Kurdish|Syriac|English)\)", str(label)):
                        problems.append(f"{where}: does not name its language ({label!r})")
            if isinstance(field, forms.ModelChoiceField) and (
                type(field).label_from_instance is forms.ModelChoiceField.label_from_instance
            ):
                problems.append(f"{where}: choices by their English name (str), not in the reader's language")
            if field.help_text and not isinstance(field.help_text, Promise):
                problems.append(f"{where}: help text not written for translation ({field.help_text!r})")
    assert problems == []


def test_choices_are_in_the_readers_language(people):
    """Regions, organisations, campaigns, statements and projects in Arabic on an Arabic page."""
    html = _client(people, "tech_officer").get(f"/ar/office/advocacy/campaigns/{CAMPAIGN}/").content.decode()
    deir = Region.objects.get(slug="deir-ez-zor")
    assert f'<bdi lang="ar">{escape(deir.name_ar)}</bdi>' in html and ">Deir ez-Zor<" not in html
    astefir = Organisation.objects.get(slug=ORG)
    assert f">{escape(astefir.name_ar)}</option>" in html
    html = _client(people, "tech_officer").get(f"/ar/office/advocacy/statements/{STATEMENT}/").content.decode()
    campaign = Campaign.objects.get(slug=CAMPAIGN)
    assert f">{escape(campaign.title_ar)}</option>" in html and f">{escape(campaign.title_en)}</option>" not in html
    html = _client(people, "tech_officer").get("/ar/office/advocacy/rounds/new/").content.decode()
    assert f">{escape(deir.name_ar)}</option>" in html


def test_date_inputs_keep_their_value_in_arabic(people):
    """The browser's date picker reads ISO dates only: an Arabic page gave it d/m/Y, showed it empty, and saving
    the form erased the date."""
    campaign = Campaign.objects.get(slug=CAMPAIGN)
    assert campaign.starts_on is not None
    client = _client(people, "tech_officer")
    html = client.get(f"/ar/office/advocacy/campaigns/{CAMPAIGN}/").content.decode()
    assert f'name="starts_on" value="{campaign.starts_on.isoformat()}"' in html
    statement = Statement.objects.get(slug=STATEMENT)
    statement.deadline = timezone.make_aware(datetime.datetime(2031, 5, 4, 18, 30))
    statement.save(update_fields=["deadline"])
    html = client.get(f"/ar/office/advocacy/statements/{STATEMENT}/").content.decode()
    assert 'name="deadline" value="2031-05-04T18:30"' in html


# --- the delegate finds the open vote; a trace of the vote; a refused ballot is shown again ---------------------


def test_the_delegate_finds_the_open_vote_on_the_campaigns_list(people):
    html = _client(people, "astefir_delegate").get("/ar/campaigns/").content.decode()
    assert f'href="/ar/rounds/{VOTING}/#vote"' in html
    anonymous = Client().get("/en/campaigns/").content.decode()
    assert f'href="/en/rounds/{VOTING}/"' in anonymous and "Voting is open until" in anonymous
    assert f"/en/rounds/{VOTING}/#vote" not in anonymous


def test_a_campaign_page_shows_the_round_running_in_its_region(demo):
    html = Client().get(f"/en/campaigns/{CAMPAIGN}/").content.decode()
    assert f'href="/en/rounds/{VOTING}/"' in html and "Voting is open until" in html


def test_what_waits_for_a_delegate_and_a_signatory(people):
    waiting = selectors.waiting_for(people["astefir_delegate"])
    votes = [entry for entry in waiting if entry["action"] == "vote"]
    assert [entry["item"].slug for entry in votes] == [VOTING]
    assert [o.slug for o in votes[0]["organisations"]] == [ORG]
    assert selectors.waiting_for(people["tech_officer"]) == [] and selectors.waiting_for(AnonymousUser()) == []
    issue_round = IssueRound.objects.get(slug=VOTING)
    services.ballot_cast(
        actor=people["astefir_delegate"],
        issue_round=issue_round,
        organisation=Organisation.objects.get(slug=ORG),
        approvals=issue_round.proposals.all()[:1],
    )
    assert [e for e in selectors.waiting_for(people["astefir_delegate"]) if e["action"] == "vote"] == []


def test_after_voting_the_round_page_says_when_and_what(people):
    issue_round = IssueRound.objects.get(slug=VOTING)
    first = issue_round.proposals.order_by("pk").first()
    client = _client(people, "astefir_delegate")
    astefir = Organisation.objects.get(slug=ORG)
    response = client.post(f"/en/rounds/{VOTING}/vote/", {"organisation": astefir.pk, "approvals": [first.pk]})
    assert response.status_code == 302
    ballot = Ballot.objects.get(round=issue_round, organisation=astefir)
    html = client.get(f"/en/rounds/{VOTING}/").content.decode()
    local = timezone.localtime(ballot.cast_at)
    assert f"Your organisation <bdi>{escape(astefir.name)}</bdi> voted on <bdi><time" in html
    assert f"{local:%H:%M} UTC{local:%z}" in html and f'<li dir="auto">{escape(first.title)}</li>' in html
    # Its other people see it too; other organisations and visitors do not.
    assert "voted on" in _client(people, "astefir_admin").get(f"/en/rounds/{VOTING}/").content.decode()
    assert "voted on" not in _client(people, "deirna_admin").get(f"/en/rounds/{VOTING}/").content.decode()
    assert "voted on" not in Client().get(f"/en/rounds/{VOTING}/").content.decode()


def test_an_empty_ballot_shows_the_form_again_with_the_error(people):
    astefir = Organisation.objects.get(slug=ORG)
    response = _client(people, "astefir_delegate").post(f"/ar/rounds/{VOTING}/vote/", {"organisation": astefir.pk})
    assert response.status_code == 400
    tree = lxml_html.fromstring(response.content)
    form = tree.xpath(f"//form[@action='/ar/rounds/{VOTING}/vote/']")
    assert form and form[0].xpath(".//button[@type='submit']")
    assert form[0].xpath(".//ul[contains(@class, 'errorlist')]")
    assert len(form[0].xpath(".//input[@name='approvals']")) == IssueRound.objects.get(slug=VOTING).proposals.count()
    assert not Ballot.objects.filter(round__slug=VOTING, organisation=astefir).exists()


def test_an_incomplete_proposal_shows_the_form_again_with_the_error(people, proposing_round):
    astefir = Organisation.objects.get(slug=ORG)
    response = _client(people, "astefir_editor").post(
        f"/en/rounds/{proposing_round.slug}/propose/", {"organisation": astefir.pk, "title": "Bread"}
    )
    assert response.status_code == 400
    tree = lxml_html.fromstring(response.content)
    form = tree.xpath(f"//form[@action='/en/rounds/{proposing_round.slug}/propose/']")
    assert form and form[0].xpath(".//button[@type='submit']")
    assert "This field is required." in lxml_html.tostring(form[0], encoding="unicode")
    assert form[0].xpath(".//input[@name='title']/@value") == ["Bread"]  # what was typed is kept
    assert not proposing_round.proposals.exists()


def test_a_refused_vote_is_shown_on_the_round_page_with_its_reason(people):
    issue_round = IssueRound.objects.get(slug=VOTING)
    astefir = Organisation.objects.get(slug=ORG)
    first = issue_round.proposals.order_by("pk").first()
    client = _client(people, "astefir_delegate")
    client.post(f"/en/rounds/{VOTING}/vote/", {"organisation": astefir.pk, "approvals": [first.pk]})
    response = client.post(f"/en/rounds/{VOTING}/vote/", {"organisation": astefir.pk, "approvals": [first.pk]})
    html = response.content.decode()
    assert response.status_code == 400 and "already voted in this round" in html and "voted on" in html


def test_a_campaign_links_the_round_that_chose_it(demo):
    campaign = Campaign.objects.get(slug=CAMPAIGN)
    campaign.issue_round = IssueRound.objects.get(slug=CONCLUDED)
    campaign.save(update_fields=["issue_round"])
    assert f'href="/en/rounds/{CONCLUDED}/"' in Client().get(f"/en/campaigns/{CAMPAIGN}/").content.decode()


# --- plurals ---------------------------------------------------------------------------------------------------


def _python_plural_messages() -> set[tuple[str, str]]:
    """(singular, plural) of every ngettext call in the two apps' code."""
    found = set()
    for path in [*(ROOT / "campaigns").rglob("*.py"), *(ROOT / "newsletters").rglob("*.py")]:
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Call) and getattr(node.func, "id", getattr(node.func, "attr", "")) in (
                "ngettext",
                "ngettext_lazy",
            ):
                found.add((node.args[0].value, node.args[1].value))
    return found


@pytest.fixture
def six_arabic_forms(settings, tmp_path):
    """An Arabic catalogue giving each plural message of the two apps its six forms, marked [0] to [5]."""
    po = polib.POFile()
    po.metadata = {
        "Content-Type": "text/plain; charset=UTF-8",
        "Plural-Forms": "nplurals=6; plural=n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : n%100>=3 && n%100<=10 ? 3 "
        ": n%100>=11 ? 4 : 5;",
    }
    messages = _python_plural_messages() | {
        ("%(counter)s organisation voted", "%(counter)s organisations voted"),
        ("Signed by %(counter)s organisation", "Signed by %(counter)s organisations"),
    }
    for singular, plural in messages:
        placeholder = re.search(r"%\(\w+\)s", singular).group(0)
        po.append(
            polib.POEntry(
                msgid=singular,
                msgid_plural=plural,
                msgstr_plural={k: f"[{k}] {placeholder}" for k in range(6)},
            )
        )
    folder = tmp_path / "ar" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    po.save_as_mofile(str(folder / "django.mo"))
    # Changing the setting empties Django's cache of catalogues, now and when the test ends.
    settings.LOCALE_PATHS = [tmp_path, *settings.LOCALE_PATHS]


def test_the_plural_messages_are_plural_entries():
    """Every message where a number meets a noun in the two apps' code goes through ngettext; a sentence with a
    count written with gettext would give "1 meetings" and "0 توقيعاً"."""
    problems = []
    for path in [*(ROOT / "campaigns").rglob("*.py"), *(ROOT / "newsletters").rglob("*.py")]:
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Call) and getattr(node.func, "id", getattr(node.func, "attr", "")) in (
                "_",
                "gettext",
                "gettext_lazy",
            ):
                text = node.args[0].value if node.args and isinstance(node.args[0], ast.Constant) else ""
                if re.search(r"%\((count|counter|number|total)\)", str(text)):
                    problems.append(f"{path.relative_to(ROOT)}:{node.lineno}: {text!r}")
    for folder in TEMPLATES:
        for path in folder.rglob("*.*"):
            for match in re.finditer(r"{% blocktranslate (?!count)[^%]*\b(count|counter)=", path.read_text()):
                problems.append(f"{path.relative_to(ROOT)}: {match.group(0)}")
    assert problems == []
    assert ("%(count)s new signature this period.", "%(count)s new signatures this period.") in (
        _python_plural_messages()
    )
    arabic = polib.pofile(str(ROOT / "locale" / "ar" / "LC_MESSAGES" / "django.po"))
    assert "nplurals=6" in arabic.metadata["Plural-Forms"]


def _note(signatures, meetings):
    return IssueEntry(signatures=signatures, meetings=meetings).note


def test_campaign_figures_of_an_issue_in_english():
    with translation.override("en"):
        assert _note(1, 0) == "1 new signature this period."
        assert _note(2, 1) == "2 new signatures this period. 1 meeting with the authorities this period."
        assert _note(11, 11) == "11 new signatures this period. 11 meetings with the authorities this period."
        assert _note(0, 2) == "2 meetings with the authorities this period."  # never "0 signatures"
        assert _note(0, 0) == ""


@pytest.mark.parametrize("number", sorted(ARABIC_FORM))
def test_campaign_figures_of_an_issue_take_each_arabic_form(six_arabic_forms, number):
    with translation.override("ar"):
        note = _note(number, number)
    if number == 0:
        assert note == ""
    else:
        form = ARABIC_FORM[number]
        assert note == f"[{form}] {number} [{form}] {number}"


@pytest.mark.parametrize("number", [0, 1, 2, 11])
def test_the_round_result_takes_each_arabic_form(demo, six_arabic_forms, number):
    now = timezone.now()
    issue_round = IssueRound.objects.create(
        slug="test-closed",
        region=Region.objects.get(slug="deir-ez-zor"),
        title_en="Closed",
        proposals_open_at=now - datetime.timedelta(days=3),
        voting_opens_at=now - datetime.timedelta(days=2),
        closes_at=now - datetime.timedelta(days=1),
    )
    proposal = IssueProposal.objects.create(
        round=issue_round, organisation=Organisation.objects.get(slug="deirna"), title="Water", problem="Dry"
    )
    for organisation in Organisation.objects.order_by("pk")[:number]:
        Ballot.objects.create(round=issue_round, organisation=organisation).approvals.set([proposal])
    html = Client().get("/ar/rounds/test-closed/").content.decode()
    assert f"[{ARABIC_FORM[number]}] {number}</p>" in html


# --- dates: day first, isolated, with the time zone where the time matters -------------------------------------


def test_templates_show_dates_through_the_day_first_filters():
    """Dates in these apps' pages go through `day`, `month` or `moment` (advocacy tags): a |date with a numeric
    format would be month first in English, and an Arabic month name forced left-to-right reads scrambled."""
    problems = []
    for folder in TEMPLATES:
        for path in folder.rglob("*.html"):
            text = path.read_text()
            problems += [f"{path.name}: {m}" for m in re.findall(r"\|date(?::\"[^\"]*\")?", text)]
            problems += [f"{path.name}: ltr-num" for _ in re.findall(r"ltr-num", text)]
    assert problems == []


def test_dates_are_day_first_in_english(demo):
    campaign = Campaign.objects.get(slug=CAMPAIGN)
    html = Client().get(f"/en/campaigns/{CAMPAIGN}/").content.decode()
    day = campaign.starts_on
    assert f'<bdi><time datetime="{day.isoformat()}">{day.day} {day:%B %Y}</time></bdi>' in html
    html = Client().get("/en/newsletters/").content.decode()
    assert '<bdi><time datetime="2023-02">February 2023</time></bdi>' in html


def test_round_times_and_deadlines_show_their_time_zone(demo):
    issue_round = IssueRound.objects.get(slug=VOTING)
    closes = timezone.localtime(issue_round.closes_at)
    for path in (f"/en/rounds/{VOTING}/", "/en/campaigns/"):
        html = Client().get(path).content.decode()
        assert f"{closes.day} {closes:%B %Y}, {closes:%H:%M} UTC{closes:%z}</time></bdi>" in html, path
    html = Client().get(f"/ar/rounds/{VOTING}/").content.decode()
    assert f" {closes:%Y}، {closes:%H:%M} UTC{closes:%z}</time></bdi>" in html  # Arabic's comma before the time


def test_the_signature_receipt_gives_the_time_with_its_true_offset(people, django_capture_on_commit_callbacks):
    """The receipt said "13:00 UTC" for a signature at 10:00 UTC: the time was Damascus time, the label UTC."""
    statement = Statement.objects.get(slug=STATEMENT)
    version = statement.current_version()
    astefir = Organisation.objects.get(slug=ORG)
    Signature.objects.filter(version=version, organisation=astefir).delete()
    with django_capture_on_commit_callbacks(execute=True):
        signature, _created = services.statement_sign(
            actor=people["astefir_delegate"],
            statement=statement,
            version_id=version.pk,
            fingerprint_seen=version.fingerprint,
            organisation=astefir,
            visibility="named",
        )
    local = timezone.localtime(signature.signed_at)
    body = mail.outbox[-1].body
    assert f"{local:%H:%M} UTC{local:%z}" in body and f"{local:%H:%M} UTC\n" not in body


def test_the_printed_statement_says_when_it_was_frozen_in_the_readers_language(demo):
    version = Statement.objects.get(slug=STATEMENT).current_version()
    frozen = timezone.localtime(version.frozen_at)
    html = Client().get(f"/en/statements/{STATEMENT}/signed/").content.decode()
    assert '<html lang="en" dir="ltr">' in html
    assert f"Version {version.number}, frozen on <bdi><time" in html and f"{frozen:%H:%M} UTC{frozen:%z}" in html


def test_data_of_another_direction_is_isolated_with_its_punctuation(demo):
    """ "Deir ez-Zor Civil Council ,Energy Committee": on an Arabic page the comma between two English names took
    the page's direction. A meeting's authority and office are one isolated run; promises and owners are isolated."""
    html = Client().get(f"/ar/campaigns/{CAMPAIGN}/").content.decode()
    assert "<bdi>Energy Committee, Deir ez-Zor Civil Council</bdi>" in html
    assert "<bdi>A written answer to the campaign&#x27;s proposals</bdi>" in html
    assert "<bdi>To study the proposals and answer in writing.</bdi>" in html


# --- the activities feed is linked --------------------------------------------------------------------------


@pytest.mark.parametrize("path", ["/ar/", "/ar/newsletters/", "/ar/news/", "/ar/campaigns/"])
def test_the_activities_feed_is_linked(demo, path):
    assert 'href="/ar/activities/"' in Client().get(path).content.decode()


def test_only_the_activities_item_is_current_on_the_activities_page(demo):
    tree = lxml_html.fromstring(Client().get("/ar/activities/").content)
    assert tree.xpath("//nav//a[@aria-current='page']/@href") == ["/ar/activities/"]
    tree = lxml_html.fromstring(Client().get("/ar/newsletters/").content)
    assert tree.xpath("//nav//a[@aria-current='page']/@href") == ["/ar/newsletters/"]


def test_the_activities_feed_filters_by_organisation(demo):
    """The organisation filter listed no organisation: the page never received them."""
    tree = lxml_html.fromstring(Client().get("/ar/activities/").content)
    options = tree.xpath("//select[@name='organisation']/option/@value")
    assert len(options) > 2 and "deirna" in options


# --- in Chromium: the delegate's path, on a phone and a desktop, in Arabic and English ---------------------------

OVERFLOW = "() => document.documentElement.scrollWidth - window.innerWidth"


@pytest.mark.browser
@pytest.mark.parametrize("lang", ["ar", "en"])
def test_a_delegate_finds_the_vote_casts_it_and_sees_it(browser, live_server, transactional_db, demo, lang):  # noqa: F811
    from django.contrib.auth import get_user_model

    delegate = get_user_model().objects.get(email=PERSONAS["astefir_delegate"])
    ARTIFACTS.mkdir(exist_ok=True)
    for width in (375, 1280):
        Ballot.objects.filter(round__slug=VOTING).delete()
        context = browser.new_context(viewport={"width": width, "height": 900}, locale=lang)
        context.add_cookies([{"name": "sessionid", "value": _session_cookie(delegate), "url": live_server.url}])
        tab = context.new_page()
        tab.goto(f"{live_server.url}/{lang}/campaigns/")
        tab.screenshot(path=str(ARTIFACTS / f"i9an-{lang}-{width}-1-campaigns.png"), full_page=True)
        assert tab.evaluate(OVERFLOW) <= 1
        tab.click(f"a[href='/{lang}/rounds/{VOTING}/#vote']")
        tab.wait_for_url(f"**/{lang}/rounds/{VOTING}/#vote")
        tab.click(f"form[action='/{lang}/rounds/{VOTING}/vote/'] button[type=submit]")  # nothing approved
        tab.wait_for_url(f"**/{lang}/rounds/{VOTING}/vote/")
        tab.screenshot(path=str(ARTIFACTS / f"i9an-{lang}-{width}-2-empty-ballot.png"), full_page=True)
        assert tab.locator("form .errorlist").count() == 1
        assert tab.evaluate(OVERFLOW) <= 1
        tab.check("[name=approvals] >> nth=0")
        tab.click(f"form[action='/{lang}/rounds/{VOTING}/vote/'] button[type=submit]")
        tab.wait_for_url(f"**/{lang}/rounds/{VOTING}/")
        tab.screenshot(path=str(ARTIFACTS / f"i9an-{lang}-{width}-3-voted.png"), full_page=True)
        assert tab.locator("#our-vote li").count() == 1
        assert tab.locator(f"form[action='/{lang}/rounds/{VOTING}/vote/']").count() == 0
        assert tab.evaluate(OVERFLOW) <= 1
        context.close()
