"""Benchmark of governance: an assembly of 300 organisations (all present, the roll frozen from them) and an
election of 40 candidates counted and signed, in a throwaway SQLite database. Prints the median and 95th
percentile of the published results page, its JSON, the committee's page and one sign-off (re-authenticated with an
authenticator code; each rolled back so the next one measures the same work), with queries per request. Run with
`make bench`."""

import datetime
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import count_queries, start, timed  # noqa: E402

WORK = start("governance")

from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, generate_totp_secret, hotp_value  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.core.cache import cache  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.utils import timezone  # noqa: E402

from coalition.models import Body, Region  # noqa: E402
from governance import services  # noqa: E402
from governance.models import Assembly, Attendance, Election, InvitedOrganisation, Nomination  # noqa: E402
from members.models import Affiliation, Organisation  # noqa: E402

ORGANISATIONS, CANDIDATES, REQUESTS = 300, 40, 100
PASSWORD = "a bench passphrase 42"


def build():
    call_command("migrate", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    call_command("load_demo", credentials=f"{WORK}/credentials.json", stdout=open(os.devnull, "w"))
    User = get_user_model()
    tech = User.objects.get(email="tech@demo.civnet.invalid")
    region = Region.objects.get(slug="raqqa")
    long_ago = timezone.now() - datetime.timedelta(days=800)
    Organisation.objects.bulk_create(
        [
            Organisation(
                slug=f"bench-{i:03d}",
                name_en=f"Bench Organisation {i}",
                name_ar=f"منظمة القياس {i}",
                status=Organisation.Status.MEMBER,
                status_since=long_ago,
                region=region,
            )
            for i in range(ORGANISATIONS)
        ]
    )
    organisations = list(Organisation.objects.filter(slug__startswith="bench-").order_by("slug"))
    assembly = services.assembly_save(
        actor=tech,
        assembly=Assembly(),
        fields={"slug": "bench-assembly", "title_en": "Bench assembly", "starts_at": timezone.now()},
    )
    InvitedOrganisation.objects.bulk_create(
        [InvitedOrganisation(assembly=assembly, organisation=o) for o in organisations]
    )
    rules = services.rules_create(actor=tech, fields={"text_en": "Bench rules.", "good_standing_months": 6})
    election = services.election_save(
        actor=tech,
        election=Election(),
        fields={
            "slug": "bench-election",
            "assembly": assembly,
            "body": Body.objects.get(slug="local-board-raqqa"),
            "title_en": "Bench election",
            "seats": 7,
            "rules": rules,
            "committee_threshold": 3,
            "nominations_close_at": timezone.now() + datetime.timedelta(days=1),
        },
    )
    committee, secrets = [], {}
    for i, organisation in enumerate(organisations[:5]):
        person = User.objects.create_user(f"bench-committee-{i}@example.org", PASSWORD, full_name=f"Counter {i}")
        Affiliation.objects.create(person=person, organisation=organisation, role=Affiliation.Role.DELEGATE)
        secrets[person.pk] = generate_totp_secret()
        TOTP.activate(person, secrets[person.pk])
        services.committee_add(actor=tech, election=election, person=person, organisation=organisation)
        committee.append(person)
    services.election_advance(actor=tech, election=election, to=Election.Status.NOMINATIONS)
    for i, organisation in enumerate(organisations[5 : 5 + CANDIDATES]):
        person = User.objects.create_user(f"bench-candidate-{i}@example.org", None, full_name=f"Candidate {i}")
        Affiliation.objects.create(person=person, organisation=organisation, role=Affiliation.Role.ADMIN)
        nomination = services.nominate(
            actor=person, election=election, organisation=organisation, person=person, texts={"en": f"Statement {i}"}
        )
        services.consent(actor=person, nomination=nomination, show_name=i % 2 == 0)
    services.assembly_advance(actor=tech, assembly=assembly, to=Assembly.Status.IN_SESSION)
    Attendance.objects.bulk_create(
        [Attendance(assembly=assembly, organisation=o, representative_name=f"Rep {o.pk}") for o in organisations]
    )
    services.election_advance(actor=tech, election=election, to=Election.Status.VOTING)
    election.refresh_from_db()
    services.election_advance(actor=committee[0], election=election, to=Election.Status.COUNTING)
    election.refresh_from_db()
    votes = {str(n.code): 80 - 2 * i for i, n in enumerate(Nomination.objects.filter(election=election).order_by("pk"))}
    for member in committee[:2]:
        services.count_enter(actor=member, election=election, ballots=290, blank=4, invalid=2, votes=votes)
    return election, committee, secrets


def sign_off_once(election, member, secret):
    cache.clear()  # the same authenticator code may be typed again in this measurement
    code = format_hotp_value(hotp_value(secret, int(timezone.now().timestamp()) // 30))
    with transaction.atomic():
        services.sign_off(actor=member, election=election, secret=code)
        transaction.set_rollback(True)


def main():
    election, committee, secrets = build()
    member = committee[2]
    sign_median, sign_p95 = timed(lambda: sign_off_once(election, member, secrets[member.pk]), REQUESTS)
    for other in committee[:3]:
        services.sign_off(actor=other, election=Election.objects.get(pk=election.pk), secret=PASSWORD)
    services.publish(actor=committee[0], election=Election.objects.get(pk=election.pk))

    anonymous = Client(HTTP_HOST="127.0.0.1")
    counter = Client(HTTP_HOST="127.0.0.1")
    counter.force_login(committee[3])
    rows = [
        ("results page", anonymous, "/en/elections/bench-election/"),
        ("election.json", anonymous, "/en/elections/bench-election/election.json"),
        ("committee page", counter, "/en/elections/bench-election/committee/"),
    ]
    print(f"governance: {ORGANISATIONS} organisations on the roll, {CANDIDATES} candidates, {REQUESTS} runs each")
    for label, client, url in rows:
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        queries, _ = count_queries(lambda client=client, url=url: client.get(url))
        median, p95 = timed(lambda client=client, url=url: client.get(url), REQUESTS)
        print(
            f"  {label:16} median {median:6.1f} ms  p95 {p95:6.1f} ms  {queries:3d} queries  {len(response.content):7d} bytes"
        )
    print(
        f"  {'sign-off':16} median {sign_median:6.1f} ms  p95 {sign_p95:6.1f} ms  (authenticator code; a password adds its hash)"
    )


if __name__ == "__main__":
    main()
