"""The audit trail as people read it: each event a sentence in the reader's language ("Amina froze version 2 of
the statement …"), naming the record as it is called today, with its details as a list of labelled values, never
codes, field names or Python values.

The back-office is the top layer: it may read every app's models to name what an event points at."""

import datetime
from dataclasses import dataclass, field

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.utils import formats
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from campaigns.models import Campaign, FollowUp, IssueProposal, Signature, TimelineEvent
from core.i18n import LANGUAGE_CODES, language_name
from core.models import AuditEvent
from governance.models import Assembly, CountEntry, Election, TrailWord
from members.models import Affiliation, Application, Organisation
from places.models import Place

A = AuditEvent.Action

# One sentence for every action: %(actor)s is who did it, %(target)s the record; other names come from its data.
SENTENCES = {
    A.COMMUNITY_ADDED: _("%(actor)s added the community %(target)s to the gazetteer."),
    A.PLACE_REQUESTED: _("%(actor)s asked the technical team to add the place %(target)s."),
    A.PLACE_REQUEST_DECLINED: _("%(actor)s declined the request for the place %(target)s."),
    A.REGION_UPDATED: _("%(actor)s updated the region %(target)s."),
    A.BODY_CREATED: _("%(actor)s created the body %(target)s."),
    A.BODY_UPDATED: _("%(actor)s updated the body %(target)s."),
    A.MANDATE_ADDED: _("%(actor)s gave %(person)s a seat in %(target)s."),
    A.MANDATE_ENDED: _("%(actor)s ended the seat of %(person)s in %(target)s."),
    A.APPLICATION_SUBMITTED: _("%(target)s applied to join the coalition."),
    A.APPLICATION_ACCEPTED: _("%(actor)s accepted the application of %(target)s."),
    A.APPLICATION_REJECTED: _("%(actor)s rejected the application of %(target)s."),
    A.ORGANISATION_STATUS_CHANGED: _("%(actor)s changed the membership status of %(target)s to “%(to)s”."),
    A.ORGANISATION_UPDATED: _("%(actor)s updated the profile of %(target)s."),
    A.ORGANISATION_PROPOSED: _("%(actor)s proposed the organisation %(target)s from an imported file."),
    A.APPLICATION_EMAIL_RESENT: _("%(actor)s sent the decision email about %(target)s again."),
    A.ORGANISATION_RENAME_REQUESTED: _("%(actor)s asked for a new name for %(target)s."),
    A.ORGANISATION_RENAME_ACCEPTED: _("%(actor)s accepted the new name of %(target)s."),
    A.ORGANISATION_RENAME_REFUSED: _("%(actor)s refused the new name of %(target)s."),
    A.AFFILIATION_INVITED: _("%(actor)s invited %(email)s to a role in %(target)s."),
    A.AFFILIATION_INVITATION_CANCELLED: _("%(actor)s cancelled the invitation of %(email)s to %(target)s."),
    A.AFFILIATION_ADDED: _("%(actor)s accepted an invitation to a role in %(target)s."),
    A.AFFILIATION_REMOVED: _("%(actor)s removed a role of %(person)s in %(target)s."),
    A.PROJECT_CREATED: _("%(actor)s recorded the project %(target)s."),
    A.PROJECT_UPDATED: _("%(actor)s updated the project %(target)s."),
    A.PROJECT_EXTRACTED: _("%(actor)s recorded the project %(target)s from a pasted text."),
    A.PROJECT_IMPORTED: _("%(actor)s imported the project %(target)s."),
    A.PROJECT_SUBMITTED: _("%(actor)s sent the project %(target)s for review."),
    A.PROJECT_PUBLISHED: _("%(actor)s published the project %(target)s."),
    A.PROJECT_RETURNED: _("%(actor)s returned the project %(target)s to its organisation."),
    A.PROJECT_CHANGE_PROPOSED: _("%(actor)s proposed changes to the published project %(target)s."),
    A.PROJECT_CHANGE_APPROVED: _("%(actor)s approved the changes to the published project %(target)s."),
    A.PROJECT_CHANGE_RETURNED: _("%(actor)s returned the changes to the published project %(target)s."),
    A.PROJECT_DELETED: _("%(actor)s deleted the draft project %(target)s."),
    A.ROUND_CREATED: _("%(actor)s opened the issue round %(target)s."),
    A.ROUND_UPDATED: _("%(actor)s updated the issue round %(target)s."),
    A.ROUND_PROPOSAL_SUBMITTED: _("%(actor)s proposed an issue for %(organisation)s in the round %(target)s."),
    A.ROUND_BALLOT_CAST: _("%(actor)s voted for %(organisation)s in the round %(target)s."),
    A.ROUND_CONCLUDED: _("%(actor)s concluded the round %(target)s."),
    A.CAMPAIGN_CREATED: _("%(actor)s created the campaign %(target)s."),
    A.CAMPAIGN_UPDATED: _("%(actor)s updated the campaign %(target)s."),
    A.CAMPAIGN_EVENT_ADDED: _("%(actor)s added an event to the timeline of the campaign %(target)s."),
    A.CAMPAIGN_MEETING_RECORDED: _("%(actor)s recorded a meeting with the authorities in the campaign %(target)s."),
    A.CAMPAIGN_FOLLOW_UP_STATUS: _("%(actor)s marked a follow-up of the campaign %(target)s as “%(to)s”."),
    A.STATEMENT_CREATED: _("%(actor)s created the statement %(target)s."),
    A.STATEMENT_UPDATED: _("%(actor)s updated the statement %(target)s."),
    A.STATEMENT_DRAFTED: _("%(actor)s wrote the text of version %(version)s of the statement %(target)s."),
    A.STATEMENT_VERSION_FROZEN: _("%(actor)s froze version %(version)s of the statement %(target)s."),
    A.STATEMENT_PUBLISHED: _("%(actor)s published the statement %(target)s."),
    A.STATEMENT_SIGNED: _("%(actor)s signed the statement %(target)s for %(organisation)s."),
    A.STATEMENT_SIGNATURE_WITHDRAWN: _("%(actor)s withdrew the signature of %(organisation)s from %(target)s."),
    A.STATEMENT_SIGNATURE_REMOVED: _(
        "%(actor)s removed the signature of %(organisation)s from %(target)s before publication."
    ),
    A.STATEMENT_SIGNATURE_TAKEN_DOWN: _(
        "%(actor)s hid the name of %(organisation)s among the signatories of %(target)s."
    ),
    A.ACTIVITY_POSTED: _("%(actor)s posted the activity %(target)s."),
    A.ACTIVITY_APPROVED: _("%(actor)s approved the activity %(target)s."),
    A.ACTIVITY_RETURNED: _("%(actor)s returned the activity %(target)s to its organisation."),
    A.NEWS_CREATED: _("%(actor)s wrote the news %(target)s."),
    A.NEWS_UPDATED: _("%(actor)s updated the news %(target)s."),
    A.COMMENT_APPROVED: _("%(actor)s approved a comment: %(target)s."),
    A.COMMENT_REJECTED: _("%(actor)s rejected a comment: %(target)s."),
    A.NEWSLETTER_STARTED: _("%(actor)s started the newsletter issue %(target)s."),
    A.NEWSLETTER_INTRODUCTION: _("%(actor)s wrote the introduction of the newsletter issue %(target)s."),
    A.NEWSLETTER_ENTRY_REMOVED: _("%(actor)s removed an entry from the newsletter issue %(target)s."),
    A.NEWSLETTER_PUBLISHED: _("%(actor)s published the newsletter issue %(target)s."),
    A.NEWSLETTER_QUEUED: _("%(actor)s queued the newsletter issue %(target)s for sending."),
    A.NEWSLETTER_CONTACT_SUBSCRIBED: _("%(actor)s subscribed %(target)s to the newsletter, with their consent."),
    A.APPEAL_CREATED: _("%(actor)s opened the appeal %(target)s."),
    A.APPEAL_UPDATED: _("%(actor)s updated the appeal %(target)s."),
    A.APPEAL_CLOSED: _("%(actor)s closed the appeal %(target)s."),
    A.APPEAL_NEED_SAVED: _("%(actor)s changed the needs list of the appeal %(target)s."),
    A.APPEAL_PARTNER_ADDED: _("%(actor)s added %(target)s as a receiving partner."),
    A.APPEAL_ITEM_ADDED: _("%(actor)s added %(target)s to the catalogue of items."),
    A.APPEAL_COORDINATOR_ADDED: _("%(actor)s made someone a coordinator of the appeal %(target)s."),
    A.APPEAL_POINT_CREATED: _("%(actor)s opened the collection point %(target)s."),
    A.APPEAL_POINT_UPDATED: _("%(actor)s updated the status of the collection point %(target)s."),
    A.APPEAL_INTAKE_RECORDED: _("%(actor)s recorded goods received at %(target)s."),
    A.APPEAL_CASH_RECORDED: _("%(actor)s recorded a cash donation at %(target)s."),
    A.APPEAL_ENTRY_REVERSED: _("%(actor)s reversed a ledger entry of %(target)s."),
    A.APPEAL_STOCK_TRANSFERRED: _("%(actor)s moved goods from %(target)s to another collection point."),
    A.APPEAL_CONVOY_CREATED: _("%(actor)s planned the convoy %(target)s."),
    A.APPEAL_TRUCK_ADDED: _("%(actor)s added a truck to the convoy %(target)s."),
    A.APPEAL_TRUCK_LOADED: _("%(actor)s loaded a truck of the convoy %(target)s."),
    A.APPEAL_CONVOY_DEPARTED: _("%(actor)s recorded the departure of the convoy %(target)s."),
    A.APPEAL_CONVOY_ARRIVED: _("%(actor)s recorded the arrival of the convoy %(target)s."),
    A.APPEAL_CONVOY_CLOSED: _("%(actor)s closed the convoy %(target)s."),
    A.APPEAL_HANDOVER_ISSUED: _("%(actor)s issued a handover link for the convoy %(target)s."),
    A.APPEAL_HANDOVER_CONFIRMED: _("The receiving partner confirmed the handover of the convoy %(target)s."),
    A.APPEAL_DRIVERS_WIPED: _("The drivers' names and phones of the convoy %(target)s were deleted."),
    A.APPEAL_CASH_SENT: _("%(actor)s recorded the cash transfer %(target)s."),
    A.APPEAL_CASH_SENDER_CONFIRMED: _("%(actor)s confirmed sending the cash transfer %(target)s."),
    A.APPEAL_CASH_RECEIVED: _("The receiver confirmed receiving the cash transfer %(target)s."),
    A.TRAINING_QUESTIONNAIRE_SAVED: _("%(actor)s saved the needs questionnaire %(target)s."),
    A.TRAINING_QUESTION_ADDED: _("%(actor)s added a question to the needs questionnaire %(target)s."),
    A.TRAINING_QUESTIONNAIRE_VERSIONED: _("%(actor)s started the new version %(target)s of a needs questionnaire."),
    A.TRAINING_ROUND_SAVED: _("%(actor)s saved the needs round %(target)s."),
    A.TRAINING_RESPONSE_SUBMITTED: _("%(actor)s answered the needs round %(target)s for %(organisation)s."),
    A.TRAINING_RESPONSE_UPDATED: _("%(actor)s changed the answers of %(organisation)s in the needs round %(target)s."),
    A.TRAINING_WORKSHOP_SAVED: _("%(actor)s saved the workshop %(target)s."),
    A.TRAINING_TRAINER_ADDED: _("%(actor)s added a trainer to the workshop %(target)s."),
    A.TRAINING_TRAINEE_ADDED: _("%(actor)s added a trainee from %(organisation)s to the workshop %(target)s."),
    A.TRAINING_ATTENDANCE_RECORDED: _("%(actor)s recorded the attendance of a day of the workshop %(target)s."),
    A.TRAINING_CERTIFICATES_ISSUED: _("%(actor)s issued certificates of the workshop %(target)s."),
    A.ASSEMBLY_SAVED: _("%(actor)s prepared the assembly %(target)s."),
    A.ASSEMBLY_AGENDA_SAVED: _("%(actor)s recorded an agenda item or its decision at the assembly %(target)s."),
    A.ASSEMBLY_DOCUMENT_ADDED: _("%(actor)s added a document to the assembly %(target)s."),
    A.ASSEMBLY_INVITED: _("%(actor)s invited the member organisations to the assembly %(target)s."),
    A.ASSEMBLY_ATTENDANCE: _("%(actor)s recorded %(organisation)s as present at the assembly %(target)s."),
    A.ASSEMBLY_STATUS_CHANGED: _("%(actor)s changed the status of the assembly %(target)s to “%(to)s”."),
    A.ASSEMBLY_MINUTES_PUBLISHED: _("%(actor)s published the minutes of the assembly %(target)s."),
    A.CANDIDACY_RULES_VERSIONED: _("%(actor)s wrote %(target)s."),
    A.ELECTION_SAVED: _("%(actor)s prepared the election %(target)s."),
    A.ELECTION_COMMITTEE_ADDED: _("%(actor)s added %(person)s to the counting committee of %(target)s."),
    A.ELECTION_STATUS_CHANGED: _("%(actor)s moved the election %(target)s to “%(to)s”."),
    A.ELECTION_ROLL_CHANGED: _("%(actor)s changed the frozen roll of the election %(target)s."),
    A.ELECTION_NOMINATED: _("%(actor)s nominated a candidate of %(organisation)s in the election %(target)s."),
    A.ELECTION_CONSENTED: _("%(actor)s agreed to stand in the election %(target)s."),
    A.ELECTION_WITHDRAWN: _("%(actor)s withdrew a nomination of %(organisation)s in the election %(target)s."),
    A.ELECTION_OVERRIDDEN: _("%(actor)s overrode a failed candidacy check in the election %(target)s."),
    A.ELECTION_COUNT_ENTERED: _("%(actor)s entered a count of the election %(target)s."),
    A.ELECTION_TALLY_SHEET: _("%(actor)s attached a photo of the tally sheet of the election %(target)s."),
    A.ELECTION_TIE_RESOLVED: _("%(actor)s recorded how the tie in the election %(target)s was settled."),
    A.ELECTION_SIGNED_OFF: _("%(actor)s signed off the result of the election %(target)s."),
    A.ELECTION_PUBLISHED: _("%(actor)s published the result of the election %(target)s."),
    A.ELECTION_COMPLAINT: _("%(actor)s lodged a complaint about the election %(target)s."),
    A.ELECTION_COMPLAINT_DECIDED: _("%(actor)s decided a complaint about the election %(target)s."),
    A.ONLINE_ENABLED: _("%(actor)s enabled online ballots in the election %(target)s."),
    A.ONLINE_TRUSTEE_STEP: _("%(actor)s sent a key step of the online ballots of the election %(target)s."),
    A.ONLINE_KEY_READY: _("The election key of the online ballots of %(target)s was combined and checked."),
    A.ONLINE_OPENED: _("The online ballots of the election %(target)s opened with their parameters fixed."),
    A.ONLINE_CREDENTIALS: _("%(actor)s sent public voting credentials for the election %(target)s."),
    A.ONLINE_CREDENTIAL_REVOKED: _("%(actor)s revoked the voting credential of %(organisation)s in %(target)s."),
    A.ONLINE_BALLOT_CAST: _("%(actor)s cast an online ballot for %(organisation)s in the election %(target)s."),
    A.ONLINE_BALLOT_REFUSED: _("An online ballot from %(actor)s in the election %(target)s was refused."),
    A.ONLINE_TALLIED: _("The encrypted tally of the online ballots of %(target)s was computed."),
    A.ONLINE_DECRYPTION: _("%(actor)s sent a partial decryption of the online ballots of %(target)s."),
    A.ONLINE_RESULT: _("The online ballots of the election %(target)s were decrypted."),
}
UNKNOWN = _("%(actor)s: %(what)s (%(target)s).")
NOBODY = _("A visitor without an account")

# The labels of the details an event keeps; keys not listed are internal references, left out.
DETAILS = {
    "fields": _("What changed"),
    "before": _("Before"),
    "after": _("After"),
    "from": _("Before"),
    "to": _("After"),
    "status": _("Status"),
    "reason": _("Reason"),
    "comment": _("Comment"),
    "note": _("Note"),
    "consent": _("How consent was given"),
    "organisation": _("Organisation"),
    "person": _("Person"),
    "email": _("Email address"),
    "admin": _("Admin's account"),
    "contact": _("Contact's email address"),
    "invited_by": _("Invited by"),
    "role": _("Role"),
    "starts_on": _("Term starts"),
    "ends_on": _("Term ends"),
    "version": _("Version"),
    "fingerprint": _("Fingerprint"),
    "visibility": _("How the signature is shown"),
    "approvals": _("Issues approved"),
    "proposal": _("Issue proposed"),
    "winner": _("Issue chosen"),
    "counts": _("Approvals"),
    "campaign": _("Campaign"),
    "kind": _("Kind"),
    "parent": _("Where"),
    "deliveries": _("Messages queued"),
    "iati": _("IATI identifier"),
    "date": _("Date"),
    "present": _("Present"),
    "issued": _("Certificates issued"),
}
# A key some actions use for something else.
DETAIL_LABELS_BY_ACTION = {(A.APPLICATION_EMAIL_RESENT, "to"): _("Sent to")}
# Names of fields in "What changed" that their model does not label in words (per language: see _field_label).
FIELD_LABELS = {
    "name": _("Name"),
    "title": _("Title"),
    "description": _("Description"),
    "vision": _("Vision"),
    "mission": _("Mission"),
    "objectives": _("Objectives"),
    "issue": _("Issue"),
    "body": _("Text"),
    "summary": _("Summary"),
    "introduction": _("Introduction"),
    "text": _("Text"),
    "slug": _("Address"),
    "original_language": _("Original language"),
    "campaign": _("Campaign"),
    "deadline": _("Deadline for signing"),
    "hashtags": _("Hashtags"),
    "status": _("Status"),
    "region": _("Region"),
    "regions": _("Regions"),
    "organisations": _("Organisations"),
    "starts_on": _("Start"),
    "ends_on": _("End"),
    "kind": _("Kind"),
    "order": _("Order in lists"),
    "is_elected": _("Elected"),
    "place": _("Headquarters"),
    "places": _("Places"),
    "sectors": _("Sectors"),
    "proposals_open_at": _("Proposals open"),
    "voting_opens_at": _("Voting opens"),
    "closes_at": _("Voting closes"),
    "published_on": _("Publication date"),
    "acronym": _("Acronym"),
}
# Values of these details are choices of these enumerations (shown by their label).
CHOICES = {
    "role": Affiliation.Role,
    "visibility": Signature.Visibility,
    "kind": TimelineEvent.Kind,
}
STATUS_CHOICES = {
    A.ORGANISATION_STATUS_CHANGED: Organisation.Status,
    A.CAMPAIGN_FOLLOW_UP_STATUS: FollowUp.Status,
    A.APPLICATION_EMAIL_RESENT: Application.Status,
    A.ASSEMBLY_STATUS_CHANGED: Assembly.Status,
    A.ELECTION_STATUS_CHANGED: Election.Status,
    A.ASSEMBLY_ATTENDANCE: TrailWord,
    A.ELECTION_CONSENTED: TrailWord,
    A.ELECTION_WITHDRAWN: TrailWord,
    A.ELECTION_ROLL_CHANGED: TrailWord,
    A.ELECTION_TIE_RESOLVED: TrailWord,
    A.ELECTION_COMPLAINT_DECIDED: TrailWord,
    A.ELECTION_COUNT_ENTERED: CountEntry.Outcome,
    A.ELECTION_SIGNED_OFF: Election.Status,
    A.ELECTION_PUBLISHED: Election.Status,
}
TEXTS = {"reason", "comment", "note", "consent"}
ADDRESSES = {"person", "email", "admin", "contact", "invited_by"}
DATES = {"starts_on", "ends_on"}


@dataclass
class Entry:
    """One event as the trail shows it."""

    event: AuditEvent
    sentence: SafeString
    details: list[tuple[str, SafeString]] = field(default_factory=list)


def _bdi(value) -> SafeString:
    return format_html("<bdi>{}</bdi>", value)


def _name(obj) -> str:
    """A record's name in the reader's language, as it is called today."""
    for attribute in ("name", "title"):
        value = getattr(type(obj), attribute, None)
        if value is not None and hasattr(value, "columns"):  # a core.i18n.Translated attribute
            text = str(getattr(obj, attribute))
            if text:
                return text
    return str(obj)


def _targets(events) -> dict[tuple[str, str], str]:
    """The name today of each record the events point at, one query per kind of record."""
    wanted: dict[str, set[str]] = {}
    for event in events:
        wanted.setdefault(event.target_type, set()).add(event.target_id)
    names = {}
    for label, ids in wanted.items():
        try:
            model = apps.get_model(label)
        except (LookupError, ValueError):
            continue
        keys = [i for i in ids if i.isdigit()]
        for pk, obj in model.objects.in_bulk(keys).items():
            names[(label, str(pk))] = _name(obj)
    return names


def _lookups(events) -> dict[str, dict]:
    """Names of what the events' details point at: organisations by slug, issues by id, places by P-code,
    campaigns by slug."""
    slugs, proposals, pcodes, campaigns = set(), set(), set(), set()
    for event in events:
        data = event.data if isinstance(event.data, dict) else {}
        if isinstance(data.get("organisation"), str):
            slugs.add(data["organisation"])
        for key in ("proposal", "winner"):
            if isinstance(data.get(key), int):
                proposals.add(data[key])
        proposals.update(p for p in data.get("approvals") or () if isinstance(p, int))
        proposals.update(int(p) for p in (data.get("counts") or {}) if str(p).isdigit())
        if isinstance(data.get("parent"), str) and data["parent"]:
            pcodes.add(data["parent"])
        if isinstance(data.get("campaign"), str):
            campaigns.add(data["campaign"])
    return {
        "organisation": {o.slug: _name(o) for o in Organisation.objects.filter(slug__in=slugs)},
        "proposal": {p.pk: p.title for p in IssueProposal.objects.filter(pk__in=proposals)},
        "place": {p.pcode: p for p in Place.objects.filter(pcode__in=pcodes)},
        "campaign": {c.slug: _name(c) for c in Campaign.objects.filter(slug__in=campaigns)},
    }


def _field_label(name: str, model) -> str:
    """A field's name in words: `title_ar` is "Title (Arabic)"; otherwise the model's own label when it has one
    in words, else CivNet's."""
    base, _sep, code = name.rpartition("_")
    if base and code in LANGUAGE_CODES:
        return _("%(field)s (%(language)s)") % {"field": _field_label(base, model), "language": language_name(code)}
    if name in FIELD_LABELS:
        return str(FIELD_LABELS[name])
    try:
        verbose = model._meta.get_field(name).verbose_name if model is not None else ""
    except FieldDoesNotExist:  # a field since removed
        verbose = ""
    if verbose and str(verbose) != name.replace("_", " "):
        return capfirst(str(verbose))
    return name.replace("_", " ")


def _value(key: str, value, event: AuditEvent, model, lookups: dict) -> SafeString | None:
    """A detail's value in words, or None when it is not for people to read."""
    if value in (None, "", [], {}):
        return None
    if key == "fields":
        return _bdi(", ".join(_field_label(str(name), model) for name in value))
    if key in ("before", "after") and isinstance(value, dict):
        parts = [format_html("{}: <bdi>{}</bdi>", _field_label(k, model), v or "—") for k, v in value.items()]
        return mark_safe("; ".join(parts))  # noqa: S308 - each part escaped by format_html
    if key == "to" and event.action == A.APPLICATION_EMAIL_RESENT:
        return format_html('<bdi dir="ltr">{}</bdi>', value)
    if key in ("from", "to", "status"):
        choices = STATUS_CHOICES.get(event.action)
        return conditional_escape(choices(value).label if choices and value in choices.values else value)
    if key in CHOICES:
        choices = CHOICES[key]
        return conditional_escape(choices(value).label) if value in choices.values else _bdi(value)
    if key == "organisation":
        return _bdi(lookups["organisation"].get(value, value))
    if key in ("proposal", "winner"):
        return _bdi(lookups["proposal"].get(value, "—"))
    if key == "approvals":
        return _bdi(", ".join(lookups["proposal"].get(p, "—") for p in value))
    if key == "counts" and isinstance(value, dict):
        parts = [f"{lookups['proposal'].get(int(p), '—')}: {n}" for p, n in value.items() if str(p).isdigit()]
        return _bdi("; ".join(parts))
    if key == "campaign":
        return _bdi(lookups["campaign"].get(value, value))
    if key == "parent":
        place = lookups["place"].get(value)
        return format_html("<bdi>{}</bdi> (<bdi>{}</bdi>)", place.name, value) if place else _bdi(value)
    if key in DATES:
        try:
            return conditional_escape(formats.date_format(datetime.date.fromisoformat(str(value)), "j F Y"))
        except ValueError:
            return _bdi(value)
    if key == "fingerprint":
        return format_html('<code class="fingerprint">{}</code>', value)
    if key in ADDRESSES:
        return format_html('<bdi dir="ltr">{}</bdi>', value)
    if key in TEXTS:
        return format_html('<span dir="auto">{}</span>', value)
    if isinstance(value, (int, str)):
        return _bdi(value)
    return None


def sentence(template, values: dict) -> SafeString:
    """The translated sentence with each value isolated (<bdi>), so a name written in another direction cannot
    reorder the sentence around it."""
    text = conditional_escape(str(template))

    class Values(dict):
        def __missing__(self, key):
            return "—"

    return mark_safe(text % Values({key: conditional_escape(value) for key, value in values.items()}))  # noqa: S308


def entries(events) -> list[Entry]:
    """The events as sentences with their details, with two or three queries whatever their number."""
    events = list(events)
    targets = _targets(events)
    lookups = _lookups(events)
    out = []
    for event in events:
        try:
            model = apps.get_model(event.target_type)
        except (LookupError, ValueError):
            model = None
        data = event.data if isinstance(event.data, dict) else {}
        actor = (event.actor.full_name if event.actor_id and event.actor else "") or event.actor_label
        values = {
            "actor": _bdi(actor) if actor else NOBODY,
            "target": _bdi(targets.get((event.target_type, event.target_id), event.target_label or "—")),
            "what": event.get_action_display(),
        }
        details = []
        for key, label in DETAILS.items():
            if key not in data:
                continue
            shown = _value(key, data[key], event, model, lookups)
            if shown is None:
                continue
            values.setdefault(key, shown)
            details.append((str(DETAIL_LABELS_BY_ACTION.get((event.action, key), label)), shown))
        template = SENTENCES.get(event.action, UNKNOWN)
        out.append(Entry(event, sentence(template, values), details))
    return out
