"""The audit trail: one append-only row for every consequential write."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class AuditEvent(models.Model):
    class Action(models.TextChoices):
        """Every consequential write CivNet records. A new service adds its action here, with a label people read
        in the audit trail; the value is stored, so it never changes once used."""

        # places
        COMMUNITY_ADDED = "place.community_added", _("Community added to the gazetteer")
        PLACE_REQUESTED = "place.requested", _("Place asked for")
        PLACE_REQUEST_DECLINED = "place.request_declined", _("Request for a place declined")
        # coalition
        REGION_UPDATED = "region.updated", _("Region updated")
        BODY_CREATED = "body.created", _("Body created")
        BODY_UPDATED = "body.updated", _("Body updated")
        MANDATE_ADDED = "mandate.added", _("Seat given")
        MANDATE_ENDED = "mandate.ended", _("Seat ended")
        # members
        APPLICATION_SUBMITTED = "application.submitted", _("Application submitted")
        APPLICATION_ACCEPTED = "application.accepted", _("Application accepted")
        APPLICATION_REJECTED = "application.rejected", _("Application rejected")
        ORGANISATION_STATUS_CHANGED = "organisation.status_changed", _("Membership status changed")
        ORGANISATION_UPDATED = "organisation.updated", _("Organisation profile updated")
        ORGANISATION_PROPOSED = "organisation.proposed", _("Organisation proposed from an import")
        APPLICATION_EMAIL_RESENT = "application.email_resent", _("Decision email sent again")
        ORGANISATION_RENAME_REQUESTED = "organisation.rename_requested", _("New organisation name requested")
        ORGANISATION_RENAME_ACCEPTED = "organisation.rename_accepted", _("New organisation name accepted")
        ORGANISATION_RENAME_REFUSED = "organisation.rename_refused", _("New organisation name refused")
        AFFILIATION_INVITED = "affiliation.invited", _("Person invited to a role")
        AFFILIATION_INVITATION_CANCELLED = "affiliation.invitation_cancelled", _("Invitation to a role cancelled")
        AFFILIATION_ADDED = "affiliation.added", _("Person given a role")
        AFFILIATION_REMOVED = "affiliation.removed", _("Person's role removed")
        # projects
        PROJECT_CREATED = "project.created", _("Project created")
        PROJECT_UPDATED = "project.updated", _("Project updated")
        PROJECT_EXTRACTED = "project.extracted", _("Project read from a text")
        PROJECT_IMPORTED = "project.imported", _("Project imported")
        PROJECT_SUBMITTED = "project.submitted", _("Project submitted for review")
        PROJECT_PUBLISHED = "project.published", _("Project published")
        PROJECT_RETURNED = "project.returned", _("Project returned to its organisation")
        PROJECT_CHANGE_PROPOSED = "project.change_proposed", _("Change to a published project proposed")
        PROJECT_CHANGE_APPROVED = "project.change_approved", _("Change to a published project approved")
        PROJECT_CHANGE_RETURNED = "project.change_returned", _("Change to a published project returned")
        PROJECT_DELETED = "project.deleted", _("Draft project deleted")
        # campaigns
        ROUND_CREATED = "round.created", _("Issue round opened")
        ROUND_UPDATED = "round.updated", _("Issue round updated")
        ROUND_PROPOSAL_SUBMITTED = "round.proposal_submitted", _("Issue proposed in a round")
        ROUND_BALLOT_CAST = "round.ballot_cast", _("Ballot cast in a round")
        ROUND_CONCLUDED = "round.concluded", _("Issue round concluded")
        CAMPAIGN_CREATED = "campaign.created", _("Campaign created")
        CAMPAIGN_UPDATED = "campaign.updated", _("Campaign updated")
        CAMPAIGN_EVENT_ADDED = "campaign.event_added", _("Event added to a campaign timeline")
        CAMPAIGN_MEETING_RECORDED = "campaign.meeting_recorded", _("Meeting recorded")
        CAMPAIGN_FOLLOW_UP_STATUS = "campaign.follow_up_status", _("Follow-up status changed")
        STATEMENT_CREATED = "statement.created", _("Statement created")
        STATEMENT_UPDATED = "statement.updated", _("Statement updated")
        STATEMENT_DRAFTED = "statement.drafted", _("Statement text drafted")
        STATEMENT_VERSION_FROZEN = "statement.version_frozen", _("Statement version frozen")
        STATEMENT_PUBLISHED = "statement.published", _("Statement published")
        STATEMENT_SIGNED = "statement.signed", _("Statement signed")
        STATEMENT_SIGNATURE_WITHDRAWN = "statement.signature_withdrawn", _("Signature withdrawn")
        STATEMENT_SIGNATURE_REMOVED = "statement.signature_removed", _("Signature removed before publication")
        STATEMENT_SIGNATURE_TAKEN_DOWN = "statement.signature_taken_down", _("Signatory's name hidden")
        # newsletters
        ACTIVITY_POSTED = "activity.posted", _("Activity posted")
        ACTIVITY_APPROVED = "activity.approved", _("Activity approved")
        ACTIVITY_RETURNED = "activity.returned", _("Activity returned")
        NEWS_CREATED = "news.created", _("News written")
        NEWS_UPDATED = "news.updated", _("News updated")
        COMMENT_APPROVED = "comment.approved", _("Comment approved")
        COMMENT_REJECTED = "comment.rejected", _("Comment rejected")
        NEWSLETTER_STARTED = "newsletter.started", _("Newsletter issue started")
        NEWSLETTER_INTRODUCTION = "newsletter.introduction", _("Newsletter introduction written")
        NEWSLETTER_ENTRY_REMOVED = "newsletter.entry_removed", _("Entry removed from a newsletter issue")
        NEWSLETTER_PUBLISHED = "newsletter.published", _("Newsletter issue published")
        NEWSLETTER_QUEUED = "newsletter.queued", _("Newsletter issue queued for sending")
        NEWSLETTER_CONTACT_SUBSCRIBED = "newsletter.contact_subscribed", _("Contact subscribed with consent")
        # appeals
        APPEAL_CREATED = "appeal.created", _("Appeal opened")
        APPEAL_UPDATED = "appeal.updated", _("Appeal updated")
        APPEAL_CLOSED = "appeal.closed", _("Appeal closed")
        APPEAL_NEED_SAVED = "appeal.need_saved", _("Appeal need saved")
        APPEAL_PARTNER_ADDED = "appeal.partner_added", _("Receiving partner added")
        APPEAL_ITEM_ADDED = "appeal.item_added", _("Item added to the catalogue")
        APPEAL_COORDINATOR_ADDED = "appeal.coordinator_added", _("Appeal coordinator added")
        APPEAL_POINT_CREATED = "appeal.point_created", _("Collection point opened")
        APPEAL_POINT_UPDATED = "appeal.point_updated", _("Collection point status updated")
        APPEAL_INTAKE_RECORDED = "appeal.intake_recorded", _("Goods received at a collection point")
        APPEAL_CASH_RECORDED = "appeal.cash_recorded", _("Cash donation received")
        APPEAL_ENTRY_REVERSED = "appeal.entry_reversed", _("Ledger entry reversed")
        APPEAL_STOCK_TRANSFERRED = "appeal.stock_transferred", _("Goods moved between collection points")
        APPEAL_CONVOY_CREATED = "appeal.convoy_created", _("Convoy planned")
        APPEAL_TRUCK_ADDED = "appeal.truck_added", _("Truck added to a convoy")
        APPEAL_TRUCK_LOADED = "appeal.truck_loaded", _("Truck loaded")
        APPEAL_CONVOY_DEPARTED = "appeal.convoy_departed", _("Convoy departed")
        APPEAL_CONVOY_ARRIVED = "appeal.convoy_arrived", _("Convoy arrived")
        APPEAL_CONVOY_CLOSED = "appeal.convoy_closed", _("Convoy closed")
        APPEAL_HANDOVER_ISSUED = "appeal.handover_issued", _("Handover link issued")
        APPEAL_HANDOVER_CONFIRMED = "appeal.handover_confirmed", _("Handover confirmed by the receiving partner")
        APPEAL_DRIVERS_WIPED = "appeal.drivers_wiped", _("Drivers' details deleted after handover")
        APPEAL_CASH_SENT = "appeal.cash_sent", _("Cash sent")
        APPEAL_CASH_SENDER_CONFIRMED = "appeal.cash_sender_confirmed", _("Cash sending confirmed by the sender")
        APPEAL_CASH_RECEIVED = "appeal.cash_received", _("Cash receipt confirmed by the receiver")
        # trainings
        TRAINING_QUESTIONNAIRE_SAVED = "training.questionnaire_saved", _("Needs questionnaire saved")
        TRAINING_QUESTION_ADDED = "training.question_added", _("Question added to a needs questionnaire")
        TRAINING_QUESTIONNAIRE_VERSIONED = "training.questionnaire_versioned", _("New version of a needs questionnaire")
        TRAINING_ROUND_SAVED = "training.round_saved", _("Needs round saved")
        TRAINING_RESPONSE_SUBMITTED = "training.response_submitted", _("Training needs answered")
        TRAINING_RESPONSE_UPDATED = "training.response_updated", _("Training needs answer changed")
        TRAINING_WORKSHOP_SAVED = "training.workshop_saved", _("Workshop saved")
        TRAINING_TRAINER_ADDED = "training.trainer_added", _("Trainer added to a workshop")
        TRAINING_TRAINEE_ADDED = "training.trainee_added", _("Trainee added to a workshop")
        TRAINING_ATTENDANCE_RECORDED = "training.attendance_recorded", _("Workshop attendance recorded")
        TRAINING_CERTIFICATES_ISSUED = "training.certificates_issued", _("Workshop certificates issued")
        # governance
        ASSEMBLY_SAVED = "assembly.saved", _("Assembly prepared")
        ASSEMBLY_AGENDA_SAVED = "assembly.agenda_saved", _("Agenda item or decision recorded")
        ASSEMBLY_DOCUMENT_ADDED = "assembly.document_added", _("Assembly document added")
        ASSEMBLY_INVITED = "assembly.invited", _("Organisations invited to an assembly")
        ASSEMBLY_ATTENDANCE = "assembly.attendance", _("Attendance recorded")
        ASSEMBLY_STATUS_CHANGED = "assembly.status_changed", _("Assembly opened or closed")
        ASSEMBLY_MINUTES_PUBLISHED = "assembly.minutes_published", _("Minutes published")
        CANDIDACY_RULES_VERSIONED = "election.rules_versioned", _("New version of the candidacy rules")
        ELECTION_SAVED = "election.saved", _("Election prepared")
        ELECTION_COMMITTEE_ADDED = "election.committee_added", _("Counting committee member added")
        ELECTION_STATUS_CHANGED = "election.status_changed", _("Election moved to its next step")
        ELECTION_ROLL_CHANGED = "election.roll_changed", _("Roll changed after freezing")
        ELECTION_NOMINATED = "election.nominated", _("Candidate nominated")
        ELECTION_CONSENTED = "election.consented", _("Candidate consented")
        ELECTION_WITHDRAWN = "election.withdrawn", _("Nomination withdrawn")
        ELECTION_OVERRIDDEN = "election.overridden", _("Failed candidacy check overridden")
        ELECTION_COUNT_ENTERED = "election.count_entered", _("Count entered")
        ELECTION_TALLY_SHEET = "election.tally_sheet", _("Tally sheet photo attached")
        ELECTION_TIE_RESOLVED = "election.tie_resolved", _("Tie settled")
        ELECTION_SIGNED_OFF = "election.signed_off", _("Result signed off")
        ELECTION_PUBLISHED = "election.published", _("Election result published")
        ELECTION_COMPLAINT = "election.complaint", _("Complaint about an election")
        ELECTION_COMPLAINT_DECIDED = "election.complaint_decided", _("Complaint decided")
        # governance online ballots
        ONLINE_ENABLED = "online.enabled", _("Online channel enabled on an election")
        ONLINE_TRUSTEE_STEP = "online.trustee_step", _("Committee member's key step received")
        ONLINE_KEY_READY = "online.key_ready", _("Election key of the online channel combined")
        ONLINE_OPENED = "online.opened", _("Online ballots opened: election parameters fixed")
        ONLINE_CREDENTIALS = "online.credentials", _("Public voting credentials uploaded")
        ONLINE_CREDENTIAL_REVOKED = "online.credential_revoked", _("Voting credential revoked")
        ONLINE_BALLOT_CAST = "online.ballot_cast", _("Online ballot cast")
        ONLINE_BALLOT_REFUSED = "online.ballot_refused", _("Online ballot refused")
        ONLINE_TALLIED = "online.tallied", _("Encrypted tally of the online ballots computed")
        ONLINE_DECRYPTION = "online.decryption", _("Partial decryption received")
        ONLINE_RESULT = "online.result", _("Online result decrypted")

    at = models.DateTimeField(default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # The actor's email at the time, so the trail still reads after an account is renamed.
    actor_label = models.CharField(max_length=254, blank=True)
    action = models.CharField(max_length=64, choices=Action.choices, db_index=True)
    target_type = models.CharField(max_length=64)
    target_id = models.CharField(max_length=64)
    target_label = models.CharField(max_length=300, blank=True)
    data = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["target_type", "target_id"])]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_label or '-'} {self.action} {self.target_label}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValueError("Audit events are append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValueError("Audit events are append-only.")


class RateCounter(models.Model):
    """One fixed window of a rate limit: `key` is the scope and who (an address, an account), `count` the hits
    since `window_ends` minus the period. Incremented by one atomic statement (see `core.ratelimit`)."""

    key = models.CharField(max_length=200, primary_key=True)
    count = models.PositiveIntegerField(default=0)
    window_ends = models.BigIntegerField(db_index=True)  # epoch seconds: compared in SQL the same on every database

    def __str__(self) -> str:
        return f"{self.key}: {self.count}"
