"""Demo of verifiable online ballots: a short extraordinary meeting of the Deir ez-Zor platform (demo), in session, whose
election has online ballots open. Everything a real committee would do in its members' browsers is done here by
the loader with governance/belenios.py ON BEHALF OF FICTIONAL (demo) MEMBERS: their key seeds and the private
credentials are thrown away when the loader ends, except Deirna's credential, printed once in the loader's output
so that Deirna's admin (a persona) can try the booth. Nothing secret is stored in the database or in var/."""

import datetime
import json

from django.utils import timezone

from demo.governance import _person
from governance import belenios as B
from governance import services
from governance.models import Assembly, CandidacyRules, Election
from members.models import Affiliation, Organisation

SLUG = "deir-ez-zor-online-demo"
NOTE = (
    "Demo: online ballots. The counting committee's keys were made by the demo loader on behalf of fictional "
    "members, and two ballots were cast by the loader for fictional organisations; the figures are illustrative."
)


def load(command) -> None:
    if Election.objects.filter(slug=SLUG).exists():
        return
    people = command.people
    tech = people["tech_officer"]
    members = {
        o.slug: o
        for o in Organisation.objects.filter(region__slug="deir-ez-zor", status=Organisation.Status.MEMBER).order_by(
            "slug"
        )
    }
    assembly = services.assembly_save(
        actor=tech,
        assembly=Assembly(),
        fields={
            "slug": "deir-ez-zor-extraordinary-meeting",
            "title_en": "Extraordinary meeting of the Deir ez-Zor platform (demo, online ballots)",
            "title_ar": "اجتماع استثنائي لمنصة دير الزور (تجريبي، تصويت إلكتروني)",
            "original_language": "en",
            "starts_at": timezone.now().replace(microsecond=0),
            "venue": "Hall of Aman / Deir Ezzor Restaurant",
            "region": members["deirna"].region,
        },
    )
    services.assembly_invite(actor=tech, assembly=assembly)
    election = services.election_save(
        actor=tech,
        election=Election(),
        fields={
            "slug": SLUG,
            "assembly": assembly,
            "body": Election.objects.get(slug="operational-body-deir-ez-zor-next").body,
            "title_en": "Seat left vacant on the Deir ez-Zor operational body (demo, online ballots)",
            "title_ar": "مقعد شاغر في الهيئة التشغيلية لدير الزور (تجريبي، تصويت إلكتروني)",
            "note_en": NOTE,
            "seats": 1,
            "term_months": 0,
            "tie_rule": Election.TieRule.DRAW,
            "rules": CandidacyRules.objects.order_by("-number").first(),
            "committee_threshold": 2,
            "nominations_close_at": timezone.now() + datetime.timedelta(days=1),
        },
    )
    others = [s for s in members if s != "deirna"]
    committee = []
    for i, slug in enumerate(others[:3]):
        person = _person(
            command, f"trustee{i + 1}@demo.civnet.invalid", f"Trustee {i + 1} (demo)", members[slug], totp=True
        )
        committee.append(
            services.committee_add(actor=tech, election=election, person=person, organisation=members[slug])
        )
    services.election_advance(actor=tech, election=election, to=Election.Status.NOMINATIONS)
    for i, slug in enumerate(others[3:5]):
        admin = _person(
            command,
            f"online-admin{i + 1}@demo.civnet.invalid",
            f"Admin {i + 1} (demo)",
            members[slug],
            role=Affiliation.Role.ADMIN,
        )
        candidate = _person(
            command, f"online-candidate{i + 1}@demo.civnet.invalid", f"Candidate {i + 1} (demo)", members[slug]
        )
        nomination = services.nominate(
            actor=admin,
            election=election,
            organisation=members[slug],
            person=candidate,
            texts={"en": "I will serve the platform until the next general meeting. (Demo text.)"},
        )
        services.consent(actor=candidate, nomination=nomination, show_name=True)
    services.assembly_advance(actor=tech, assembly=assembly, to=Assembly.Status.IN_SESSION)
    for organisation in members.values():
        services.attendance_record(
            actor=tech, assembly=assembly, organisation=organisation, representative_name="Representative (demo)"
        )
    channel = services.online_enable(actor=tech, election=election, credential_authority=committee[0])
    _key_ceremony(election, channel, [m.person for m in committee])
    election = services.election_advance(actor=tech, election=election, to=Election.Status.VOTING)
    channel.refresh_from_db()
    group = B.get_group(channel.group)
    private = {slug: B.generate_credential() for slug in election.roll.values_list("organisation__slug", flat=True)}
    services.credentials_upload(
        actor=committee[0].person,
        election=election,
        credentials={s: B.public_credential(group, channel.uuid, c) for s, c in private.items()},
    )
    e = B.Election(channel.election_raw)
    for i, slug in enumerate(others[5:7]):
        voter = _person(
            command, f"online-voter{i + 1}@demo.civnet.invalid", f"Voter {i + 1} (demo)", members[slug], totp=True
        )
        services.ballot_cast(
            actor=voter,
            election=election,
            organisation=members[slug],
            raw=B.create_ballot(e, private[slug], [B.approval(e, 0, [i % 2])]),
        )
    command.stdout.write(
        f"Online ballots demo: Deirna's credential in {SLUG} is {private.get('deirna')} "
        "(printed once, stored nowhere; the admin of Deirna votes with it at /en/elections/" + SLUG + "/vote/)."
    )
    command.changes += 1


def _key_ceremony(election, channel, people) -> None:
    """Steps 1, 3 and 5 of each fictional member, as their browsers would make them; the seeds are then forgotten."""
    group = B.get_group(channel.group)
    seeds = []
    for person in people:
        seed, cert = B.threshold_certificate(group)
        seeds.append(seed)
        services.trustee_step(actor=person, election=election, step="certificate", message=B.dumps(cert))
    certs = [json.loads(k.certificate) for k in channel.keys.all()]
    for person, seed in zip(people, seeds, strict=True):
        polynomial = B.threshold_polynomial(group, certs, seed, channel.threshold)
        services.trustee_step(actor=person, election=election, step="polynomial", message=B.dumps(polynomial))
    polynomials = [json.loads(k.polynomial) for k in channel.keys.all()]
    vinputs = B.threshold_vinputs(group, certs, polynomials)
    for person, seed, vinput in zip(people, seeds, vinputs, strict=True):
        voutput = B.threshold_voutput(group, certs, seed, vinput)
        services.trustee_step(actor=person, election=election, step="voutput", message=B.dumps(voutput))
