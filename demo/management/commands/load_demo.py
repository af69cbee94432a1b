import datetime
import json
import secrets
from pathlib import Path

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from campaigns import services as campaign_services
from campaigns.models import (
    Ballot,
    Campaign,
    FollowUp,
    IssueProposal,
    IssueRound,
    Meeting,
    Signature,
    Statement,
    TimelineEvent,
)
from coalition.models import Body, Coalition, Region
from demo import appeals, content
from demo import ballots as ballots_demo
from demo import governance as governance_demo
from demo import trainings as trainings_demo
from members.models import Affiliation, Application, Mandate, MembershipChange, Organisation, Sector
from newsletters import services as newsletter_services
from newsletters.models import Activity, Issue, NewsItem
from places.models import Place
from projects import extraction
from projects import services as project_services
from projects.models import Project

User = get_user_model()


def _date(value):
    return datetime.date.fromisoformat(value) if value else None


class Command(BaseCommand):
    help = (
        "Build the demo coalition from the seed documents: the coalition, its regions, sectors, member "
        "organisations, bodies, mandates and fictional personas. Idempotent: a second run changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--credentials",
            default=None,
            help="Where the generated persona passwords are kept (default: var/demo-credentials.json).",
        )

    def handle(self, *args, **options):
        call_command("load_gazetteer", stdout=self.stdout)
        self.changes = 0
        with transaction.atomic():
            self.load()
        self.stdout.write(f"Demo data: {self.changes} rows created or changed.")
        self.print_personas(options["credentials"] or settings.VAR_DIR / "demo-credentials.json")

    def upsert(self, model, lookup: dict, values: dict):
        obj = model.objects.filter(**lookup).first()
        if obj is None:
            obj = model.objects.create(**lookup, **values)
            self.changes += 1
        elif any(getattr(obj, k) != v for k, v in values.items()):
            for k, v in values.items():
                setattr(obj, k, v)
            obj.save()
            self.changes += 1
        return obj

    def set_m2m(self, manager, objects):
        if set(manager.all()) != set(objects):
            manager.set(objects)
            self.changes += 1

    def load(self):
        coalition_values = {k: v for k, v in content.COALITION.items() if k != "founded_on"}
        coalition_values["founded_on"] = _date(content.COALITION["founded_on"])
        existing = Coalition.objects.order_by("pk").first()
        self.upsert(Coalition, {"pk": existing.pk} if existing else {}, coalition_values)

        places = {p.pcode: p for p in Place.objects.filter(level__lte=3)}
        regions = {}
        for order, (slug, (ar, en, ku, syr, pcodes)) in enumerate(content.REGIONS.items()):
            region = self.upsert(
                Region,
                {"slug": slug},
                {
                    "name_ar": ar,
                    "name_en": en,
                    "name_ku": ku,
                    "name_syr": syr,
                    "order": order,
                    "original_language": "ar",
                },
            )
            self.set_m2m(region.places, [places[p] for p in pcodes])
            regions[slug] = region

        sectors = {}
        for order, (slug, (en, ar, ku, cluster, dac)) in enumerate(content.SECTORS.items()):
            sectors[slug] = self.upsert(
                Sector,
                {"slug": slug},
                {"name_en": en, "name_ar": ar, "name_ku": ku, "order": order, "iasc_cluster": cluster, "dac_code": dac},
            )

        organisations = {}
        for slug, data in content.ORGANISATIONS.items():
            organisations[slug] = self.organisation(
                slug, dict(data), regions, sectors, places, Organisation.Status.MEMBER
            )

        bodies = {}
        for order, (slug, (kind, region, ar, en, ku, elected)) in enumerate(content.BODIES.items()):
            bodies[slug] = self.upsert(
                Body,
                {"slug": slug},
                {
                    "kind": kind,
                    "region": regions.get(region),
                    "name_ar": ar,
                    "name_en": en,
                    "name_ku": ku,
                    "is_elected": elected,
                    "order": order,
                    "original_language": "ar",
                },
            )

        self.people = {}
        for key, (email, name, role, affiliations) in content.PERSONAS.items():
            person = User.objects.filter(email=email).first()
            if person is None:
                person = User.objects.create_user(email, None, full_name=name, coalition_role=role)
                self.changes += 1
            self.upsert(EmailAddress, {"user": person, "email": email}, {"verified": True, "primary": True})
            for org_slug, org_role in affiliations:
                self.upsert(
                    Affiliation, {"person": person, "organisation": organisations[org_slug], "role": org_role}, {}
                )
            self.people[key] = person

        for body, person, org, role, starts, ends, public in content.MANDATES:
            self.upsert(
                Mandate,
                {
                    "body": bodies[body],
                    "person": self.people[person],
                    "organisation": organisations.get(org),
                    "starts_on": _date(starts),
                },
                {"role": role, "ends_on": _date(ends), "show_person_publicly": public},
            )

        self.projects(organisations, sectors, places)
        self.campaigns(organisations, regions)
        self.newsletter(organisations)
        appeals.load(self)
        trainings_demo.load(self, organisations, regions)
        governance_demo.load(self)
        ballots_demo.load(self)

        pending = content.PENDING_APPLICATION
        organisation = self.organisation(
            "furat-youth-initiative",
            dict(pending["organisation"]),
            regions,
            sectors,
            places,
            Organisation.Status.APPLICANT,
        )
        self.upsert(
            Application,
            {"organisation": organisation},
            {"contact_name": pending["contact_name"], "contact_email": pending["contact_email"]},
        )

    def projects(self, organisations, sectors, places):
        """003's projects go through the extraction an editor uses; those without blocking problems are
        published, the others wait, flagged, for the organisation to correct them."""
        tech = User.objects.get(email=content.PERSONAS["tech_officer"][0])
        editor = User.objects.get(email=content.PERSONAS["astefir_editor"][0])
        organisation = organisations["astefir-al-zour"]
        text = (Path(__file__).resolve().parents[2] / "seeds" / "003_member_projects.txt").read_text(encoding="utf-8")
        known = set(organisation.projects.values_list("source_text", flat=True))
        for proposal in extraction.extract(text, today=datetime.date(2026, 1, 1)):
            if proposal.text in known:
                continue
            project = project_services.project_from_proposal(
                actor=editor, organisation=organisation, proposal=proposal, text=text
            )
            self.changes += 1
            if not project_services.validation.blocking(project_services.issues_before_publishing(project)):
                project_services.project_submit(actor=editor, project=project)
                project_services.project_publish(actor=tech, project=project)
        for slug, (title, sector, pcode, lang) in content.NEWSLETTER_PROJECTS.items():
            org = organisations[slug]
            if Project.objects.filter(organisation=org, **{f"title_{lang}": title}).exists():
                continue
            project = project_services.project_save(
                actor=tech,
                organisation=org,
                fields={
                    f"title_{lang}": title,
                    "original_language": lang,
                    "status": "ongoing",
                    "actual_start": datetime.date(2023, 2, 1),
                },
                sectors=[sectors[sector]],
                places=[places[pcode]],
            )
            project_services.project_submit(actor=tech, project=project)
            project_services.project_publish(actor=tech, project=project)
            self.changes += 1

    def campaigns(self, organisations, regions):
        """The newsletter's three regional campaigns, their hashtags, the statement with demo signatures,
        the visits to the authorities and what they promised, and a concluded issue round."""
        tech = User.objects.get(email=content.PERSONAS["tech_officer"][0])
        for slug, (region, en, ar, hashtags, issue, status, start) in content.CAMPAIGNS.items():
            campaign = self.upsert(
                Campaign,
                {"slug": slug},
                {
                    "title_en": en,
                    "title_ar": ar,
                    "hashtags": hashtags,
                    "issue_en": issue,
                    "status": status,
                    "starts_on": _date(start),
                    "original_language": "en",
                },
            )
            self.set_m2m(campaign.regions, [regions[region]])
            self.set_m2m(
                campaign.organisations, [o for o in organisations.values() if o.region_id == regions[region].pk]
            )
            if hashtags:
                self.upsert(
                    TimelineEvent,
                    {"campaign": campaign, "kind": "hashtag"},
                    {
                        "happened_on": _date(start),
                        "title_en": f"Hashtag launched: {hashtags.split()[0]}",
                        "original_language": "en",
                    },
                )
        for slug, day, authority, office, asked, answered, promised, promise, owner in content.MEETINGS:
            campaign = Campaign.objects.get(slug=slug)
            meeting = self.upsert(
                Meeting,
                {"campaign": campaign, "held_on": _date(day), "authority": authority},
                {
                    "office": office,
                    "asked": asked,
                    "answered": answered,
                    "promised": promised,
                    "is_public": True,
                    "attendees": "Members of the coordination committee, the local board and the technical office (demo)",
                },
            )
            self.upsert(FollowUp, {"meeting": meeting, "promise": promise}, {"owner": owner})
        data = content.STATEMENT
        statement = Statement.objects.filter(slug=data["slug"]).first()
        if statement is None:
            statement = campaign_services.statement_save(
                actor=tech,
                statement=Statement(),
                fields={
                    "slug": data["slug"],
                    "campaign": Campaign.objects.get(slug=data["campaign"]),
                    "title_en": data["title_en"],
                    "title_ar": data["title_ar"],
                    "original_language": "ar",
                },
            )
            campaign_services.statement_draft(
                actor=tech, statement=statement, texts={"ar": data["text_ar"], "en": data["text_en"]}
            )
            version = campaign_services.statement_freeze(actor=tech, statement=statement)
            self.changes += 1
            # Demo signatures of the member organisations (the newsletter's statement had 64).
            for i, organisation in enumerate(o for o in organisations.values() if o.status == "member"):
                Signature.objects.create(
                    version=version,
                    organisation=organisation,
                    visibility=["named", "named", "counted"][i % 3],
                    signed_at=timezone.now(),
                )
            TimelineEvent.objects.create(
                campaign=statement.campaign,
                kind="statement",
                happened_on=_date("2023-01-25"),
                title_en="Joint statement shared for signatures",
                statement=statement,
                original_language="en",
            )
        issue_round = IssueRound.objects.filter(slug="deir-ez-zor-2023").first()
        if issue_round is None:
            now = timezone.now()
            issue_round = IssueRound.objects.create(
                slug="deir-ez-zor-2023",
                region=regions["deir-ez-zor"],
                title_en="Deir ez-Zor: choosing the 2023 issue",
                title_ar="دير الزور: اختيار قضية عام 2023",
                original_language="en",
                proposals_open_at=now - datetime.timedelta(days=60),
                voting_opens_at=now - datetime.timedelta(days=50),
                closes_at=now - datetime.timedelta(days=40),
                concluded_at=now - datetime.timedelta(days=39),
            )
            for org_slug, title, problem in (
                ("deirna", "Electricity", "The region drowns in darkness; the network is not rehabilitated."),
                ("insaaf", "Drinking water", "Water stations work a few hours a day."),
            ):
                IssueProposal.objects.create(
                    round=issue_round, organisation=organisations[org_slug], title=title, problem=problem
                )
            electricity, water = list(issue_round.proposals.order_by("pk"))
            for org_slug, approvals in (
                ("astefir-al-zour", [electricity]),
                ("deirna", [electricity]),
                ("bedaya", [electricity, water]),
                ("insaaf", [water]),
            ):
                Ballot.objects.create(round=issue_round, organisation=organisations[org_slug]).approvals.set(approvals)
            issue_round.winner = electricity
            issue_round.save(update_fields=["winner"])
            self.changes += 1
        if not IssueRound.objects.filter(slug="deir-ez-zor-next").exists():
            now = timezone.now()
            upcoming = IssueRound.objects.create(
                slug="deir-ez-zor-next",
                region=regions["deir-ez-zor"],
                title_en="Deir ez-Zor: the next issue",
                title_ar="دير الزور: القضية التالية",
                original_language="en",
                proposals_open_at=now - datetime.timedelta(days=10),
                voting_opens_at=now - datetime.timedelta(days=1),
                closes_at=now + datetime.timedelta(days=30),
            )
            for org_slug, title, problem in (
                ("deirna", "Schools without heating", "Children study in cold classrooms all winter."),
                ("bedaya", "Roads between the villages", "Damaged roads cut villages off from clinics and markets."),
            ):
                IssueProposal.objects.create(
                    round=upcoming, organisation=organisations[org_slug], title=title, problem=problem
                )
            self.changes += 1

    def newsletter(self, organisations):
        """Issue 7 of the newsletter (February 2023), rebuilt from 000 through the same compile step."""
        for slug, day, en, ar, body in content.NEWSLETTER_NEWS:
            self.upsert(
                NewsItem,
                {"slug": slug},
                {
                    "title_en": en,
                    "title_ar": ar,
                    "body_en": body,
                    "published_on": _date(day),
                    "original_language": "en",
                },
            )
        for i, (org_slug, title, kind) in enumerate(content.NEWSLETTER_ACTIVITIES):
            self.upsert(
                Activity,
                {"organisation": organisations[org_slug], "title": title},
                {
                    "kind": kind,
                    "language": "en",
                    "happened_on": _date("2023-02-01") + datetime.timedelta(days=i),
                    "url": f"https://example.org/{org_slug}/{i + 1}",
                    "review_state": Activity.Review.APPROVED,
                },
            )
        if not Issue.objects.filter(number=7).exists():
            tech = User.objects.get(email=content.PERSONAS["tech_officer"][0])
            issue = newsletter_services.issue_start(
                actor=tech,
                number=7,
                title={"en": "The Newsletter of February 2023", "ar": "نشرة شباط 2023"},
                period_start=_date("2023-02-01"),
                period_end=_date("2023-02-28"),
            )
            issue.introduction_en = (
                "As a continuation of the mobilization and advocacy campaign that has been worked on by the "
                "Coalition of Civil Society Organizations in Northeast Syria (CSO-NES)."
            )
            issue.status = Issue.Status.PUBLISHED
            issue.published_at = timezone.now()
            issue.save()
            self.changes += 1

    def organisation(self, slug, data, regions, sectors, places, status):
        sector_slugs = data.pop("sectors")
        data["region"] = regions[data.pop("region")]
        data["place"] = places.get(data.pop("place", None))
        data["founded_on"] = _date(data.pop("founded_on", None))
        data.setdefault("original_language", "en")
        probe = Organisation(**data)
        data["search_text"] = probe.build_search_text()
        existing = Organisation.objects.filter(slug=slug).first()
        if existing is None:
            data["status"] = status
        organisation = self.upsert(Organisation, {"slug": slug}, data)
        self.set_m2m(organisation.sectors, [sectors[s] for s in sector_slugs])
        if not organisation.membership_changes.exists():
            MembershipChange.objects.create(organisation=organisation, status=organisation.status, reason="demo data")
            self.changes += 1
        return organisation

    def print_personas(self, path):
        """Passwords are generated once per machine, kept in var/ (never committed) and printed each run."""
        path = Path(path)
        saved = json.loads(path.read_text()) if path.exists() else {}
        for email, *_rest in content.PERSONAS.values():
            person = User.objects.get(email=email)
            if email not in saved or not person.check_password(saved[email]):
                saved[email] = secrets.token_urlsafe(12)
                person.set_password(saved[email])
                person.save(update_fields=["password"])
        path.write_text(json.dumps(saved, indent=2))
        path.chmod(0o600)
        self.stdout.write("\nSign in at /en/accounts/login/ (or /ar/...) as one of the demo personas:")
        for key, (email, *_rest) in content.PERSONAS.items():
            self.stdout.write(f"  {content.PERSONA_LABELS[key]:42} {email:34} password: {saved[email]}")
