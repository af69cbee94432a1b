"""The table of every mutating view of CivNet (issue 8), one row per URL name: what the view acts on, valid POST
data, who may, a read-only insider, an outsider, the audit action and how to tell the write happened.
tests/test_views_table.py runs the same cases over every row and checks that no mutating URL is missing.

Statuses, unless a row says otherwise (and its `note` says why): the technical team's pages (`office`) answer 404 to
everyone else, read-only insiders included, since the office does not announce itself; elsewhere an insider without
the role gets 403, an outsider 404 and an anonymous visitor the sign-in page. Public forms (`public`), which anyone
may post without an account, succeed as an anonymous visitor; they have no insider and no outsider."""

import datetime
from collections.abc import Callable
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.utils import timezone

from appeals.models import (
    Appeal,
    CashEntry,
    CashTransfer,
    CollectionPoint,
    Convoy,
    Handover,
    Item,
    ManifestLine,
    Need,
    Partner,
    StockEntry,
    Truck,
    hash_token,
)
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
from coalition.models import Body, Region
from core.models import AuditEvent
from members import services as member_services
from members.models import Affiliation, Application, Invitation, Mandate, NameChange, Organisation, Sector
from newsletters import services as newsletter_services
from newsletters.models import Activity, Comment, Issue, IssueEntry, NewsItem, Subscriber
from offline.models import OutboxReceipt
from places.models import Place, PlaceRequest
from projects import services as project_services
from projects.models import Project
from tests.conftest import PASSWORD, PERSONAS
from tests.offline_helpers import intake_record
from trainings.models import Certificate, InvitedOrganisation, Question, Questionnaire, Trainee, Trainer, Workshop
from trainings.models import Round as TrainingRound

ANONYMOUS = "anonymous"  # the persona key of a visitor who is not signed in
# People the fixture adds to the demo personas: (organisation, role), or None for someone with no role anywhere.
EXTRA_PEOPLE = {
    "aljazira": ("aso-center", Affiliation.Role.EDITOR),  # an editor in another region (Al-Jazira)
    "signer_only": ("astefir-al-zour", Affiliation.Role.SIGNATORY),  # Astefir's signatory, no other role
    "nobody": None,  # an account with no role in any organisation
}
ORG = "astefir-al-zour"
STATEMENT = "deir-ez-zor-electricity-statement"
CAMPAIGN = "deir-ez-zor-electricity"
CHANGED = "Changed by the views table"
INVITATION_TOKEN = "an-invitation-token-of-the-views-table"
IMPORT_TOKEN = "an-import-token-of-the-views-table"


@dataclass(frozen=True)
class Case:
    url_name: str  # the full name, "app:name"
    kwargs: Callable[[], dict]  # called first: it may prepare what the view acts on; returns the URL's arguments
    data: Callable[[], dict]  # valid POST data
    may: str  # the persona who succeeds (ANONYMOUS for a public form)
    read_only: str | None  # an insider without the role; None where there is none
    outsider: str | None  # someone with no business here; None for a public form (everyone may)
    action: AuditEvent.Action | None  # None: the write is not audited (the public's own subscriptions, comments)
    happened: Callable[[], bool]  # false before the POST, true after a success
    office: bool = False  # the technical team's page: 404 to everyone else
    shows_a_form: bool = False  # GET is allowed too, so the wrong method is PUT
    public: bool = False  # anyone may post it, signed in or not
    note: str = ""  # why the row departs from the rule (required for public rows and overridden statuses)
    success_status: int = 302
    read_only_status: int = 403  # office rows: 404 whatever this says
    outsider_status: int = 404
    anonymous_status: int | None = None  # None: the sign-in page (302), or 404 for the office
    hidden: Callable[[], dict] | None = None  # arguments naming something not public: 404 even to who may


def _table(*cases: Case) -> dict[str, Case]:
    table = {}
    for case in cases:
        assert case.url_name not in table, f"two rows for {case.url_name}"
        table[case.url_name] = case
    return table


# --- who and what the rows act on -------------------------------------------------------------------------------


def person(key):
    email = PERSONAS[key] if key in PERSONAS else f"{key}@example.org"
    return get_user_model().objects.get(email=email)


def add_extra_people():
    """Create EXTRA_PEOPLE (inside the test's transaction)."""
    for key, role in EXTRA_PEOPLE.items():
        someone = get_user_model().objects.create_user(f"{key}@example.org", PASSWORD, full_name=f"Test {key}")
        if role:
            slug, name = role
            Affiliation.objects.create(person=someone, organisation=Organisation.objects.get(slug=slug), role=name)


def _astefir():
    return Organisation.objects.get(slug=ORG)


def _deir():
    return Region.objects.get(slug="deir-ez-zor")


# members


def _pending_application():
    return Application.objects.get(organisation__slug="furat-youth-initiative")


def _rejected_application():
    """A decided application whose decision email has not left yet (no email is sent inside a test's transaction
    unless the test runs the callbacks)."""
    application = _pending_application()
    member_services.application_reject(
        actor=person("tech_officer"), application=application, reason="Not in our regions."
    )
    Application.objects.filter(pk=application.pk).update(email_sent_at=None)
    return {"code": application.code}


def _invitation(email, token, role=Affiliation.Role.EDITOR):
    return Invitation.objects.create(
        organisation=_astefir(),
        email=email,
        role=role,
        token_hash=Invitation.hash_token(token),
        invited_by=person("astefir_admin"),
        language="en",
    )


def _invitation_to_nobody():
    _invitation("nobody@example.org", INVITATION_TOKEN)
    return {"token": INVITATION_TOKEN}


def _waiting_invitation():
    return {"slug": ORG, "code": _invitation("invited@example.org", "a-token-to-replace").code}


def _name_change():
    member_services.organisation_update(
        actor=person("astefir_editor"),
        organisation=_astefir(),
        fields={"name_en": "Astefir Renamed by the Views Table"},
    )
    return {"code": NameChange.objects.get(organisation__slug=ORG, status=NameChange.Status.PENDING).code}


def _name_change_decision():
    change = NameChange.objects.get(organisation__slug=ORG, status=NameChange.Status.PENDING)
    return {f"c{change.pk}-decision": "accept"}


def _signatory_affiliation():
    return Affiliation.objects.get(organisation__slug=ORG, person__email=PERSONAS["astefir_delegate"], role="signatory")


def _mandate():
    return Mandate.objects.get(body__slug="local-board-deir-ez-zor", role="secretary")


# projects


def _project_fields(title):
    return {
        "title_en": title,
        "original_language": "en",
        "status": Project.Status.COMPLETED,
        "actual_start": datetime.date(2023, 1, 1),
        "actual_end": datetime.date(2023, 2, 15),
        "reached_total": 4500,
        "reached_women": 2000,
        "reached_men": 1500,
    }


def _water():
    return Sector.objects.get(slug="water")


def _hajin():
    return Place.objects.get(pcode="SY090201")


def _project(title, *, state=Project.Review.DRAFT):
    """A complete project of Astefir, in the review state asked for."""
    project = Project.objects.filter(title_en=title).first()
    if project is None:
        project = project_services.project_save(
            actor=person("astefir_editor"),
            organisation=_astefir(),
            fields=_project_fields(title),
            sectors=[_water()],
            places=[_hajin()],
        )
        if state in (Project.Review.SUBMITTED, Project.Review.PUBLISHED):
            project_services.project_submit(actor=person("astefir_editor"), project=project)
        if state == Project.Review.PUBLISHED:
            project_services.project_publish(actor=person("tech_officer"), project=project)
    return project


def _project_form(title):
    data = {
        "title_en": title,
        "original_language": "en",
        "status": "completed",
        "actual_start": "2023-01-01",
        "actual_end": "2023-02-15",
        "sectors": [_water().pk],
        "places": [_hajin().pk],
        "reached_total": "4500",
        "reached_women": "2000",
        "reached_men": "1500",
    }
    for prefix in ("outputs", "partners", "links"):
        data.update({f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0"})
    return data


def _published_with_a_change():
    project = _project("Published by the views table", state=Project.Review.PUBLISHED)
    project_services.project_save(
        actor=person("astefir_editor"),
        organisation=project.organisation,
        project=project,
        fields={"title_en": CHANGED},
        sectors=[_water()],
        places=[_hajin()],
    )
    return {"code": project.code}


PASTED = (
    "The project was implemented between 01/01/2023 and 15/02/2023 in Hajin. The project benefited 4,500 people. "
    "It involved the installation of polyethylene pipes for drinking water, pasted into the views table."
)

# fourw

TABLE_4W = (
    b"Organisation,Sector,Activity,Sub-district P-code,Start date,End date,Status,People reached\n"
    b"#org+lead,#sector+cluster,#activity+name,#adm3+code,#date+start,#date+end,#status,#reached+ind\n"
    b"Astefir Al-Zour Organization,Protection,Sessions imported by the views table,SY090201,2023-01-01,2023-03-31,"
    b"Completed,120\n"
)


def _uploaded_table():
    """The import's second step, the confirmation, is what writes. The first step keeps the upload in the cache
    under the uploader's key; the row stands for the confirmation by whoever posts it, so the upload waits under
    every person's key."""
    for pk in get_user_model().objects.values_list("pk", flat=True):
        cache.set(f"import:{pk}:{IMPORT_TOKEN}", {"name": "4w.csv", "data": TABLE_4W}, 600)
    return {"token": IMPORT_TOKEN}


# campaigns (the rows of tests/test_campaigns_views.py)


def _round(slug, phase):
    now = timezone.now()
    day = datetime.timedelta(days=1)
    times = {
        "scheduled": (now + day, now + 2 * day, now + 3 * day),
        "proposing": (now - day, now + day, now + 2 * day),
        "voting": (now - 2 * day, now - day, now + day),
        "closed": (now - 3 * day, now - 2 * day, now - day),
    }[phase]
    issue_round, _created = IssueRound.objects.get_or_create(
        slug=slug,
        defaults={
            "region": _deir(),
            "title_en": f"Test {phase}",
            "proposals_open_at": times[0],
            "voting_opens_at": times[1],
            "closes_at": times[2],
        },
    )
    return issue_round


def _closed_round_with_a_vote():
    issue_round = _round("test-closed", "closed")
    if not issue_round.proposals.exists():
        proposal = IssueProposal.objects.create(
            round=issue_round, organisation=Organisation.objects.get(slug="deirna"), title="Water", problem="Dry"
        )
        Ballot.objects.create(round=issue_round, organisation=_astefir()).approvals.set([proposal])
    return issue_round


def _voting_round_with_a_proposal():
    issue_round = _round("test-voting", "voting")
    if not issue_round.proposals.exists():
        IssueProposal.objects.create(
            round=issue_round, organisation=Organisation.objects.get(slug="deirna"), title="Water", problem="Dry"
        )
    return issue_round


def _statement():
    return Statement.objects.get(slug=STATEMENT)


def _with_a_draft():
    statement = _statement()
    if not statement.versions.filter(frozen_at__isnull=True).exists():
        campaign_services.statement_draft(
            actor=person("tech_officer"), statement=statement, texts={"en": "A second version of the text."}
        )
    return {"slug": STATEMENT}


def _named_signature():
    return _statement().current_version().signatures.filter(visibility=Signature.Visibility.NAMED).order_by("pk")[0]


def _astefir_signature():
    return Signature.objects.get(organisation__slug=ORG, version=_statement().current_version())


def _without_astefir_signature():
    Signature.objects.filter(organisation__slug=ORG).delete()
    return {"slug": STATEMENT}


def _sign_data():
    version = _statement().current_version()
    return {
        "organisation": _astefir().pk,
        "visibility": Signature.Visibility.NAMED,
        "password": PASSWORD,
        "version": version.pk,
        "fingerprint": version.fingerprint,
    }


def _follow_up():
    return FollowUp.objects.filter(meeting__campaign__slug=CAMPAIGN).order_by("pk")[0]


def _draft_statement():
    statement = campaign_services.statement_save(
        actor=person("tech_officer"), statement=Statement(), fields={"slug": "test-draft", "title_en": "Draft"}
    )
    campaign_services.statement_draft(actor=person("tech_officer"), statement=statement, texts={"en": "Not yet."})
    return {"slug": statement.slug}


# newsletters


def _activity_data(title):
    return {
        "title": title,
        "summary": "Thirty people discussed water.",
        "language": "en",
        "happened_on": "2023-02-20",
        "kind": "video",
        "url": "https://video.example/hajin",
    }


def _waiting_activity():
    activity = Activity.objects.create(
        organisation=_astefir(), title="Waiting in the views table", happened_on="2023-03-02", url="https://x.org"
    )
    return {"pk": activity.pk}


def _news_data(slug, title):
    data = {f"{field}_{code}": "" for field in ("title", "body") for code in ("ar", "ku", "syr", "en")}
    data.update(slug=slug, title_en=title, body_en="Text.", original_language="en", published_on="2023-03-01")
    return data


def _draft_issue():
    issue = Issue.objects.filter(number=8).first()
    if issue is None:
        issue = newsletter_services.issue_start(
            actor=person("tech_officer"),
            number=8,
            title={"en": "March"},
            period_start=datetime.date(2023, 2, 1),
            period_end=datetime.date(2023, 2, 28),
        )
    return issue


def _entry_to_remove():
    issue = _draft_issue()
    news = NewsItem.objects.create(slug="views-table-news", title_en="An entry of the views table")
    return {"number": issue.number, "pk": IssueEntry.objects.create(issue=issue, news=news, order=999).pk}


def _reader():
    Subscriber.objects.get_or_create(email="reader@example.org", defaults={"confirmed_at": timezone.now()})
    return {"number": 7}


def _held_comment():
    comment = Comment.objects.create(
        news=NewsItem.objects.get(slug="here-is-syria"), name="Held", email="held@example.org", body="Hello"
    )
    return {"pk": comment.pk}


def _own_comment():
    comment = Comment.objects.create(
        news=NewsItem.objects.get(slug="here-is-syria"), name="Mine", email="mine@example.org", body="Hello"
    )
    return {"token": comment.deletion_token}


def _subscriber():
    subscriber, _created = Subscriber.objects.get_or_create(
        email="reader@example.org", defaults={"confirmed_at": timezone.now(), "language": "en"}
    )
    return {"token": subscriber.token}


def _application_data():
    return {
        "name_ar": "جمعية نور الفرات",
        "name_en": "Nour Al-Furat Association",
        "acronym": "NFA",
        "region": Region.objects.get(slug="euphrates").pk,
        "sectors": [Sector.objects.get(slug="women").pk],
        "founded_on": "2019-03-01",
        "description": "We run literacy classes for women in Tabqa.",
        "contact_name": "Layla Example",
        "contact_email": "layla@example.org",
        "contact_phone": "",
        "message": "",
        "consent": "on",
        "homepage": "",
    }


# appeals (the rows of tests/test_appeals.py)

APPEAL = "here-is-syria"
APPEAL_TOKEN = "a-handover-token-of-the-views-table"
APPEAL_UUID = "6b1f9c1e-4e0c-4a43-9a55-2f5e8d9c0a11"


def _open_appeal():
    Appeal.objects.filter(slug=APPEAL).update(status=Appeal.Status.OPEN)
    return Appeal.objects.get(slug=APPEAL)


def _appeal_point(slug="astefir-al-zour"):
    return CollectionPoint.objects.get(appeal__slug=APPEAL, organisation__slug=slug)


def _appeal_item(name="Blanket"):
    return Item.objects.get(name_en=name)


def _open_point():
    _open_appeal()
    return {"code": _appeal_point().code}


def _entry_to_reverse():
    _open_appeal()
    entry = StockEntry.objects.create(
        point=_appeal_point(), item=_appeal_item(), quantity=7, kind="intake", created_by=person("astefir_editor")
    )
    return {"code": _appeal_point().code, "ledger": "stock", "pk": entry.pk}


def _second_convoy():
    return Convoy.objects.get(appeal__slug=APPEAL, number=2)


def _loading_truck():
    return _second_convoy().trucks.order_by("pk").last()


def _unconfirmed_transfer():
    transfer = CashTransfer.objects.create(
        point=_appeal_point(),
        partner=Partner.objects.first(),
        method="bank",
        amount=1,
        currency="USD",
        reference="views-table",
    )
    return {"slug": APPEAL, "code": transfer.code}


def _handover_link():
    convoy = _second_convoy()
    Convoy.objects.filter(pk=convoy.pk).update(status=Convoy.Status.ARRIVED)
    Handover.objects.create(
        convoy=convoy, token_hash=hash_token(APPEAL_TOKEN), expires_at=timezone.now() + datetime.timedelta(days=1)
    )
    return {"token": APPEAL_TOKEN}


def _handover_data():
    lines = ManifestLine.objects.filter(truck__convoy=_second_convoy())
    return {"received_by": "Receiver of the views table", **{f"line_{line.pk}": "received" for line in lines}}


def _cash_link():
    CashTransfer.objects.create(
        point=_appeal_point(),
        partner=Partner.objects.first(),
        method="hawala",
        amount=1,
        currency="USD",
        token_hash=hash_token(APPEAL_TOKEN),
        token_expires_at=timezone.now() + datetime.timedelta(days=1),
    )
    return {"token": APPEAL_TOKEN}


COORDINATE = {"may": "tech_officer", "read_only": "astefir_admin", "outsider": "deirna_admin"}
OUTBOX_ID = "5e1f0c1e-0ff1-4e00-8000-00000000cafe"
REFUSED_ID = "5e1f0c1e-0ff1-4e00-8000-00000000dead"
# A record is sealed for the person who made it: anyone else sending it is told it waits for that person (409).
OUTBOX_NOTE = (
    "records are sealed for the person who made them: another person's sending answers 409 and changes nothing "
    "(the role checks of the form's own view are tested in test_offline.py); JSON 401 to anonymous senders"
)


def _outbox_record(**fields):
    return intake_record(person("astefir_editor"), _appeal_point(), client_id=OUTBOX_ID, **fields)


def _refused_record():
    _open_appeal()
    OutboxReceipt.objects.create(
        user=person("astefir_editor"), client_id=REFUSED_ID, kind="intake", status="refused", message="No."
    )
    return {}


POINT_PEOPLE = {"may": "astefir_editor", "read_only": "astefir_delegate", "outsider": "deirna_admin"}

# --- the table ---------------------------------------------------------------------------------------------------

# trainings

HAJIN_WORKSHOP = "aso-advocacy-hajin"


def _draft_questionnaire():
    questionnaire, _created = Questionnaire.objects.get_or_create(
        slug="views-table-draft", version=1, defaults={"title_en": "A draft of the views table"}
    )
    return {"slug": questionnaire.slug, "version": 1}


def _training_round():
    now = timezone.now()
    training_round = TrainingRound.objects.create(
        slug="views-table-edit",
        questionnaire=Questionnaire.objects.get(slug="training-needs", version=1),
        title_en="A round of the views table",
        opens_at=now + datetime.timedelta(days=1),
        closes_at=now + datetime.timedelta(days=2),
    )
    training_round.regions.set([_deir()])
    return {"slug": training_round.slug}


def _round_data(slug, title):
    return {
        "slug": slug,
        "questionnaire": Questionnaire.objects.get(slug="training-needs", version=1).pk,
        "title_en": title,
        "regions": [_deir().pk],
        "opens_at": "2030-01-01T00:00",
        "closes_at": "2030-02-01T00:00",
    }


def _hajin_workshop_data():
    workshop = Workshop.objects.get(slug=HAJIN_WORKSHOP)
    return {
        "slug": HAJIN_WORKSHOP,
        "title_en": CHANGED,
        "topic": "advocacy",
        "need_round": workshop.need_round_id,
        "organiser_kind": "member",
        "organiser_organisation": workshop.organiser_organisation_id,
        "project": workshop.project_id,
        "venue": workshop.venue_id,
        "completion_percent": 100,
        "published": "on",
        "original_language": "en",
        "dates": "\n".join(d.date.isoformat() for d in workshop.days.all()),
    }


def _fatima_without_certificate():
    Certificate.objects.filter(trainee__name="Fatima Example (demo)").delete()
    return {"slug": HAJIN_WORKSHOP}


def _fatima_certified():
    return Certificate.objects.filter(trainee__name="Fatima Example (demo)").exists()


OFFICE = {"may": "tech_officer", "read_only": "astefir_admin", "outsider": "deirna_admin", "office": True}

TABLE = _table(
    # places
    Case(
        "places:office_communities",
        dict,
        lambda: {"parent": _hajin().pk, "name_ar": "الشعفة", "name_en": "Al-Shafah"},
        action=AuditEvent.Action.COMMUNITY_ADDED,
        happened=lambda: Place.objects.filter(level=4, name_en="Al-Shafah", parent__pcode="SY090201").exists(),
        shows_a_form=True,
        **OFFICE,
    ),
    Case(
        "places:request",
        dict,
        lambda: {"name": "Tal Ahmar", "parent": _hajin().pk, "note": "A village east of Hajin."},
        may="astefir_editor",
        read_only=None,
        outsider=None,
        action=AuditEvent.Action.PLACE_REQUESTED,
        happened=lambda: PlaceRequest.objects.filter(name="Tal Ahmar").exists(),
        shows_a_form=True,
        note="Anyone signed in may ask the technical team for a place the picker does not know: there is no "
        "insider without a role and no outsider; an anonymous visitor is sent to sign in.",
    ),
    Case(
        "places:office_request_decline",
        lambda: {"pk": PlaceRequest.objects.create(name="Nowhere", requested_by=person("astefir_editor")).pk},
        lambda: {"reason": "It is outside Syria."},
        action=AuditEvent.Action.PLACE_REQUEST_DECLINED,
        happened=lambda: PlaceRequest.objects.filter(name="Nowhere", status=PlaceRequest.Status.DECLINED).exists(),
        **OFFICE,
    ),
    # coalition
    Case(
        "coalition:office_region_edit",
        lambda: {"slug": "raqqa"},
        lambda: {"name_ar": "الرقة", "name_en": "Raqqa city", "name_ku": "Reqa", "name_syr": "ܪܩܐ", "order": 1},
        action=AuditEvent.Action.REGION_UPDATED,
        happened=lambda: Region.objects.get(slug="raqqa").name_en == "Raqqa city",
        shows_a_form=True,
        **OFFICE,
    ),
    Case(
        "coalition:office_body_new",
        dict,
        lambda: {"slug": "election-committee", "kind": "operational_body", "name_en": "Election Committee", "order": 9},
        action=AuditEvent.Action.BODY_CREATED,
        happened=lambda: Body.objects.filter(slug="election-committee").exists(),
        shows_a_form=True,
        **OFFICE,
    ),
    Case(
        "coalition:office_body_edit",
        lambda: {"slug": "general-board"},
        lambda: {"slug": "general-board", "kind": "general_board", "name_en": CHANGED, "order": 1},
        action=AuditEvent.Action.BODY_UPDATED,
        happened=lambda: Body.objects.get(slug="general-board").name_en == CHANGED,
        shows_a_form=True,
        **OFFICE,
    ),
    # members: the public application
    Case(
        "members:apply",
        dict,
        _application_data,
        may=ANONYMOUS,
        read_only=None,
        outsider=None,
        action=AuditEvent.Action.APPLICATION_SUBMITTED,
        happened=lambda: Organisation.objects.filter(
            name_en="Nour Al-Furat Association", status=Organisation.Status.APPLICANT
        ).exists(),
        shows_a_form=True,
        public=True,
        note="An organisation applies to join before anyone there has an account: the form is open to all.",
    ),
    # members: an organisation's own people
    Case(
        "members:edit_profile",
        lambda: {"slug": ORG},
        lambda: {
            "name_ar": "منظمة عصافير الزور",
            "name_en": "Astefir Al-Zour Organization",
            "original_language": "en",
            "sectors": [],
            "publish_website": "on",
            "description_en": CHANGED,
        },
        may="astefir_editor",
        read_only="astefir_delegate",
        outsider="deirna_admin",
        action=AuditEvent.Action.ORGANISATION_UPDATED,
        happened=lambda: _astefir().description_en == CHANGED,
        shows_a_form=True,
    ),
    Case(
        "members:people",
        lambda: {"slug": ORG},
        lambda: {"email": "new.person@example.org", "role": "editor", "language": "en"},
        may="astefir_admin",
        read_only="astefir_editor",
        outsider="deirna_admin",
        action=AuditEvent.Action.AFFILIATION_INVITED,
        happened=lambda: Invitation.objects.filter(email="new.person@example.org", role="editor").exists(),
        shows_a_form=True,
    ),
    Case(
        "members:people_remove",
        lambda: {"slug": ORG, "pk": _signatory_affiliation().pk},
        dict,
        may="astefir_admin",
        read_only="astefir_editor",
        outsider="deirna_admin",
        action=AuditEvent.Action.AFFILIATION_REMOVED,
        happened=lambda: (
            not Affiliation.objects.filter(
                organisation__slug=ORG, person__email=PERSONAS["astefir_delegate"], role="signatory"
            ).exists()
        ),
    ),
    Case(
        "members:language",
        dict,
        lambda: {"language": "ku"},
        may="astefir_editor",
        read_only=None,
        outsider=None,
        action=None,
        happened=lambda: person("astefir_editor").language == "ku",
        note="The language of the person's own emails: anyone signed in sets theirs, and only theirs; a preference, "
        "not a consequential write, so not audited.",
    ),
    Case(
        "members:invitation_resend",
        _waiting_invitation,
        dict,
        may="astefir_admin",
        read_only="astefir_editor",
        outsider="deirna_admin",
        action=AuditEvent.Action.AFFILIATION_INVITED,
        happened=lambda: not Invitation.objects.filter(token_hash=Invitation.hash_token("a-token-to-replace")).exists(),
    ),
    Case(
        "members:invitation_cancel",
        _waiting_invitation,
        dict,
        may="astefir_admin",
        read_only="astefir_editor",
        outsider="deirna_admin",
        action=AuditEvent.Action.AFFILIATION_INVITATION_CANCELLED,
        happened=lambda: Invitation.objects.filter(
            email="invited@example.org", status=Invitation.Status.CANCELLED
        ).exists(),
    ),
    Case(
        "members:invitation",
        _invitation_to_nobody,
        dict,
        may="nobody",
        read_only=None,
        outsider="deirna_admin",
        action=AuditEvent.Action.AFFILIATION_ADDED,
        happened=lambda: Affiliation.objects.filter(
            person__email="nobody@example.org", organisation__slug=ORG, role=Affiliation.Role.EDITOR
        ).exists(),
        shows_a_form=True,
        outsider_status=200,
        anonymous_status=200,
        note="The emailed link is the key: whoever opens it sees the invitation. Signed in with another address "
        "(outsider) the page says so and accepts nothing (200); not signed in, while the address has an account, "
        "it asks to sign in (200). The path that creates an account is in tests/test_security_members.py.",
    ),
    # members: the technical team's office
    Case(
        "members:office_application",
        lambda: {"code": _pending_application().code},
        lambda: {"decision": "accept"},
        action=AuditEvent.Action.APPLICATION_ACCEPTED,
        happened=lambda: Organisation.objects.get(slug="furat-youth-initiative").status == Organisation.Status.MEMBER,
        shows_a_form=True,
        **OFFICE,
    ),
    Case(
        "members:office_application_resend",
        _rejected_application,
        dict,
        action=AuditEvent.Action.APPLICATION_EMAIL_RESENT,
        happened=lambda: _pending_application().email_sent_at is not None,
        **OFFICE,
    ),
    Case(
        "members:office_organisation",
        lambda: {"slug": "bedaya"},
        lambda: {"status": "suspended", "reason": "Test."},
        action=AuditEvent.Action.ORGANISATION_STATUS_CHANGED,
        happened=lambda: Organisation.objects.get(slug="bedaya").status == Organisation.Status.SUSPENDED,
        shows_a_form=True,
        **OFFICE,
    ),
    Case(
        "members:office_name_change",
        _name_change,
        _name_change_decision,
        action=AuditEvent.Action.ORGANISATION_RENAME_ACCEPTED,
        happened=lambda: _astefir().name_en == "Astefir Renamed by the Views Table",
        **OFFICE,
    ),
    Case(
        "members:office_body",
        lambda: {"slug": "general-board"},
        lambda: {
            "person": person("astefir_admin").pk,
            "organisation": _astefir().pk,
            "role": "deputy",
            "starts_on": "2023-01-01",
        },
        action=AuditEvent.Action.MANDATE_ADDED,
        happened=lambda: Mandate.objects.filter(body__slug="general-board", role="deputy").exists(),
        shows_a_form=True,
        **OFFICE,
    ),
    Case(
        "members:office_mandate_end",
        lambda: {"pk": _mandate().pk},
        lambda: {"ends_on": "2024-01-01", "reason": "Resigned."},
        action=AuditEvent.Action.MANDATE_ENDED,
        happened=lambda: _mandate().ends_on is not None,
        **OFFICE,
    ),
    # projects: an organisation's editors
    Case(
        "projects:create",
        lambda: {"slug": ORG},
        lambda: _project_form("Created by the views table"),
        may="astefir_editor",
        read_only="astefir_delegate",
        outsider="deirna_admin",
        action=AuditEvent.Action.PROJECT_CREATED,
        happened=lambda: Project.objects.filter(organisation__slug=ORG, title_en="Created by the views table").exists(),
        shows_a_form=True,
    ),
    Case(
        "projects:paste",
        lambda: {"slug": ORG},
        lambda: {"text": PASTED, "choose": "0"},
        may="astefir_editor",
        read_only="astefir_delegate",
        outsider="deirna_admin",
        action=AuditEvent.Action.PROJECT_EXTRACTED,
        happened=lambda: Project.objects.filter(organisation__slug=ORG, source_text__contains="views table").exists(),
        shows_a_form=True,
    ),
    Case(
        "projects:edit",
        lambda: {"slug": ORG, "code": _project("A draft of the views table").code},
        lambda: _project_form(CHANGED),
        may="astefir_editor",
        read_only="astefir_delegate",
        outsider="deirna_admin",
        action=AuditEvent.Action.PROJECT_UPDATED,
        happened=lambda: Project.objects.filter(organisation__slug=ORG, title_en=CHANGED).exists(),
        shows_a_form=True,
    ),
    Case(
        "projects:submit",
        lambda: {"slug": ORG, "code": _project("A draft of the views table").code},
        dict,
        may="astefir_editor",
        read_only="astefir_delegate",
        outsider="deirna_admin",
        action=AuditEvent.Action.PROJECT_SUBMITTED,
        happened=lambda: Project.objects.filter(
            title_en="A draft of the views table", review_state=Project.Review.SUBMITTED
        ).exists(),
    ),
    Case(
        "projects:delete",
        lambda: {"slug": ORG, "code": _project("A draft the views table deletes").code},
        dict,
        may="astefir_editor",
        read_only="astefir_delegate",
        outsider="deirna_admin",
        action=AuditEvent.Action.PROJECT_DELETED,
        happened=lambda: not Project.objects.filter(title_en="A draft the views table deletes").exists(),
        shows_a_form=True,
        note="a confirmation page first (GET), then the deletion (POST); only drafts never published",
    ),
    # projects: the technical team's review
    Case(
        "projects:office_review",
        lambda: {"code": _project("Submitted by the views table", state=Project.Review.SUBMITTED).code},
        lambda: {"decision": "publish"},
        action=AuditEvent.Action.PROJECT_PUBLISHED,
        happened=lambda: Project.objects.filter(
            title_en="Submitted by the views table", review_state=Project.Review.PUBLISHED
        ).exists(),
        shows_a_form=True,
        **OFFICE,
    ),
    Case(
        "projects:office_revision",
        _published_with_a_change,
        lambda: {"decision": "approve"},
        action=AuditEvent.Action.PROJECT_CHANGE_APPROVED,
        happened=lambda: Project.objects.filter(title_en=CHANGED, review_state=Project.Review.PUBLISHED).exists(),
        **OFFICE,
    ),
    # fourw
    Case(
        "fourw:import",
        dict,
        _uploaded_table,
        may="astefir_editor",
        read_only="astefir_delegate",
        outsider="deirna_admin",
        action=AuditEvent.Action.PROJECT_IMPORTED,
        happened=lambda: Project.objects.filter(title_en="Sessions imported by the views table").exists(),
        shows_a_form=True,
        read_only_status=404,
        outsider_status=200,
        note="The import page is for whoever edits an organisation: anyone else, Astefir's signatory included, gets "
        "404. An admin of another organisation (outsider) may import for their own: the preview refuses the rows "
        "naming Astefir and nothing is written (200).",
    ),
    # appeals: a point's people
    Case(
        "appeals:intake",
        _open_point,
        lambda: {
            "item": _appeal_item().pk,
            "quantity": "4",
            "unit": "piece",
            "condition": "new",
            "client_uuid": APPEAL_UUID,
        },
        action=AuditEvent.Action.APPEAL_INTAKE_RECORDED,
        happened=lambda: StockEntry.objects.filter(client_uuid=APPEAL_UUID).exists(),
        **POINT_PEOPLE,
    ),
    Case(
        "appeals:cash",
        _open_point,
        lambda: {
            "amount": "50",
            "currency": "TRY",
            "usd_rate": "0.053",
            "rate_date": "2023-02-12",
            "client_uuid": APPEAL_UUID,
        },
        action=AuditEvent.Action.APPEAL_CASH_RECORDED,
        happened=lambda: CashEntry.objects.filter(client_uuid=APPEAL_UUID).exists(),
        **POINT_PEOPLE,
    ),
    Case(
        "appeals:point_status",
        _open_point,
        lambda: {"status": "full", "needs_now": "Blankets", "hours": "9–17"},
        action=AuditEvent.Action.APPEAL_POINT_UPDATED,
        happened=lambda: _appeal_point().status == "full",
        **POINT_PEOPLE,
    ),
    Case(
        "appeals:reverse",
        _entry_to_reverse,
        lambda: {"reason": CHANGED},
        action=AuditEvent.Action.APPEAL_ENTRY_REVERSED,
        happened=lambda: StockEntry.objects.filter(kind="reversal", reason=CHANGED).exists(),
        **POINT_PEOPLE,
    ),
    # appeals: the coordinators (the technical team and the appeal's coordinators)
    Case(
        "appeals:convoy_new",
        lambda: {"slug": APPEAL},
        lambda: {"convoy-crossing": "Semalka", "convoy-partner": Partner.objects.first().pk},
        action=AuditEvent.Action.APPEAL_CONVOY_CREATED,
        happened=lambda: Convoy.objects.filter(appeal__slug=APPEAL, number=3).exists(),
        note="An admin of a point's organisation is an insider of the appeal (403); coordinating is not theirs.",
        **COORDINATE,
    ),
    Case(
        "appeals:goods_transfer",
        lambda: {"slug": APPEAL},
        lambda: {
            "move-source": _appeal_point().pk,
            "move-target": _appeal_point("aso-center").pk,
            "move-item": _appeal_item().pk,
            "move-quantity": "1",
        },
        action=AuditEvent.Action.APPEAL_STOCK_TRANSFERRED,
        happened=lambda: StockEntry.objects.filter(kind="transfer_in").exists(),
        **COORDINATE,
    ),
    Case(
        "appeals:cash_send",
        lambda: {"slug": APPEAL},
        lambda: {
            "cash-point": _appeal_point().pk,
            "cash-partner": Partner.objects.first().pk,
            "cash-method": "bank",
            "cash-amount": "10",
            "cash-currency": "USD",
            "cash-usd_rate": "1",
            "cash-rate_date": "2023-02-15",
        },
        action=AuditEvent.Action.APPEAL_CASH_SENT,
        happened=lambda: CashTransfer.objects.filter(method="bank", amount=10).exists(),
        **COORDINATE,
    ),
    Case(
        "appeals:cash_confirm",
        _unconfirmed_transfer,
        dict,
        action=AuditEvent.Action.APPEAL_CASH_SENDER_CONFIRMED,
        happened=lambda: CashTransfer.objects.filter(
            reference="views-table", sender_confirmed_at__isnull=False
        ).exists(),
        **COORDINATE,
    ),
    Case(
        "appeals:truck_add",
        lambda: {"code": _second_convoy().code},
        lambda: {"plate": "VIEWS-TABLE-1", "driver_name": "", "driver_phone": ""},
        action=AuditEvent.Action.APPEAL_TRUCK_ADDED,
        happened=lambda: Truck.objects.filter(plate="VIEWS-TABLE-1").exists(),
        **COORDINATE,
    ),
    Case(
        "appeals:truck_load",
        lambda: {"code": _second_convoy().code, "truck": _loading_truck().code},
        lambda: {
            f"t{_loading_truck().pk}-stock_0": f"{_appeal_point().pk}:{_appeal_item().pk}",
            f"t{_loading_truck().pk}-quantity_0": "1",
        },
        action=AuditEvent.Action.APPEAL_TRUCK_LOADED,
        happened=lambda: ManifestLine.objects.filter(truck=_loading_truck(), quantity=1).exists(),
        **COORDINATE,
    ),
    Case(
        "appeals:convoy_step",
        lambda: {"code": _second_convoy().code, "step": "depart"},
        dict,
        action=AuditEvent.Action.APPEAL_CONVOY_DEPARTED,
        happened=lambda: _second_convoy().status == Convoy.Status.DEPARTED,
        **COORDINATE,
    ),
    # appeals: the receiving partner's one-time links
    Case(
        "appeals:handover",
        _handover_link,
        _handover_data,
        may=ANONYMOUS,
        read_only=None,
        outsider=None,
        action=AuditEvent.Action.APPEAL_HANDOVER_CONFIRMED,
        happened=lambda: Handover.objects.filter(received_by="Receiver of the views table").exists(),
        shows_a_form=True,
        public=True,
        note="The receiving partner has no account: the one-time link is the permission (rate-limited).",
    ),
    Case(
        "appeals:cash_receive",
        _cash_link,
        lambda: {"received_by": "Receiver of the views table"},
        may=ANONYMOUS,
        read_only=None,
        outsider=None,
        action=AuditEvent.Action.APPEAL_CASH_RECEIVED,
        happened=lambda: CashTransfer.objects.filter(received_by="Receiver of the views table").exists(),
        shows_a_form=True,
        public=True,
        note="The receiver has no account: the one-time link is the permission (rate-limited).",
    ),
    # appeals: the technical team's office
    Case(
        "appeals:office_appeal_new",
        dict,
        lambda: {
            "slug": "views-table-appeal",
            "title_en": "An appeal of the views table",
            "opens_on": "2026-01-01",
            "cash_currency": "USD",
            "original_language": "en",
        },
        action=AuditEvent.Action.APPEAL_CREATED,
        happened=lambda: Appeal.objects.filter(slug="views-table-appeal").exists(),
        shows_a_form=True,
        **OFFICE,
    ),
    Case(
        "appeals:office_appeal",
        lambda: {"slug": APPEAL},
        lambda: {
            "slug": APPEAL,
            "title_en": CHANGED,
            "opens_on": "2023-02-09",
            "cash_currency": "USD",
            "original_language": "ar",
        },
        action=AuditEvent.Action.APPEAL_UPDATED,
        happened=lambda: Appeal.objects.get(slug=APPEAL).title_en == CHANGED,
        shows_a_form=True,
        **OFFICE,
    ),
    Case(
        "appeals:office_close",
        lambda: {"slug": _open_appeal().slug},
        dict,
        action=AuditEvent.Action.APPEAL_CLOSED,
        happened=lambda: Appeal.objects.get(slug=APPEAL).status == Appeal.Status.CLOSED,
        **OFFICE,
    ),
    Case(
        "appeals:office_need",
        lambda: {"slug": APPEAL},
        lambda: {"item": _appeal_item("Heater").pk, "priority": "urgent"},
        action=AuditEvent.Action.APPEAL_NEED_SAVED,
        happened=lambda: Need.objects.filter(item__name_en="Heater", priority="urgent").exists(),
        **OFFICE,
    ),
    Case(
        "appeals:office_point_new",
        lambda: {"slug": APPEAL},
        lambda: {
            "organisation": Organisation.objects.get(slug="deirna").pk,
            "place": Place.objects.get(pcode="SY090100").pk,
            "opened_on": "2023-02-09",
        },
        action=AuditEvent.Action.APPEAL_POINT_CREATED,
        happened=lambda: CollectionPoint.objects.filter(organisation__slug="deirna").exists(),
        shows_a_form=True,
        **OFFICE,
    ),
    Case(
        "appeals:office_coordinator",
        lambda: {"slug": APPEAL},
        lambda: {"email": PERSONAS["astefir_delegate"]},
        action=AuditEvent.Action.APPEAL_COORDINATOR_ADDED,
        happened=lambda: (
            Appeal.objects.get(slug=APPEAL).coordinators.filter(email=PERSONAS["astefir_delegate"]).exists()
        ),
        **OFFICE,
    ),
    Case(
        "appeals:office_partner_new",
        dict,
        lambda: {"partner-name_en": "Partner of the views table", "partner-original_language": "en"},
        action=AuditEvent.Action.APPEAL_PARTNER_ADDED,
        happened=lambda: Partner.objects.filter(name_en="Partner of the views table").exists(),
        **OFFICE,
    ),
    Case(
        "appeals:office_item_new",
        dict,
        lambda: {
            "item-name_en": "Item of the views table",
            "item-category": "other",
            "item-unit": "kg",
            "item-kg_per_unit": "1",
            "item-original_language": "en",
        },
        action=AuditEvent.Action.APPEAL_ITEM_ADDED,
        happened=lambda: Item.objects.filter(name_en="Item of the views table").exists(),
        **OFFICE,
    ),
    # campaigns: the technical team's office
    Case(
        "campaigns:statement_new",
        dict,
        lambda: {"slug": "test-statement", "title_en": "A statement of the test", "original_language": "en"},
        action=AuditEvent.Action.STATEMENT_CREATED,
        happened=lambda: Statement.objects.filter(slug="test-statement").exists(),
        shows_a_form=True,
        **OFFICE,
    ),
    Case(
        "campaigns:statement_edit",
        lambda: {"slug": STATEMENT},
        lambda: {
            "slug": STATEMENT,
            "campaign": Campaign.objects.get(slug=CAMPAIGN).pk,
            "title_ar": _statement().title_ar,
            "title_en": CHANGED,
            "original_language": "ar",
        },
        action=AuditEvent.Action.STATEMENT_UPDATED,
        happened=lambda: _statement().title_en == CHANGED,
        shows_a_form=True,
        **OFFICE,
    ),
    Case(
        "campaigns:statement_text",
        lambda: {"slug": STATEMENT},
        lambda: {"text_en": "A draft by the test."},
        action=AuditEvent.Action.STATEMENT_DRAFTED,
        happened=lambda: _statement().versions.filter(frozen_at__isnull=True, text_en="A draft by the test.").exists(),
        **OFFICE,
    ),
    Case(
        "campaigns:statement_freeze",
        _with_a_draft,
        dict,
        action=AuditEvent.Action.STATEMENT_VERSION_FROZEN,
        happened=lambda: _statement().current_version().number == 2,
        **OFFICE,
    ),
    Case(
        "campaigns:statement_publish",
        lambda: {"slug": STATEMENT},
        lambda: {"confirm": "on"},
        action=AuditEvent.Action.STATEMENT_PUBLISHED,
        happened=lambda: _statement().status == Statement.Status.PUBLISHED,
        **OFFICE,
    ),
    Case(
        "campaigns:takedown",
        lambda: {"code": _named_signature().code},
        lambda: {"reason": "Safety of its staff."},
        action=AuditEvent.Action.STATEMENT_SIGNATURE_TAKEN_DOWN,
        happened=lambda: Signature.objects.filter(
            takedown_reason="Safety of its staff.", taken_down_at__isnull=False
        ).exists(),
        **OFFICE,
    ),
    Case(
        "campaigns:round_new",
        dict,
        lambda: {
            "slug": "test-new-round",
            "region": _deir().pk,
            "title_en": "A round of the test",
            "proposals_open_at": "2030-01-01T00:00",
            "voting_opens_at": "2030-01-02T00:00",
            "closes_at": "2030-01-03T00:00",
        },
        action=AuditEvent.Action.ROUND_CREATED,
        happened=lambda: IssueRound.objects.filter(slug="test-new-round").exists(),
        shows_a_form=True,
        **OFFICE,
    ),
    Case(
        "campaigns:round_edit",
        lambda: {"slug": _round("test-scheduled", "scheduled").slug},
        lambda: {
            "slug": "test-scheduled",
            "region": _deir().pk,
            "title_en": CHANGED,
            "proposals_open_at": "2030-01-01T00:00",
            "voting_opens_at": "2030-01-02T00:00",
            "closes_at": "2030-01-03T00:00",
        },
        action=AuditEvent.Action.ROUND_UPDATED,
        happened=lambda: IssueRound.objects.get(slug="test-scheduled").title_en == CHANGED,
        shows_a_form=True,
        **OFFICE,
    ),
    Case(
        "campaigns:round_conclude",
        lambda: {"slug": _closed_round_with_a_vote().slug},
        dict,
        action=AuditEvent.Action.ROUND_CONCLUDED,
        happened=lambda: IssueRound.objects.get(slug="test-closed").concluded_at is not None,
        **OFFICE,
    ),
    Case(
        "campaigns:campaign_new",
        dict,
        lambda: {
            "slug": "test-campaign",
            "title_en": "A campaign of the test",
            "original_language": "en",
            "regions": [_deir().pk],
            "status": Campaign.Status.PREPARING,
        },
        action=AuditEvent.Action.CAMPAIGN_CREATED,
        happened=lambda: Campaign.objects.filter(slug="test-campaign").exists(),
        shows_a_form=True,
        **OFFICE,
    ),
    Case(
        "campaigns:campaign_edit",
        lambda: {"slug": CAMPAIGN},
        lambda: {
            "slug": CAMPAIGN,
            "title_en": CHANGED,
            "original_language": "en",
            "regions": [_deir().pk],
            "organisations": list(Campaign.objects.get(slug=CAMPAIGN).organisations.values_list("pk", flat=True)),
            "status": Campaign.Status.ACTIVE,
        },
        action=AuditEvent.Action.CAMPAIGN_UPDATED,
        happened=lambda: Campaign.objects.get(slug=CAMPAIGN).title_en == CHANGED,
        shows_a_form=True,
        **OFFICE,
    ),
    Case(
        "campaigns:event_new",
        lambda: {"slug": CAMPAIGN},
        lambda: {
            "kind": TimelineEvent.Kind.EVIDENCE,
            "happened_on": "2023-05-01",
            "title_en": "Evidence added by the test",
            "original_language": "en",
        },
        action=AuditEvent.Action.CAMPAIGN_EVENT_ADDED,
        happened=lambda: TimelineEvent.objects.filter(title_en="Evidence added by the test").exists(),
        shows_a_form=True,
        **OFFICE,
    ),
    # campaigns: the campaign's team, any role in one of its organisations (and the technical team)
    Case(
        "campaigns:meeting_new",
        lambda: {"slug": CAMPAIGN},
        lambda: {"held_on": "2023-03-01", "authority": "Committee of the test"},
        may="astefir_admin",
        read_only=None,
        outsider="aljazira",
        action=AuditEvent.Action.CAMPAIGN_MEETING_RECORDED,
        happened=lambda: Meeting.objects.filter(authority="Committee of the test").exists(),
        shows_a_form=True,
        note="Every role of a campaign's organisations is on its team: there is no read-only insider.",
    ),
    Case(
        "campaigns:follow_up_status",
        lambda: {"slug": CAMPAIGN, "code": _follow_up().code},
        lambda: {"status": FollowUp.Status.KEPT},
        may="astefir_admin",
        read_only=None,
        outsider="aljazira",
        action=AuditEvent.Action.CAMPAIGN_FOLLOW_UP_STATUS,
        happened=lambda: _follow_up().status == FollowUp.Status.KEPT,
        note="Every role of a campaign's organisations is on its team: there is no read-only insider.",
    ),
    # campaigns: an organisation's people act on public statements and rounds (issue 10, #17)
    Case(
        "campaigns:sign",
        _without_astefir_signature,
        _sign_data,
        may="astefir_delegate",
        read_only="astefir_editor",
        outsider="nobody",
        action=AuditEvent.Action.STATEMENT_SIGNED,
        happened=lambda: Signature.objects.filter(
            organisation__slug=ORG, version=_statement().current_version()
        ).exists(),
        shows_a_form=True,
        outsider_status=403,
        hidden=_draft_statement,
        note="A published statement is public: whoever has no organisation to sign for gets 403; a draft is 404.",
    ),
    Case(
        "campaigns:withdraw",
        lambda: {"slug": STATEMENT, "code": _astefir_signature().code},
        lambda: {"reason": "Changed position."},
        may="astefir_delegate",
        read_only="astefir_editor",
        outsider="deirna_admin",
        action=AuditEvent.Action.STATEMENT_SIGNATURE_REMOVED,
        happened=lambda: (
            not Signature.objects.filter(organisation__slug=ORG, version=_statement().current_version()).exists()
        ),
        read_only_status=404,
        note="An organisation's signature is 404 to anyone who may not withdraw it, its editor included.",
    ),
    Case(
        "campaigns:propose",
        lambda: {"slug": _round("test-proposing", "proposing").slug},
        lambda: {"organisation": _astefir().pk, "title": "An issue of the test", "problem": "A problem."},
        may="astefir_editor",
        read_only="signer_only",
        outsider="aljazira",
        action=AuditEvent.Action.ROUND_PROPOSAL_SUBMITTED,
        happened=lambda: IssueProposal.objects.filter(title="An issue of the test").exists(),
        outsider_status=403,
        hidden=lambda: {"slug": "no-such-round"},
        note="A round is public: an editor of another region gets 403; a round that does not exist is 404.",
    ),
    Case(
        "campaigns:vote",
        lambda: {"slug": _voting_round_with_a_proposal().slug},
        lambda: {
            "organisation": _astefir().pk,
            "approvals": list(IssueProposal.objects.filter(round__slug="test-voting").values_list("pk", flat=True)),
        },
        may="astefir_delegate",
        read_only="astefir_editor",
        outsider="aljazira",
        action=AuditEvent.Action.ROUND_BALLOT_CAST,
        happened=lambda: Ballot.objects.filter(round__slug="test-voting", organisation__slug=ORG).exists(),
        outsider_status=403,
        hidden=lambda: {"slug": "no-such-round"},
        note="A round is public: an editor of another region gets 403; a round that does not exist is 404.",
    ),
    # newsletters: the public's own subscriptions and comments (not audited: they carry their own dates and consent)
    Case(
        "newsletters:comment",
        lambda: {"kind": "news", "key": "here-is-syria"},
        lambda: {"name": "Layla", "email": "layla@example.org", "body": "Thank you all!", "consent": "on"},
        may=ANONYMOUS,
        read_only=None,
        outsider=None,
        action=None,
        happened=lambda: Comment.objects.filter(email="layla@example.org").exists(),
        public=True,
        note="Readers comment without an account; comments are held for moderation.",
    ),
    Case(
        "newsletters:comment_delete",
        _own_comment,
        dict,
        may=ANONYMOUS,
        read_only=None,
        outsider=None,
        action=None,
        happened=lambda: not Comment.objects.filter(email="mine@example.org").exists(),
        shows_a_form=True,
        public=True,
        success_status=200,
        note="The emailed link's token is the key; the page says the comment was deleted (200).",
    ),
    Case(
        "newsletters:subscribe",
        dict,
        lambda: {"email": "new.reader@example.org", "language": "ku"},
        may=ANONYMOUS,
        read_only=None,
        outsider=None,
        action=None,
        happened=lambda: Subscriber.objects.filter(email="new.reader@example.org").exists(),
        public=True,
        note="Anyone subscribes; the emailed link confirms (double opt-in).",
    ),
    Case(
        "newsletters:unsubscribe",
        _subscriber,
        dict,
        may=ANONYMOUS,
        read_only=None,
        outsider=None,
        action=None,
        happened=lambda: Subscriber.objects.filter(email="reader@example.org", unsubscribed_at__isnull=False).exists(),
        shows_a_form=True,
        public=True,
        success_status=200,
        note="The emailed link's token is the key (RFC 8058 one-click, without CSRF); the page says so (200).",
    ),
    Case(
        "newsletters:subscription",
        _subscriber,
        lambda: {"language": "syr"},
        may=ANONYMOUS,
        read_only=None,
        outsider=None,
        action=None,
        happened=lambda: Subscriber.objects.filter(email="reader@example.org", language="syr").exists(),
        shows_a_form=True,
        public=True,
        note="The emailed link's token is the key to the subscriber's own settings.",
    ),
    # newsletters: an organisation's admins and editors
    Case(
        "newsletters:activity_new",
        lambda: {"slug": ORG},
        lambda: _activity_data("Posted by the views table"),
        may="astefir_editor",
        read_only="astefir_delegate",
        outsider="deirna_admin",
        action=AuditEvent.Action.ACTIVITY_POSTED,
        happened=lambda: Activity.objects.filter(title="Posted by the views table").exists(),
        shows_a_form=True,
    ),
    # newsletters: the technical team's office
    Case(
        "newsletters:activity_review",
        _waiting_activity,
        lambda: {"decision": "approve"},
        action=AuditEvent.Action.ACTIVITY_APPROVED,
        happened=lambda: Activity.objects.filter(
            title="Waiting in the views table", review_state=Activity.Review.APPROVED
        ).exists(),
        **OFFICE,
    ),
    Case(
        "newsletters:news_new",
        dict,
        lambda: _news_data("fresh-news", "Fresh news"),
        action=AuditEvent.Action.NEWS_CREATED,
        happened=lambda: NewsItem.objects.filter(slug="fresh-news").exists(),
        shows_a_form=True,
        **OFFICE,
    ),
    Case(
        "newsletters:news_edit",
        lambda: {"slug": "here-is-syria"},
        lambda: _news_data("here-is-syria", CHANGED),
        action=AuditEvent.Action.NEWS_UPDATED,
        happened=lambda: NewsItem.objects.get(slug="here-is-syria").title_en == CHANGED,
        shows_a_form=True,
        **OFFICE,
    ),
    Case(
        "newsletters:issue_start",
        dict,
        lambda: {
            "number": 9,
            "title_ar": "آذار",
            "title_en": "March",
            "period_start": "2023-03-01",
            "period_end": "2023-03-31",
        },
        action=AuditEvent.Action.NEWSLETTER_STARTED,
        happened=lambda: Issue.objects.filter(number=9).exists(),
        **OFFICE,
    ),
    Case(
        "newsletters:issue_edit",
        lambda: {"number": _draft_issue().number},
        lambda: {"introduction_ar": "", "introduction_ku": "", "introduction_syr": "", "introduction_en": CHANGED},
        action=AuditEvent.Action.NEWSLETTER_INTRODUCTION,
        happened=lambda: Issue.objects.get(number=8).introduction_en == CHANGED,
        shows_a_form=True,
        **OFFICE,
    ),
    Case(
        "newsletters:entry_action",
        _entry_to_remove,
        lambda: {"action": "remove"},
        action=AuditEvent.Action.NEWSLETTER_ENTRY_REMOVED,
        happened=lambda: not IssueEntry.objects.filter(news__slug="views-table-news").exists(),
        note="Moving an entry up or down (the other actions) is the editor's draft and is not audited.",
        **OFFICE,
    ),
    Case(
        "newsletters:issue_publish",
        lambda: {"number": _draft_issue().number},
        dict,
        action=AuditEvent.Action.NEWSLETTER_PUBLISHED,
        happened=lambda: Issue.objects.get(number=8).status == Issue.Status.PUBLISHED,
        **OFFICE,
    ),
    Case(
        "newsletters:issue_send",
        _reader,
        dict,
        action=AuditEvent.Action.NEWSLETTER_QUEUED,
        happened=lambda: Issue.objects.get(number=7).deliveries.filter(subscriber__email="reader@example.org").exists(),
        **OFFICE,
    ),
    Case(
        "newsletters:comment_moderate",
        _held_comment,
        lambda: {"decision": "approve"},
        action=AuditEvent.Action.COMMENT_APPROVED,
        happened=lambda: Comment.objects.filter(email="held@example.org", status=Comment.Status.APPROVED).exists(),
        **OFFICE,
    ),
    Case(
        "newsletters:contact_subscribe",
        dict,
        lambda: {"email": "contact@ngo.example", "language": "ar", "consent_note": "Agreed by phone"},
        action=AuditEvent.Action.NEWSLETTER_CONTACT_SUBSCRIBED,
        happened=lambda: Subscriber.objects.filter(email="contact@ngo.example").exists(),
        **OFFICE,
    ),
    # trainings: an organisation answers a needs round, a trainer records a day (issue 15)
    Case(
        "trainings:answer",
        lambda: {"slug": "training-needs-2026", "organisation": ORG},
        lambda: {"topics": ["advocacy"], "format": "workshop", "experience": "2"},
        may="astefir_editor",
        read_only="signer_only",
        outsider="aljazira",
        action=AuditEvent.Action.TRAINING_RESPONSE_SUBMITTED,
        happened=lambda: (
            TrainingRound.objects.get(slug="training-needs-2026").responses.filter(organisation__slug=ORG).exists()
        ),
        shows_a_form=True,
    ),
    Case(
        "trainings:attendance_day",
        lambda: {"slug": HAJIN_WORKSHOP, "date": "2021-11-16"},
        lambda: {"present": list(Trainee.objects.filter(workshop__slug=HAJIN_WORKSHOP).values_list("pk", flat=True))},
        may="astefir_editor",
        read_only=None,
        outsider="deirna_admin",
        action=AuditEvent.Action.TRAINING_ATTENDANCE_RECORDED,
        happened=lambda: (
            Trainee.objects.get(name="Mustafa Example (demo)")
            .attendances.filter(day__date=datetime.date(2021, 11, 16))
            .exists()
        ),
        shows_a_form=True,
        note="A workshop's attendance is its trainers' (and the technical team's): there is no read-only insider.",
    ),
    # trainings: the technical team's office
    Case(
        "trainings:questionnaire_new",
        dict,
        lambda: {"slug": "views-table-questionnaire", "title_en": "A questionnaire", "original_language": "en"},
        action=AuditEvent.Action.TRAINING_QUESTIONNAIRE_SAVED,
        happened=lambda: Questionnaire.objects.filter(slug="views-table-questionnaire").exists(),
        shows_a_form=True,
        **OFFICE,
    ),
    Case(
        "trainings:questionnaire_edit",
        _draft_questionnaire,
        lambda: {"slug": "views-table-draft", "title_en": CHANGED, "original_language": "en"},
        action=AuditEvent.Action.TRAINING_QUESTIONNAIRE_SAVED,
        happened=lambda: Questionnaire.objects.filter(slug="views-table-draft", title_en=CHANGED).exists(),
        shows_a_form=True,
        **OFFICE,
    ),
    Case(
        "trainings:question_add",
        _draft_questionnaire,
        lambda: {
            "code": "views-table-question",
            "kind": "single",
            "text_en": "Which one?",
            "options_en": "One\nTwo",
            "allow_other": "on",
            "required": "on",
            "scale_max": 5,
        },
        action=AuditEvent.Action.TRAINING_QUESTION_ADDED,
        happened=lambda: Question.objects.filter(code="views-table-question").exists(),
        **OFFICE,
    ),
    Case(
        "trainings:questionnaire_version",
        lambda: {"slug": "training-needs", "version": 1},
        dict,
        action=AuditEvent.Action.TRAINING_QUESTIONNAIRE_VERSIONED,
        happened=lambda: Questionnaire.objects.filter(slug="training-needs", version=2).exists(),
        **OFFICE,
    ),
    Case(
        "trainings:round_new",
        dict,
        lambda: _round_data("views-table-round", "A round of the views table"),
        action=AuditEvent.Action.TRAINING_ROUND_SAVED,
        happened=lambda: TrainingRound.objects.filter(slug="views-table-round").exists(),
        shows_a_form=True,
        **OFFICE,
    ),
    Case(
        "trainings:round_edit",
        _training_round,
        lambda: _round_data("views-table-edit", CHANGED),
        action=AuditEvent.Action.TRAINING_ROUND_SAVED,
        happened=lambda: TrainingRound.objects.filter(slug="views-table-edit", title_en=CHANGED).exists(),
        shows_a_form=True,
        **OFFICE,
    ),
    Case(
        "trainings:workshop_new",
        dict,
        lambda: {
            "slug": "views-table-workshop",
            "title_en": "A workshop of the views table",
            "organiser_kind": "coalition",
            "venue": _hajin().pk,
            "completion_percent": 100,
            "original_language": "en",
            "dates": "2030-01-01\n2030-01-02",
        },
        action=AuditEvent.Action.TRAINING_WORKSHOP_SAVED,
        happened=lambda: Workshop.objects.filter(slug="views-table-workshop", days__isnull=False).exists(),
        shows_a_form=True,
        **OFFICE,
    ),
    Case(
        "trainings:workshop_edit",
        lambda: {"slug": HAJIN_WORKSHOP},
        _hajin_workshop_data,
        action=AuditEvent.Action.TRAINING_WORKSHOP_SAVED,
        happened=lambda: Workshop.objects.filter(slug=HAJIN_WORKSHOP, title_en=CHANGED).exists(),
        shows_a_form=True,
        **OFFICE,
    ),
    Case(
        "trainings:trainer_add",
        lambda: {"slug": HAJIN_WORKSHOP},
        lambda: {"trainer-name": "Trainer of the views table", "trainer-show_name_publicly": "on"},
        action=AuditEvent.Action.TRAINING_TRAINER_ADDED,
        happened=lambda: Trainer.objects.filter(name="Trainer of the views table").exists(),
        **OFFICE,
    ),
    Case(
        "trainings:trainee_add",
        lambda: {"slug": HAJIN_WORKSHOP},
        lambda: {
            "trainee-name": "Trainee of the views table",
            "trainee-organisation": Organisation.objects.get(slug="deirna").pk,
            "trainee-gender": "woman",
            "trainee-age_band": "25-34",
            "trainee-town": _hajin().pk,
            "trainee-language": "ar",
        },
        action=AuditEvent.Action.TRAINING_TRAINEE_ADDED,
        happened=lambda: Trainee.objects.filter(name="Trainee of the views table").exists(),
        **OFFICE,
    ),
    Case(
        "trainings:invitation_set",
        lambda: {"slug": HAJIN_WORKSHOP},
        lambda: {"invitation-organisation": Organisation.objects.get(slug="green-women").pk, "invitation-seats": 3},
        action=AuditEvent.Action.TRAINING_WORKSHOP_SAVED,
        happened=lambda: InvitedOrganisation.objects.filter(
            workshop__slug=HAJIN_WORKSHOP, organisation__slug="green-women"
        ).exists(),
        **OFFICE,
    ),
    Case(
        "trainings:certificates_issue",
        _fatima_without_certificate,
        dict,
        action=AuditEvent.Action.TRAINING_CERTIFICATES_ISSUED,
        happened=_fatima_certified,
        **OFFICE,
    ),
    # offline: the outbox's one endpoint, and opening a refused record again
    Case(
        "offline:submit",
        lambda: _open_point() and {},
        _outbox_record,
        may="astefir_editor",
        read_only="astefir_delegate",
        outsider="deirna_admin",
        action=AuditEvent.Action.APPEAL_INTAKE_RECORDED,
        happened=lambda: OutboxReceipt.objects.filter(client_id=OUTBOX_ID, status="accepted").exists(),
        success_status=200,
        read_only_status=409,
        outsider_status=409,
        anonymous_status=401,
        note=OUTBOX_NOTE,
    ),
    Case(
        "offline:reopen",
        _refused_record,
        lambda: {**intake_record(person("astefir_editor"), _appeal_point(), client_id=REFUSED_ID, quantity="")},
        may="astefir_editor",
        read_only="astefir_delegate",
        outsider="deirna_admin",
        action=None,
        happened=lambda: OutboxReceipt.objects.filter(client_id=REFUSED_ID, reopened_at__isnull=False).exists(),
        success_status=200,
        read_only_status=404,
        anonymous_status=401,
        note="a refused record opens again for the person who made it only: 404 to anyone else (nothing to show); "
        "JSON 401 to anonymous senders",
    ),
)

# governance's rows live beside its setup (they import the names above, so they join the table last)
from tests.views_table_governance import CASES as GOVERNANCE_CASES  # noqa: E402

TABLE.update(_table(*GOVERNANCE_CASES))
