"""An election of the Deir ez-Zor operational body built through the services, up to the step a test needs: the
organisations of the demo's Deir ez-Zor region invited and present, a counting committee of three people from
three organisations (each with an authenticator app), candidates from other organisations who consented."""

import datetime
import itertools
from dataclasses import dataclass, field

from allauth.account.models import EmailAddress
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.contrib.auth import get_user_model
from django.utils import timezone

from coalition.models import Body, Region
from governance import services
from governance.models import Assembly, CandidacyRules, Election, Nomination, TallySheet
from members.models import Affiliation, Organisation
from tests.conftest import PASSWORD, PERSONAS

_numbers = itertools.count(1)
SECRETS: dict[str, str] = {}  # email -> authenticator secret, to type a current code


@dataclass
class Setup:
    election: Election
    assembly: Assembly
    tech: object
    committee: list  # users
    candidates: list  # nominations
    organisations: list = field(default_factory=list)

    def refresh(self):
        self.election.refresh_from_db()
        return self.election


def user(email, *, organisation=None, role=Affiliation.Role.DELEGATE, totp=False):
    person = get_user_model().objects.create_user(email, PASSWORD, full_name=f"{email.split('@')[0]} (test)")
    EmailAddress.objects.create(user=person, email=email, verified=True, primary=True)
    if organisation is not None:
        Affiliation.objects.create(person=person, organisation=organisation, role=role)
    if totp:
        SECRETS[email] = generate_totp_secret()
        TOTP.activate(person, SECRETS[email])
    return person


def deir_members():
    return list(
        Organisation.objects.filter(region__slug="deir-ez-zor", status=Organisation.Status.MEMBER).order_by("slug")
    )


def rules(months=0, **flags) -> CandidacyRules:
    tech = get_user_model().objects.get(email=PERSONAS["tech_officer"])
    return services.rules_create(actor=tech, fields={"text_en": "Test rules.", "good_standing_months": months, **flags})


def build(
    *,
    status="counting",
    seats=2,
    candidates=3,
    tie_rule=Election.TieRule.DRAW,
    threshold=2,
    present=None,
    allow_blank=True,
    member=None,
    slug=None,
) -> Setup:
    """`member`: a persona to seat first on the committee, for their organisation (Deirna's admin in the views
    table); `slug`: the election's address."""
    n = next(_numbers)
    tech = get_user_model().objects.get(email=PERSONAS["tech_officer"])
    organisations = deir_members()
    assembly = services.assembly_save(
        actor=tech,
        assembly=Assembly(),
        fields={
            "slug": f"test-assembly-{n}",
            "title_en": f"Test assembly {n}",
            "starts_at": timezone.now(),
            "region": Region.objects.get(slug="deir-ez-zor"),
        },
    )
    services.assembly_invite(actor=tech, assembly=assembly)
    election = services.election_save(
        actor=tech,
        election=Election(),
        fields={
            "slug": slug or f"test-election-{n}",
            "assembly": assembly,
            "body": Body.objects.get(slug="operational-body-deir-ez-zor"),
            "title_en": f"Test election {n}",
            "seats": seats,
            "tie_rule": tie_rule,
            "rules": rules(),
            "committee_threshold": threshold,
            "nominations_close_at": timezone.now() + datetime.timedelta(days=3),
            "term_months": 24,
            "allow_blank": allow_blank,
        },
    )
    committee = []
    seats = []
    if member is not None:
        organisation = Organisation.objects.filter(affiliations__person=member).first()
        services.committee_add(actor=tech, election=election, person=member, organisation=organisation)
        committee.append(member)
        seats.append(organisation)
    for i, organisation in enumerate(o for o in organisations if o not in seats):
        if len(committee) == 3:
            break
        person = user(f"committee{n}-{i}@example.org", organisation=organisation, totp=True)
        services.committee_add(actor=tech, election=election, person=person, organisation=organisation)
        committee.append(person)
        seats.append(organisation)
    setup = Setup(election, assembly, tech, committee, [], organisations)
    standing = [o for o in organisations if o not in seats]
    if status == "preparing":
        return setup
    services.election_advance(actor=tech, election=election, to=Election.Status.NOMINATIONS)
    for i, organisation in enumerate(standing[:candidates]):
        admin = user(f"admin{n}-{i}@example.org", organisation=organisation, role=Affiliation.Role.ADMIN)
        person = user(f"candidate{n}-{i}@example.org", organisation=organisation)
        nomination = services.nominate(
            actor=admin, election=election, organisation=organisation, person=person, texts={"en": "I will serve."}
        )
        services.consent(actor=person, nomination=nomination, show_name=i % 2 == 0)
        setup.candidates.append(Nomination.objects.get(pk=nomination.pk))
    if status == "nominations":
        return setup
    services.assembly_advance(actor=tech, assembly=assembly, to=Assembly.Status.IN_SESSION)
    for organisation in organisations[: present if present is not None else len(organisations)]:
        services.attendance_record(
            actor=tech, assembly=assembly, organisation=organisation, representative_name="Rep (test)"
        )
    if status == "in_session":
        return setup
    services.election_advance(actor=tech, election=election, to=Election.Status.VOTING)
    if status == "voting":
        setup.refresh()
        return setup
    services.election_advance(actor=committee[0], election=setup.refresh(), to=Election.Status.COUNTING)
    setup.refresh()
    return setup


def votes(setup: Setup, *figures) -> dict[str, int]:
    return {str(n.code): v for n, v in zip(setup.candidates, figures, strict=True)}


def count_twice(setup: Setup, ballots, blank, invalid, *figures):
    for member in setup.committee[:2]:
        services.count_enter(
            actor=member,
            election=setup.election,
            ballots=ballots,
            blank=blank,
            invalid=invalid,
            votes=votes(setup, *figures),
        )


def sign_all(setup: Setup, how_many=None):
    for member in setup.committee[: how_many or setup.election.committee_threshold]:
        services.sign_off(actor=member, election=setup.refresh(), secret=PASSWORD)
    return setup.refresh()


# Samples of governance's read-only URLs for tests/test_views_table.py.
def governance_document() -> dict:
    """A public document of the demo's structuring meeting (the samples of read-only URLs)."""
    assembly = Assembly.objects.get(slug="deir-ez-zor-structuring-2022")
    document = services.document_add(
        actor=get_user_model().objects.get(email=PERSONAS["tech_officer"]),
        assembly=assembly,
        title="Rules",
        data=b"%PDF-1.4\n%%EOF\n",
        filename="r.pdf",
        is_public=True,
    )
    return {"slug": assembly.slug, "code": document.code}


def governance_sheet() -> dict:
    election = Election.objects.get(slug="operational-body-deir-ez-zor-2022")
    sheet = TallySheet.objects.create(election=election, content_type="image/jpeg", data=b"\xff\xd8\xff\xd9")
    return {"slug": election.slug, "code": sheet.code}
