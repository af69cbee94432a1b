"""The governance demo, built through governance's own services so the audit trail tells it: the structuring
meeting of the Deir ez-Zor platform on 9 November 2022 (seed 002: 19 organisations present, its agenda, a committee
chosen to monitor and count the votes, the election of the operational body counted from paper, published, its
members seated), and an assembly in preparation whose election is open for nominations.

The seed names the rules of candidacy and the counting committee but gives neither the candidates nor the
figures: those are fictional and marked so. Loaded once: a second run finds the assembly and changes nothing."""

import datetime
import secrets
import zoneinfo

from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.contrib.auth import get_user_model
from django.utils import timezone

from coalition.models import Body, Region
from governance import services
from governance.models import (
    Assembly,
    CountEntry,
    Election,
    Nomination,
    SignOff,
    Tally,
)
from members.models import Affiliation, MembershipChange, Organisation
from places.models import Place

DAMASCUS = zoneinfo.ZoneInfo("Asia/Damascus")
MEETING = datetime.datetime(2022, 11, 9, 10, 0, tzinfo=DAMASCUS)
# The seed counts 19 organisations present; the demo has 4 Deir ez-Zor members from the seeds, the rest are these.
FICTIONAL_ORGANISATIONS = [
    ("euphrates-bridges", "Euphrates Bridges Association (demo)", "جمعية جسور الفرات (تجريبي)"),
    ("hajin-youth", "Hajin Youth Initiative (demo)", "مبادرة شباب هجين (تجريبي)"),
    ("mayadin-women", "Mayadin Women's Forum (demo)", "منتدى نساء الميادين (تجريبي)"),
    ("busayrah-relief", "Busayrah Relief Team (demo)", "فريق البصيرة للإغاثة (تجريبي)"),
    ("thiban-education", "Thiban Education Circle (demo)", "حلقة ذيبان التعليمية (تجريبي)"),
    ("shuhayl-farmers", "Shuhayl Farmers' Union (demo)", "اتحاد مزارعي الشحيل (تجريبي)"),
    ("sur-dialogue", "Al-Sur Dialogue Centre (demo)", "مركز الصور للحوار (تجريبي)"),
    ("kasra-health", "Kasra Health Volunteers (demo)", "متطوعو الكسرة للصحة (تجريبي)"),
    ("jazrat-water", "Jazrat Water Committee (demo)", "لجنة مياه الجزرات (تجريبي)"),
    ("hawija-culture", "Hawija Culture House (demo)", "بيت الحويجة للثقافة (تجريبي)"),
    ("izba-rights", "Al-Izba Rights Network (demo)", "شبكة العزبة للحقوق (تجريبي)"),
    ("sabha-development", "Sabha Development Group (demo)", "مجموعة الصبحة للتنمية (تجريبي)"),
    ("tayyana-children", "Tayyana Children's Fund (demo)", "صندوق أطفال الطيانة (تجريبي)"),
    ("diban-media", "Diban Community Media (demo)", "إعلام ذيبان المجتمعي (تجريبي)"),
    ("khasham-peace", "Khasham Peacebuilders (demo)", "بناة السلام في خشام (تجريبي)"),
]
COMMITTEE_2022 = [
    ("layla@demo.civnet.invalid", "Layla Example (demo)", "insaaf"),
    ("omar@demo.civnet.invalid", "Omar Example (demo)", "bedaya"),
    ("rasha@demo.civnet.invalid", "Rasha Example (demo)", "euphrates-bridges"),
]
# (organisation, person key or (email, name), name public, votes): the figures are illustrative.
CANDIDATES_2022 = [
    ("astefir-al-zour", "astefir_delegate", False, 15),
    ("hajin-youth", ("khaled@demo.civnet.invalid", "Khaled Example (demo)"), True, 14),
    ("mayadin-women", ("amira@demo.civnet.invalid", "Amira Example (demo)"), True, 12),
    ("sur-dialogue", ("yousef@demo.civnet.invalid", "Yousef Example (demo)"), False, 11),
    ("izba-rights", ("salma@demo.civnet.invalid", "Salma Example (demo)"), True, 9),
    ("shuhayl-farmers", ("fares@demo.civnet.invalid", "Fares Example (demo)"), False, 6),
    ("kasra-health", ("huda@demo.civnet.invalid", "Huda Example (demo)"), True, 4),
]
AGENDA_2022 = [
    (
        "Impressions about the platform and the importance of its presence",
        "انطباعات الأعضاء عن المنصة وأهمية وجودها",
        "A first step towards unifying the efforts of work for the benefit of the local community.",
        "",
    ),
    (
        "The administrative and operational frameworks of the past period",
        "الأطر الإدارية والتشغيلية للمرحلة الماضية",
        "The frameworks in which the platform worked, and the shortage of the desired networking effectiveness.",
        "Build a structure on firm and clear objectives, with participatory work as a key principle, simple, "
        "achieving as much democracy and transparency as possible.",
    ),
    (
        "Models of civil networks, and the choices of Al-Hasakah and Raqqa",
        "نماذج الشبكات المدنية وخيارات الحسكة والرقة",
        "A review of the models adopted by civil networks around the world, and of the choices of the member "
        "organisations in Al-Hasakah and Raqqa.",
        "An operational body, like its counterparts in the other governorates, is the most appropriate form.",
    ),
    (
        "Electoral forms, rules of candidacy and powers of the operational body",
        "الأشكال الانتخابية وقواعد الترشح وصلاحيات الهيئة التشغيلية",
        "",
        "The rules of candidacy (version 1) are adopted; the participants choose from among them a committee to "
        "monitor and count the votes.",
    ),
    ("Election of the operational body", "انتخاب الهيئة التشغيلية", "", ""),
]
RULES_2022 = (
    "Candidates are put forward by the member organisations present, one candidate per organisation, with their "
    "consent. No candidate from a suspended organisation. Members of the committee that monitors and counts the "
    "votes cannot stand. Each ballot names at most as many candidates as there are seats. "
    "(Transcribed for the demo: the seed names the rules of candidacy without giving their text.)"
)
MINUTES_2022 = (
    "19 active organisations from the cities and towns of the governorate met at the hall of Aman / Deir Ezzor "
    "Restaurant. They agreed on a structure based on participatory work, simple, democratic and transparent, and "
    "chose an operational body like those of Al-Hasakah and Raqqa. After agreeing on the electoral forms, the rules "
    "of candidacy and the powers of the operational body, the participants chose from among them a committee to "
    "monitor and count the votes, which announced the successful names that received the most votes.\n"
    "(Summary of seed 002 for the demo; the names and figures of the election are illustrative.)"
)


def _person(command, email, name, organisation=None, role=Affiliation.Role.DELEGATE, totp=False):
    User = get_user_model()
    person = User.objects.filter(email=email).first()
    if person is None:
        person = User.objects.create_user(email, None, full_name=name)
        command.changes += 1
    if organisation is not None:
        Affiliation.objects.get_or_create(person=person, organisation=organisation, role=role)
    if totp and not person.authenticator_set.exists():
        TOTP.activate(person, generate_totp_secret())
    return person


def _organisations(command, region) -> dict:
    place = Place.objects.filter(pcode="SY09").first()
    for slug, en, ar in FICTIONAL_ORGANISATIONS:
        if not Organisation.objects.filter(slug=slug).exists():
            organisation = Organisation(
                slug=slug,
                name_en=en,
                name_ar=ar,
                region=region,
                place=place,
                status=Organisation.Status.MEMBER,
                original_language="en",
                description_en="A fictional organisation of the demo, one of the 19 at the structuring meeting.",
            )
            organisation.search_text = organisation.build_search_text()
            organisation.save()
            MembershipChange.objects.create(organisation=organisation, status=organisation.status, reason="demo data")
            command.changes += 1
    # Members of the platform since before the meeting (the demo's rows are created today).
    Organisation.objects.filter(region=region, status=Organisation.Status.MEMBER).update(
        status_since=datetime.datetime(2021, 10, 1, tzinfo=DAMASCUS)
    )
    return {o.slug: o for o in Organisation.objects.filter(region=region, status=Organisation.Status.MEMBER)}


def load(command) -> None:
    if Assembly.objects.filter(slug="deir-ez-zor-structuring-2022").exists():
        return
    people = command.people
    tech = people["tech_officer"]
    region = Region.objects.get(slug="deir-ez-zor")
    body = Body.objects.get(slug="operational-body-deir-ez-zor")
    organisations = _organisations(command, region)
    _structuring_meeting(command, tech, region, body, organisations, people)
    _next_assembly(command, tech, region, body, organisations, people)
    command.changes += 1


def _structuring_meeting(command, tech, region, body, organisations, people):
    assembly = services.assembly_save(
        actor=tech,
        assembly=Assembly(),
        fields={
            "slug": "deir-ez-zor-structuring-2022",
            "title_en": "Structuring meeting of the Deir ez-Zor platform",
            "title_ar": "الاجتماع الختامي لهيكلة منصة مؤسسات المجتمع المدني في دير الزور",
            "original_language": "en",
            "starts_at": MEETING,
            "venue": "Hall of Aman / Deir Ezzor Restaurant",
            "place": Place.objects.filter(pcode="SY09").first(),
            "region": region,
        },
    )
    for order, (en, ar, text, decision) in enumerate(AGENDA_2022, start=1):
        services.agenda_item_save(
            actor=tech,
            assembly=assembly,
            item=None,
            fields={"order": order, "title_en": en, "title_ar": ar, "text_en": text, "decision_en": decision},
        )
    services.assembly_invite(actor=tech, assembly=assembly)
    rules = services.rules_create(
        actor=tech,
        fields={
            "text_en": RULES_2022,
            "good_standing_months": 0,
            "one_per_organisation": True,
            "no_suspended": True,
            "committee_cannot_stand": True,
        },
    )
    election = services.election_save(
        actor=tech,
        election=Election(),
        fields={
            "slug": "operational-body-deir-ez-zor-2022",
            "assembly": assembly,
            "body": body,
            "title_en": "Election of the Deir ez-Zor operational body",
            "title_ar": "انتخاب الهيئة التشغيلية في دير الزور",
            "note_en": "Demo: seed 002 tells that a committee of the participants counted the votes and announced "
            "the names with the most votes; the candidates, their names and every figure here are illustrative.",
            "note_ar": "بيانات تجريبية: الأسماء والأرقام توضيحية.",
            "seats": 5,
            "term_months": 0,
            "tie_rule": Election.TieRule.DRAW,
            "rules": rules,
            "committee_threshold": 2,
            "complaint_days": 7,
            "nominations_close_at": timezone.now() + datetime.timedelta(days=1),
        },
    )
    committee = []
    for email, name, slug in COMMITTEE_2022:
        person = _person(command, email, name, organisations[slug], totp=True)
        services.committee_add(actor=tech, election=election, person=person, organisation=organisations[slug])
        committee.append(person)
    services.election_advance(actor=tech, election=election, to=Election.Status.NOMINATIONS)
    votes = {}
    for slug, who, public, figure in CANDIDATES_2022:
        organisation = organisations[slug]
        person = people[who] if isinstance(who, str) else _person(command, *who, organisation)
        admin = (
            people["astefir_admin"]
            if slug == "astefir-al-zour"
            else _person(
                command,
                f"admin-{slug}@demo.civnet.invalid",
                f"Admin of {organisation.name_en.removesuffix(' (demo)')} (demo)",
                organisation,
                Affiliation.Role.ADMIN,
            )
        )
        nomination = services.nominate(
            actor=admin,
            election=election,
            organisation=organisation,
            person=person,
            texts={"en": "I will work for coordination, advocacy and the capacities of our member organisations."},
        )
        services.consent(actor=person, nomination=nomination, show_name=public)
        votes[str(nomination.code)] = figure
    services.assembly_advance(actor=tech, assembly=assembly, to=Assembly.Status.IN_SESSION)
    for number, organisation in enumerate(organisations.values(), start=1):
        services.attendance_record(
            actor=tech,
            assembly=assembly,
            organisation=organisation,
            representative_name=f"Representative {number} (demo)",
        )
    services.election_advance(actor=tech, election=election, to=Election.Status.VOTING)
    election.refresh_from_db()
    services.election_advance(actor=committee[0], election=election, to=Election.Status.COUNTING)
    election.refresh_from_db()
    for member in committee[:2]:
        services.count_enter(actor=member, election=election, ballots=19, blank=1, invalid=0, votes=votes)
    for member in committee:
        # The committee's re-authentication, with a password set on this copy only and never saved: the demo's
        # fictional members cannot sign in.
        once = secrets.token_urlsafe(16)
        member.set_password(once)
        services.sign_off(actor=member, election=election, secret=once)
        election.refresh_from_db()
    services.publish(actor=committee[0], election=election)
    services.minutes_publish(actor=tech, assembly=assembly, texts={"en": MINUTES_2022})
    services.assembly_advance(actor=tech, assembly=assembly, to=Assembly.Status.CLOSED)
    # The record as it happened on the day (the services stamp today).
    evening = MEETING + datetime.timedelta(hours=6)
    Election.objects.filter(pk=election.pk).update(
        nominations_close_at=MEETING,
        roll_frozen_at=MEETING + datetime.timedelta(hours=4),
        signed_at=evening,
        published_at=evening,
        complaints_until=evening + datetime.timedelta(days=7),
    )
    Nomination.objects.filter(election=election).update(nominated_at=MEETING, consent_at=MEETING)
    CountEntry.objects.filter(election=election).update(entered_at=evening - datetime.timedelta(hours=1))
    Tally.objects.filter(election=election).update(accepted_at=evening - datetime.timedelta(hours=1))
    SignOff.objects.filter(election=election).update(at=evening)
    Assembly.objects.filter(pk=assembly.pk).update(minutes_published_at=MEETING + datetime.timedelta(days=2))


def _next_assembly(command, tech, region, body, organisations, people):
    """The next general meeting, in preparation, its election open for nominations; Deirna's admin sits on its
    counting committee; Astefir's admin has nominated its delegate, who has yet to agree."""
    starts = (timezone.now() + datetime.timedelta(days=45)).replace(hour=10, minute=0, second=0, microsecond=0)
    assembly = services.assembly_save(
        actor=tech,
        assembly=Assembly(),
        fields={
            "slug": "deir-ez-zor-general-meeting",
            "title_en": "General meeting of the Deir ez-Zor platform",
            "title_ar": "الاجتماع العام لمنصة دير الزور",
            "original_language": "en",
            "starts_at": starts,
            "venue": "Hall of Aman / Deir Ezzor Restaurant",
            "region": region,
        },
    )
    for order, (en, ar) in enumerate(
        [
            ("Report of the operational body", "تقرير الهيئة التشغيلية"),
            ("Candidacy rules, version 2", "قواعد الترشح، النسخة الثانية"),
            ("Election of the operational body", "انتخاب الهيئة التشغيلية"),
        ],
        start=1,
    ):
        services.agenda_item_save(
            actor=tech, assembly=assembly, item=None, fields={"order": order, "title_en": en, "title_ar": ar}
        )
    services.assembly_invite(actor=tech, assembly=assembly)
    rules = services.rules_create(
        actor=tech,
        fields={
            "text_en": "As version 1, and: the candidate's organisation has been a member in good standing for at "
            "least six months. (Demo text.)",
            "good_standing_months": 6,
            "one_per_organisation": True,
            "no_suspended": True,
            "committee_cannot_stand": True,
        },
    )
    election = services.election_save(
        actor=tech,
        election=Election(),
        fields={
            "slug": "operational-body-deir-ez-zor-next",
            "assembly": assembly,
            "body": body,
            "title_en": "Next election of the Deir ez-Zor operational body",
            "title_ar": "الانتخاب القادم للهيئة التشغيلية في دير الزور",
            "seats": 5,
            "term_months": 24,
            "tie_rule": Election.TieRule.RUNOFF,
            "rules": rules,
            "committee_threshold": 2,
            "nominations_close_at": starts - datetime.timedelta(days=7),
        },
    )
    services.committee_add(
        actor=tech, election=election, person=people["deirna_admin"], organisation=organisations["deirna"]
    )
    for email, name, slug in (
        ("nadia@demo.civnet.invalid", "Nadia Example (demo)", "thiban-education"),
        ("sami@demo.civnet.invalid", "Sami Example (demo)", "jazrat-water"),
    ):
        person = _person(command, email, name, organisations[slug], totp=True)
        services.committee_add(actor=tech, election=election, person=person, organisation=organisations[slug])
    services.election_advance(actor=tech, election=election, to=Election.Status.NOMINATIONS)
    # Astefir's admin has put its delegate forward, who has not agreed yet: both follow it on the election page
    # (the delegate may consent or withdraw, the admin withdraw), and the delegate finds it on "My organisations".
    services.nominate(
        actor=people["astefir_admin"],
        election=election,
        organisation=organisations["astefir-al-zour"],
        person=people["astefir_delegate"],
        texts={
            "ar": "أعمل منذ سنوات على تنسيق عمل المنظمات في ريف دير الزور. (نص تجريبي)",
            "en": "I have coordinated the work of organisations in the Deir ez-Zor countryside for years. (Demo text.)",
        },
    )
