"""Governance's pages over HTTP: the public assembly and election pages of the demo (names only of those who
agreed, the roll's fingerprint recomputed from the published JSON alone, the operational body's new members), the
permission matrix of every page (committee member, another election's committee member, technical team, delegate,
outsider), the double entry and the sign-off through the forms, and the query counts of the listing pages."""

import hashlib
import json

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.contrib.auth import get_user_model

from core.models import AuditEvent
from governance.models import CountEntry, Election, Nomination, Tally
from members.models import Mandate
from tests import governance_setup as gs
from tests.conftest import PASSWORD

PUBLISHED = "operational-body-deir-ez-zor-2022"
NEXT = "operational-body-deir-ez-zor-next"


# --- the public record of the demo ---------------------------------------------------------------------------------


def test_demo_assembly_page(client, demo):
    html = client.get("/en/assemblies/deir-ez-zor-structuring-2022/").content.decode()
    assert "Structuring meeting of the Deir ez-Zor platform" in html
    assert "Quorum met." in html and "19 of 19 invited members" in html
    assert "An operational body, like its counterparts in the other governorates" in html
    assert "Election of the Deir ez-Zor operational body" in html
    assert "Representative 1 (demo)" not in html  # representatives are not published
    listing = client.get("/ar/assemblies/")
    assert listing.status_code == 200 and "deir-ez-zor-general-meeting" in listing.content.decode()


def test_demo_election_page_names_only_who_agreed(client, demo):
    html = client.get(f"/en/elections/{PUBLISHED}/").content.decode()
    assert "Published" in html and "illustrative" in html
    assert "Khaled Example (demo)" in html  # agreed to a public name
    assert "Yousef Example (demo)" not in html  # did not
    assert "Hevin Example (demo)" not in html
    assert "19 ballots cast, 1 blank, 0 invalid." in html
    election = Election.objects.get(slug=PUBLISHED)
    assert election.roll_fingerprint in html
    assert election.signoffs.count() == 3


def test_roll_fingerprint_recomputed_from_the_published_json(client, demo):
    record = json.loads(client.get(f"/en/elections/{PUBLISHED}/election.json").content)
    roll = record["roll"]
    assert len(roll["organisations"]) == 19
    # Follow the published method, step by step, from the JSON alone.
    lines = ["civnet-roll-v1", f"election:{record['election']}"]
    lines += sorted(roll["organisations"], key=lambda s: s.encode("utf-8"))
    text = "".join(f"{line}\n" for line in lines)
    assert hashlib.sha256(text.encode("utf-8")).hexdigest() == roll["fingerprint"]
    assert text == roll["canonical_text"]
    assert len(roll["method"]) == 5
    result = record["result"]
    assert result["roll_fingerprint"] == roll["fingerprint"]
    assert sum(c["elected"] for c in result["candidates"]) == 5
    assert result["ballots"] == 19 and result["channels"]["paper"]["blank"] == 1
    names = {c["name"] for c in result["candidates"]}
    assert "Yousef Example (demo)" not in names and "Khaled Example (demo)" in names
    assert len(result["sign_offs"]) == 3 and all("person" not in s for s in result["sign_offs"])


def test_operational_body_page_shows_the_elected(client, demo):
    html = client.get("/en/bodies/operational-body-deir-ez-zor/").content.decode()
    assert "Khaled Example (demo)" in html and "Amira Example (demo)" in html
    assert "Yousef Example (demo)" not in html
    body_mandates = Mandate.objects.filter(body__slug="operational-body-deir-ez-zor")
    assert body_mandates.count() == 5
    assert body_mandates.filter(person__email="signatory@demo.civnet.invalid").exists()  # Hevin, Astefir's delegate


def test_an_election_in_preparation_is_not_public(client, demo, as_user):
    setup = gs.build(status="preparing")
    url = f"/en/elections/{setup.election.slug}/"
    assert client.get(url).status_code == 404
    assert client.get(url + "election.json").status_code == 404
    assert as_user("tech_officer").get(url).status_code == 200


# --- the permission matrix ------------------------------------------------------------------------------------------


@pytest.fixture
def matrix(demo, people):
    """An election in its count with Deirna's admin on its committee; another election whose committee member is
    `other`; a delegate of a member organisation; someone with no role anywhere."""
    setup = gs.build(member=people["deirna_admin"])
    other = gs.build(status="voting")
    nobody = get_user_model().objects.create_user("nobody-gov@example.org", PASSWORD)
    return {
        "setup": setup,
        "committee": people["deirna_admin"],
        "other_committee": other.committee[0],
        "tech": people["tech_officer"],
        "delegate": people["astefir_delegate"],
        "outsider": nobody,
    }


COMMITTEE_PAGES = ["committee/", "committee/count/"]
# who -> status of each committee page: the committee member acts; the technical team follows the committee page
# (read-only) and may not count; another election's committee member is refused; others are not told it exists.
EXPECTED = {
    "committee": {"committee/": 200, "committee/count/": 200},
    "other_committee": {"committee/": 403, "committee/count/": 403},
    "tech": {"committee/": 200, "committee/count/": 403},
    "delegate": {"committee/": 404, "committee/count/": 404},
    "outsider": {"committee/": 404, "committee/count/": 404},
}


@pytest.mark.parametrize("who", list(EXPECTED))
def test_committee_pages_permission_matrix(client, matrix, who):
    client.force_login(matrix[who])
    base = f"/en/elections/{matrix['setup'].election.slug}/"
    for page, status in EXPECTED[who].items():
        assert client.get(base + page).status_code == status, (who, page)


@pytest.mark.parametrize("who", list(EXPECTED))
def test_committee_actions_refused_to_all_but_the_committee(client, matrix, who):
    client.force_login(matrix[who])
    base = f"/en/elections/{matrix['setup'].election.slug}/committee/"
    for action in ("sign/", "close-voting/", "publish/", "tie/", "roll/", "sheets/"):
        response = client.post(base + action, {"secret": PASSWORD})
        if who == "committee":
            assert response.status_code == 302
        else:
            assert response.status_code == {"other_committee": 403, "tech": 403}.get(who, 404), (who, action)


def test_anonymous_is_sent_to_sign_in(client, matrix):
    response = client.get(f"/en/elections/{matrix['setup'].election.slug}/committee/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


@pytest.mark.parametrize(("who", "status"), [("tech", 200), ("committee", 404), ("delegate", 404), ("outsider", 404)])
def test_office_pages_are_the_technical_teams(client, matrix, who, status):
    client.force_login(matrix[who])
    election = matrix["setup"].election
    for url in (
        "/en/office/governance/",
        f"/en/office/governance/assemblies/{election.assembly.slug}/",
        f"/en/office/governance/assemblies/{election.assembly.slug}/attendance/",
        f"/en/office/governance/elections/{election.slug}/",
        "/en/office/governance/elections/new/",
        "/en/office/governance/assemblies/new/",
        "/en/office/governance/rules/new/",
    ):
        assert client.get(url).status_code == status, url


def test_nominate_and_consent_matrix(client, demo, people):
    url = f"/en/elections/{NEXT}/nominate/"
    for who, status in (("astefir_admin", 200), ("astefir_editor", 403), ("tech_officer", 403)):
        client.force_login(people[who])
        assert client.get(url).status_code == status, who
    client.force_login(get_user_model().objects.create_user("none-gov@example.org", PASSWORD))
    assert client.get(url).status_code == 404
    client.force_login(people["astefir_admin"])
    response = client.post(
        url,
        {
            "organisation": people["astefir_admin"].affiliations.get().organisation_id,
            "person": people["astefir_editor"].pk,
            "statement_ar": "بيان المرشح",
        },
    )
    assert response.status_code == 302
    nomination = Nomination.objects.get(election__slug=NEXT, person=people["astefir_editor"])
    consent = f"/en/elections/{NEXT}/nominations/{nomination.code}/consent/"
    assert client.get(consent).status_code == 404  # the admin who nominated is not the person
    client.force_login(people["astefir_editor"])
    page = client.get("/en/my/").content.decode()
    assert consent in page  # the to-do item on "My organisations"
    assert client.post(consent, {"agree": "on"}).status_code == 302
    nomination.refresh_from_db()
    assert nomination.consent_at and not nomination.show_name_publicly


def test_withdrawing_a_nomination_through_the_pages(client, demo, people):
    setup = gs.build(status="nominations", candidates=2)
    first, second = setup.candidates
    election = f"/en/elections/{setup.election.slug}/"
    withdraw = f"{election}nominations/{first.code}/withdraw/"
    for admin in (first.nominated_by, second.nominated_by):  # admins use two-factor
        TOTP.activate(admin, generate_totp_secret())
    # The nominating admin follows the nomination on the election page, with a way to withdraw it.
    client.force_login(first.nominated_by)
    page = client.get(election).content.decode()
    assert "Your nominations" in page and withdraw in page
    assert f"nominations/{second.code}/withdraw/" not in page  # not another organisation's
    # Another organisation's admin, a delegate elsewhere and the technical team do not see it exists.
    for who in (second.nominated_by, people["astefir_delegate"], people["tech_officer"]):
        client.force_login(who)
        assert client.get(withdraw).status_code == 404
        assert client.post(withdraw).status_code == 404
    client.logout()
    assert client.get(withdraw).status_code == 302  # to sign in
    # The candidate withdraws from their own account, giving a reason kept in the record.
    client.force_login(first.person)
    assert "Withdraw from this election" in client.get(f"{election}nominations/{first.code}/consent/").content.decode()
    assert client.get(withdraw).status_code == 200
    response = client.post(withdraw, {"reason": "Travelling."}, follow=True)
    assert "The nomination was withdrawn." in response.content.decode()
    first.refresh_from_db()
    assert first.withdrawn_at is not None
    assert client.get(election).content.decode().count("Your nominations") == 0
    consent_page = client.get(f"{election}nominations/{first.code}/consent/").content.decode()
    assert "Withdrawn on" in consent_page and "I agree to stand" not in consent_page
    assert "Withdraw from this election" not in consent_page
    # Withdrawing twice says when it was withdrawn, in the person's language, and records nothing more.
    events = AuditEvent.objects.count()
    response = client.post(withdraw.replace("/en/", "/ar/"), {"reason": ""})
    assert response.status_code == 400 and "سُحب في" in response.content.decode()
    assert AuditEvent.objects.count() == events
    # Once voting opens, the page says why it cannot be withdrawn here, and offers no form to try.
    voting = gs.build(status="voting", candidates=1).candidates[0]
    client.force_login(voting.person)
    page = client.get(f"/en/elections/{voting.election.slug}/nominations/{voting.code}/withdraw/").content.decode()
    assert "once voting opens, ask the committee" in page and "Withdraw the nomination" not in page


def test_committee_member_without_two_factor_is_sent_to_set_it_up(client, matrix):
    member = matrix["committee"]
    member.authenticator_set.all().delete()
    client.force_login(member)
    response = client.get(f"/en/elections/{matrix['setup'].election.slug}/committee/")
    assert response.status_code == 302 and "two-factor" in response["Location"] or "totp" in response["Location"]


# --- the double entry and the sign-off through the forms --------------------------------------------------------------


def _count_form(setup, figures, ballots=10):
    return {
        "ballots": ballots,
        "blank": 0,
        "invalid": 0,
        **{f"votes_{n.code}": v for n, v in zip(setup.candidates, figures, strict=True)},
    }


def test_double_entry_and_sign_off_over_http(client, demo):
    setup = gs.build()
    url = f"/en/elections/{setup.election.slug}/committee/"
    first, second, third = setup.committee
    client.force_login(first)
    assert client.post(url + "count/", _count_form(setup, (6, 5, 2))).status_code == 302
    # The second member does not see the first entry's figures.
    client.force_login(second)
    page = client.get(url).content.decode()
    assert "hidden until the second entry" in page
    response = client.post(url + "count/", _count_form(setup, (6, 2, 5)), follow=True)
    assert "The two entries disagree" in response.content.decode()
    assert not Tally.objects.filter(election=setup.election).exists()
    # Bad figures come back on the form, in the reader's language, and nothing is written.
    response = client.post(url + "count/", _count_form(setup, (60, 5, 2)))
    assert response.status_code == 400 and "more votes than there are valid ballots" in response.content.decode()
    arabic = client.post(f"/ar/elections/{setup.election.slug}/committee/count/", _count_form(setup, (60, 5, 2)))
    # (in Arabic once the catalogue has the sentence: the message goes through gettext like every other)
    assert arabic.status_code == 400 and 'class="error-summary"' in arabic.content.decode()
    assert CountEntry.objects.filter(election=setup.election).count() == 2
    for member in (first, second):
        client.force_login(member)
        client.post(url + "count/", _count_form(setup, (6, 5, 2)))
    assert Tally.objects.filter(election=setup.election).exists()
    # Sign-off: a wrong password is refused; the threshold's second signature signs the election.
    client.force_login(first)
    response = client.post(url + "sign/", {"secret": "not my password"}, follow=True)
    assert "neither your password" in response.content.decode()
    client.post(url + "sign/", {"secret": PASSWORD})
    client.force_login(third)
    client.post(url + "sign/", {"secret": PASSWORD})
    assert setup.refresh().status == Election.Status.SIGNED
    response = client.post(url + "publish/", follow=True)
    assert setup.refresh().status == Election.Status.PUBLISHED
    assert "elected" in response.content.decode()


def test_technical_team_cannot_change_counts_once_entered(client, demo):
    setup = gs.build()
    gs.count_twice(setup, 10, 0, 0, 6, 5, 2)
    tally = Tally.objects.get(election=setup.election)
    client.force_login(setup.tech)
    url = f"/en/elections/{setup.election.slug}/committee/count/"
    assert client.post(url, _count_form(setup, (9, 0, 0))).status_code == 403
    assert client.get(f"/en/office/governance/elections/{setup.election.slug}/").status_code == 200
    tally.refresh_from_db()
    assert tally.votes == gs.votes(setup, 6, 5, 2)
    assert CountEntry.objects.filter(election=setup.election).count() == 2


def test_attendance_on_the_hall_page_shows_the_quorum(client, demo):
    setup = gs.build(status="in_session", present=0)
    client.force_login(setup.tech)
    url = f"/en/office/governance/assemblies/{setup.assembly.slug}/attendance/"
    assert "Quorum not met." in client.get(url).content.decode()
    for organisation in setup.organisations[:10]:
        client.post(url, {"organisation": organisation.pk, "representative_name": "Rep", "present": "on"})
    html = client.get(url).content.decode()
    assert "Quorum met." in html and "10 of 19" in html


# --- query counts -------------------------------------------------------------------------------------------------


def test_listing_pages_query_counts(client, demo, people, django_assert_max_num_queries):
    with django_assert_max_num_queries(12):
        assert client.get("/en/assemblies/").status_code == 200
    with django_assert_max_num_queries(20):
        assert client.get("/en/assemblies/deir-ez-zor-structuring-2022/").status_code == 200
    with django_assert_max_num_queries(25):
        assert client.get(f"/en/elections/{PUBLISHED}/").status_code == 200
    client.force_login(people["tech_officer"])
    with django_assert_max_num_queries(30):
        assert (
            client.get("/en/office/governance/assemblies/deir-ez-zor-structuring-2022/attendance/").status_code == 200
        )
