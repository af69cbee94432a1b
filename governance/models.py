"""Assemblies of the member organisations (agenda, documents, invited organisations, attendance, minutes) and the
elections they hold: candidacy rules, nominations, the counting committee, the frozen roll, the counts entered
twice, the committee's sign-offs, the published result and the complaints that follow it.

An election's counts arrive by a channel: paper ballots counted in the hall today; the online channel of
"verifiable online ballots" later adds its own tally beside the paper one, and results show each and both."""

import hashlib
import unicodedata
import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.i18n import OriginalLanguageField, Translated

SLUG_HELP = _("The end of the page's address: lowercase Latin letters, digits and hyphens, such as deir-ez-zor-2022.")
ORIGINAL_LANGUAGE = _("language it was written in")


class Assembly(models.Model):
    """A general assembly of the coalition or a regional platform meeting."""

    class Status(models.TextChoices):
        PREPARING = "preparing", _("In preparation")
        IN_SESSION = "in_session", _("In session")
        CLOSED = "closed", _("Closed")

    slug = models.SlugField(_("short name in the address"), unique=True, help_text=SLUG_HELP)
    title = Translated(models.CharField, max_length=200)
    starts_at = models.DateTimeField(_("date and time"))
    place = models.ForeignKey(
        "places.Place", null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name=_("place")
    )
    venue = models.CharField(_("venue"), max_length=200, blank=True, help_text=_("The hall or building."))
    region = models.ForeignKey(
        "coalition.Region",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="assemblies",
        verbose_name=_("region"),
        help_text=_("The member organisations of this region are invited; leave it empty to invite all members."),
    )
    # The quorum: at least (or more than) numerator/denominator of the invited members in good standing.
    quorum_numerator = models.PositiveSmallIntegerField(_("quorum: numerator"), default=1)
    quorum_denominator = models.PositiveSmallIntegerField(_("quorum: denominator"), default=2)
    quorum_more_than = models.BooleanField(
        _("strictly more than that share"),
        default=False,
        help_text=_("Unticked: at least that share of the invited members is enough (exactly half meets a half)."),
    )
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.PREPARING)
    minutes = Translated(models.TextField)
    minutes_published_at = models.DateTimeField(_("minutes published at"), null=True, blank=True)
    original_language = OriginalLanguageField(verbose_name=ORIGINAL_LANGUAGE)

    class Meta:
        verbose_name = _("assembly")
        verbose_name_plural = _("assemblies")
        ordering = ["-starts_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(quorum_denominator__gt=0) & Q(quorum_numerator__lte=models.F("quorum_denominator")),
                name="assembly_quorum_is_a_share",
            )
        ]

    def __str__(self) -> str:
        return self.title_en or self.title_ar or self.slug


class AgendaItem(models.Model):
    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    assembly = models.ForeignKey(Assembly, on_delete=models.CASCADE, related_name="agenda")
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    title = Translated(models.CharField, max_length=300)
    text = Translated(models.TextField)
    decision = Translated(models.TextField)
    # The open vote of the hall, one vote per organisation present with the vote; empty when none was taken.
    votes_for = models.PositiveIntegerField(_("for"), null=True, blank=True)
    votes_against = models.PositiveIntegerField(_("against"), null=True, blank=True)
    abstentions = models.PositiveIntegerField(_("abstentions"), null=True, blank=True)
    original_language = OriginalLanguageField(verbose_name=ORIGINAL_LANGUAGE)

    class Meta:
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        ordering = ["assembly", "order", "id"]

    def __str__(self) -> str:
        return self.title_en or self.title_ar or str(self.order)

    @property
    def has_vote(self) -> bool:
        return self.votes_for is not None


class AssemblyDocument(models.Model):
    """A document of the assembly, kept in the database (no media server to configure) and served by a view that
    checks who may read it. Images are stored with their metadata (location, camera) removed."""

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    assembly = models.ForeignKey(Assembly, on_delete=models.CASCADE, related_name="documents")
    title = models.CharField(_("title"), max_length=200)
    filename = models.CharField(max_length=200)
    content_type = models.CharField(max_length=40)
    data = models.BinaryField()
    is_public = models.BooleanField(_("public"), default=True)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["uploaded_at", "id"]

    def __str__(self) -> str:
        return self.title


class InvitedOrganisation(models.Model):
    """The frozen list of organisations invited to an assembly (the quorum counts those in good standing)."""

    assembly = models.ForeignKey(Assembly, on_delete=models.CASCADE, related_name="invited")
    organisation = models.ForeignKey("members.Organisation", on_delete=models.PROTECT, related_name="+")
    invited_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["organisation__name_en"]
        constraints = [models.UniqueConstraint(fields=["assembly", "organisation"], name="invited_once")]

    def __str__(self) -> str:
        return f"{self.organisation} — {self.assembly}"


class Attendance(models.Model):
    """An organisation present at an assembly: one row per organisation, one representative with its vote."""

    assembly = models.ForeignKey(Assembly, on_delete=models.CASCADE, related_name="attendance")
    organisation = models.ForeignKey("members.Organisation", on_delete=models.PROTECT, related_name="+")
    representative_name = models.CharField(_("representative"), max_length=150)
    representative = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    has_vote = models.BooleanField(_("has the vote"), default=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    recorded_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["organisation__name_en"]
        constraints = [models.UniqueConstraint(fields=["assembly", "organisation"], name="attendance_one_per_org")]

    def __str__(self) -> str:
        return f"{self.organisation} at {self.assembly}"


class CandidacyRules(models.Model):
    """A version of the candidacy rules: text in the four languages and the checks CivNet runs from its records.
    A version is immutable once saved; a change is a new version, and an election points at the one in force."""

    number = models.PositiveIntegerField(unique=True, editable=False)
    text = Translated(models.TextField)
    good_standing_months = models.PositiveSmallIntegerField(
        _("months in good standing"),
        default=6,
        help_text=_("The candidate's organisation must have been a member without interruption this long."),
    )
    one_per_organisation = models.BooleanField(_("one candidate per organisation"), default=True)
    no_suspended = models.BooleanField(_("no candidate from a suspended organisation"), default=True)
    committee_cannot_stand = models.BooleanField(_("members of the counting committee cannot stand"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    original_language = OriginalLanguageField(verbose_name=ORIGINAL_LANGUAGE)

    class Meta:
        verbose_name = _("candidacy rules")
        verbose_name_plural = _("candidacy rules")
        ordering = ["-number"]

    def __str__(self) -> str:
        return f"Candidacy rules v{self.number}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValueError("A version of the candidacy rules is immutable: write a new version.")
        super().save(*args, **kwargs)


class Election(models.Model):
    """The election of seats in a body, held by an assembly and counted by its committee."""

    class Status(models.TextChoices):
        PREPARING = "preparing", _("In preparation")
        NOMINATIONS = "nominations", _("Nominations open")
        VOTING = "voting", _("Voting")
        COUNTING = "counting", _("Counting")
        SIGNED = "signed", _("Signed by the committee")
        PUBLISHED = "published", _("Published")

    class TieRule(models.TextChoices):
        DRAW = "draw", _("A draw by the counting committee")
        RUNOFF = "runoff", _("A run-off between the tied candidates")

    slug = models.SlugField(_("short name in the address"), unique=True, help_text=SLUG_HELP)
    assembly = models.ForeignKey(Assembly, on_delete=models.PROTECT, related_name="elections")
    body = models.ForeignKey(
        "coalition.Body", on_delete=models.PROTECT, related_name="elections", verbose_name=_("body")
    )
    title = Translated(models.CharField, max_length=200)
    # Shown at the top of the page: what a reader must know (the demo marks its illustrative figures here).
    note = Translated(models.TextField)
    seats = models.PositiveSmallIntegerField(_("seats to fill"), default=5)
    # {region slug: seats} reserved for candidates of organisations of that region; the rest are open to all.
    regional_seats = models.JSONField(_("regional seats"), default=dict, blank=True)
    term_months = models.PositiveSmallIntegerField(
        _("term in months"), default=24, help_text=_("0: until the next election of the body.")
    )
    tie_rule = models.CharField(_("when candidates tie"), max_length=8, choices=TieRule.choices, default=TieRule.DRAW)
    allow_blank = models.BooleanField(_("blank ballots allowed"), default=True)
    rules = models.ForeignKey(
        CandidacyRules, on_delete=models.PROTECT, related_name="elections", verbose_name=_("candidacy rules")
    )
    nominations_close_at = models.DateTimeField(_("nominations close at"), null=True, blank=True)
    committee_threshold = models.PositiveSmallIntegerField(
        _("sign-offs needed"), default=2, help_text=_("How many committee members must sign the result off.")
    )
    complaint_days = models.PositiveSmallIntegerField(_("days for complaints after publishing"), default=7)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.PREPARING)
    runoff_of = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="runoffs", editable=False
    )
    roll_frozen_at = models.DateTimeField(null=True, blank=True, editable=False)
    roll_fingerprint = models.CharField(max_length=64, blank=True, editable=False)
    signed_at = models.DateTimeField(null=True, blank=True, editable=False)
    published_at = models.DateTimeField(null=True, blank=True, editable=False)
    complaints_until = models.DateTimeField(null=True, blank=True, editable=False)
    # What was published, as published: {"seats": [...codes], "votes": {code: n}, "ballots", "blank", "invalid"}.
    result = models.JSONField(default=dict, blank=True, editable=False)
    original_language = OriginalLanguageField(verbose_name=ORIGINAL_LANGUAGE)

    class Meta:
        verbose_name = _("election")
        verbose_name_plural = _("elections")
        ordering = ["-assembly__starts_at", "slug"]
        constraints = [
            models.CheckConstraint(condition=Q(seats__gt=0), name="election_has_seats"),
            models.CheckConstraint(condition=Q(committee_threshold__gt=0), name="election_threshold_positive"),
        ]

    def __str__(self) -> str:
        return self.title_en or self.title_ar or self.slug

    ORDER = ("preparing", "nominations", "voting", "counting", "signed", "published")

    def reached(self, status: str) -> bool:
        return self.ORDER.index(self.status) >= self.ORDER.index(status)


class Nomination(models.Model):
    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    election = models.ForeignKey(Election, on_delete=models.CASCADE, related_name="nominations")
    organisation = models.ForeignKey("members.Organisation", on_delete=models.PROTECT, related_name="+")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="nominations")
    statement = Translated(models.TextField)
    nominated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    nominated_at = models.DateTimeField(auto_now_add=True)
    # The person's own consent, from their own account, and whether their name may be public.
    consent_at = models.DateTimeField(null=True, blank=True)
    show_name_publicly = models.BooleanField(default=False)
    # {rule: {"ok": bool}} as checked at the last change; the committee may override a failed check with a reason.
    checks = models.JSONField(default=dict)
    override_reason = models.TextField(blank=True)
    overridden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    original_language = OriginalLanguageField(verbose_name=ORIGINAL_LANGUAGE)

    class Meta:
        ordering = ["organisation__name_en", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["election", "person"], condition=Q(withdrawn_at__isnull=True), name="nominated_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.person} for {self.organisation} in {self.election}"

    @property
    def checks_pass(self) -> bool:
        return all(c.get("ok") for c in self.checks.values())

    @property
    def is_candidate(self) -> bool:
        """On the ballot: consented, not withdrawn, every check passed or the committee overrode them."""
        return (
            self.consent_at is not None
            and self.withdrawn_at is None
            and (self.checks_pass or bool(self.override_reason))
        )


class CommitteeMember(models.Model):
    """A member of an election's counting committee, chosen by the assembly from among the participants."""

    election = models.ForeignKey(Election, on_delete=models.CASCADE, related_name="committee")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    organisation = models.ForeignKey("members.Organisation", on_delete=models.PROTECT, related_name="+")
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["added_at", "id"]
        constraints = [models.UniqueConstraint(fields=["election", "person"], name="committee_once")]

    def __str__(self) -> str:
        return f"{self.person} on the committee of {self.election}"


# The roll's fingerprint, as the election page and election.json publish it, so anyone can recompute it without
# CivNet's code (a test recomputes the demo's from the published JSON). `roll_canonical` does exactly this.
ROLL_STEPS = (
    _("Write the line civnet-roll-v1."),
    _("Write the line election: followed by the election's short name (the end of its address)."),
    _(
        "Write one line for each organisation on the roll: its short name (the end of its profile's address), "
        "the organisations sorted by short name, byte by byte in UTF-8."
    ),
    _("End every line with LF (U+000A), put the text in Unicode Normalization Form C and encode it in UTF-8."),
    _("Compute its SHA-256: the fingerprint is its 64 lowercase hexadecimal digits."),
)


def roll_canonical(election_slug: str, organisation_slugs) -> str:
    slugs = sorted(set(organisation_slugs), key=lambda s: s.encode("utf-8"))
    text = "civnet-roll-v1\n" + f"election:{election_slug}\n" + "".join(f"{s}\n" for s in slugs)
    return unicodedata.normalize("NFC", text)


def roll_fingerprint(election_slug: str, organisation_slugs) -> str:
    return hashlib.sha256(roll_canonical(election_slug, organisation_slugs).encode("utf-8")).hexdigest()


class RollEntry(models.Model):
    """An organisation with a vote in the election, and who votes for it. Frozen when voting opens; a change after
    that is the committee's, logged, and changes the fingerprint. Representatives' names are not published."""

    election = models.ForeignKey(Election, on_delete=models.CASCADE, related_name="roll")
    organisation = models.ForeignKey("members.Organisation", on_delete=models.PROTECT, related_name="+")
    representative_name = models.CharField(_("representative"), max_length=150)
    added_after_freeze = models.BooleanField(default=False)

    class Meta:
        ordering = ["organisation__slug"]
        constraints = [models.UniqueConstraint(fields=["election", "organisation"], name="roll_once")]

    def __str__(self) -> str:
        return f"{self.organisation} on the roll of {self.election}"


class TrailWord(models.TextChoices):
    """Words the audit trail shows for the details of governance's events (their stored values never change)."""

    PRESENT = "present", _("present")
    ABSENT = "absent", _("not present")
    ADDED = "added", _("added to the roll")
    REMOVED = "removed", _("removed from the roll")
    UPHELD = "upheld", _("upheld")
    DISMISSED = "dismissed", _("dismissed")
    PUBLIC_NAME = "public_name", _("agreed, name shown publicly")
    NAME_WITHHELD = "name_withheld", _("agreed, name not published")
    DRAW = "draw", _("a draw by the committee")
    RUNOFF = "runoff", _("a run-off")
    BY_CANDIDATE = "by_candidate", _("withdrawn by the candidate")
    BY_ORGANISATION = "by_organisation", _("withdrawn by the organisation")


class Channel(models.TextChoices):
    PAPER = "paper", _("Paper ballots")
    ONLINE = "online", _("Online ballots")


class CountEntry(models.Model):
    """One committee member's count of a channel. Two entries by two members must agree exactly; each attempt has
    a number, and when the two of an attempt disagree both are kept and both members enter again (the next
    attempt)."""

    class Outcome(models.TextChoices):
        WAITING = "waiting", _("Waiting for the second entry")
        AGREED = "agreed", _("Agreed")
        DISAGREED = "disagreed", _("Disagreed")

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    election = models.ForeignKey(Election, on_delete=models.CASCADE, related_name="count_entries")
    channel = models.CharField(max_length=8, choices=Channel.choices, default=Channel.PAPER)
    attempt = models.PositiveSmallIntegerField(default=1)
    entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    entered_at = models.DateTimeField(auto_now_add=True)
    ballots = models.PositiveIntegerField()
    blank = models.PositiveIntegerField()
    invalid = models.PositiveIntegerField()
    votes = models.JSONField()  # {nomination code: votes}
    outcome = models.CharField(max_length=10, choices=Outcome.choices, default=Outcome.WAITING)

    class Meta:
        ordering = ["channel", "attempt", "entered_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["election", "channel", "attempt", "entered_by"], name="count_entry_once_per_attempt"
            )
        ]

    def __str__(self) -> str:
        return f"Count of {self.election} ({self.channel}, attempt {self.attempt}) by {self.entered_by}"

    def figures(self) -> tuple:
        return (self.ballots, self.blank, self.invalid, sorted(self.votes.items()))


class Tally(models.Model):
    """The accepted count of one channel: what two agreeing entries said. One per channel; never changed."""

    election = models.ForeignKey(Election, on_delete=models.CASCADE, related_name="tallies")
    channel = models.CharField(max_length=8, choices=Channel.choices, default=Channel.PAPER)
    ballots = models.PositiveIntegerField()
    blank = models.PositiveIntegerField()
    invalid = models.PositiveIntegerField()
    votes = models.JSONField()
    accepted_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["channel"]
        constraints = [models.UniqueConstraint(fields=["election", "channel"], name="one_tally_per_channel")]

    def __str__(self) -> str:
        return f"Tally of {self.election} ({self.channel})"


class TallySheet(models.Model):
    """A photograph of the signed paper tally sheet, its metadata (location, camera) removed on upload."""

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    election = models.ForeignKey(Election, on_delete=models.CASCADE, related_name="sheets")
    content_type = models.CharField(max_length=40)
    data = models.BinaryField()
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"Tally sheet of {self.election}"


class TieResolution(models.Model):
    """How a tie for the last seats was settled, by the rule set before voting: the committee's draw (who won it),
    or a run-off election between the tied candidates."""

    election = models.OneToOneField(Election, on_delete=models.CASCADE, related_name="tie")
    rule = models.CharField(max_length=8, choices=Election.TieRule.choices)
    tied = models.JSONField()  # nomination codes
    drawn = models.JSONField(default=list)  # nomination codes that won the draw
    note = models.TextField(blank=True)
    runoff = models.ForeignKey(Election, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"Tie in {self.election}"


class SignOff(models.Model):
    election = models.ForeignKey(Election, on_delete=models.CASCADE, related_name="signoffs")
    member = models.ForeignKey(CommitteeMember, on_delete=models.PROTECT, related_name="signoffs")
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["at", "id"]
        constraints = [models.UniqueConstraint(fields=["election", "member"], name="sign_off_once")]

    def __str__(self) -> str:
        return f"Sign-off of {self.election} by {self.member.person}"


class Complaint(models.Model):
    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    election = models.ForeignKey(Election, on_delete=models.CASCADE, related_name="complaints")
    organisation = models.ForeignKey("members.Organisation", on_delete=models.PROTECT, related_name="+")
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    submitted_at = models.DateTimeField(auto_now_add=True)
    text = models.TextField(_("the complaint"))
    decision = models.TextField(_("decision"), blank=True)
    upheld = models.BooleanField(null=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["submitted_at", "id"]

    def __str__(self) -> str:
        return f"Complaint of {self.organisation} about {self.election}"


# --- the online channel: verifiable online ballots (Belenios 2.0, governance/belenios.py) --------------------------


class OnlineChannel(models.Model):
    """An election's online ballots. The counting committee are its trustees (threshold t of n, t the committee's
    `committee_threshold`); one committee member is the credential authority. The server keeps only public material:
    the members' certificates, polynomials and voutputs (their secrets travel encrypted to each member, as in the
    specification), the public credentials, the ballots, the encrypted tally, the partial decryptions, the result.
    `election_raw` (the Belenios election.json) is fixed when voting opens and never changes afterwards."""

    election = models.OneToOneField(Election, on_delete=models.CASCADE, related_name="online")
    uuid = models.CharField(max_length=22, unique=True, editable=False)
    group = models.CharField(max_length=20, default="BELENIOS-2048", editable=False)
    threshold = models.PositiveSmallIntegerField(editable=False)
    credential_authority = models.ForeignKey(
        CommitteeMember,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("credential authority"),
        help_text=_("The committee member who makes the voters' credentials in their browser and prints the slips."),
    )
    enabled_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    enabled_at = models.DateTimeField(auto_now_add=True)
    trustees = models.TextField(blank=True, editable=False)  # the Belenios trustees JSON once every step is in
    election_raw = models.TextField(blank=True, editable=False)  # the Belenios election.json, fixed at opening
    candidate_codes = models.JSONField(default=list, editable=False)  # answer i of the question = nomination code
    opened_at = models.DateTimeField(null=True, blank=True, editable=False)
    encrypted_tally = models.TextField(blank=True, editable=False)
    num_tallied = models.PositiveIntegerField(default=0, editable=False)
    total_weight = models.PositiveIntegerField(default=0, editable=False)
    tallied_at = models.DateTimeField(null=True, blank=True, editable=False)
    result_raw = models.TextField(blank=True, editable=False)
    decrypted_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("online channel")
        verbose_name_plural = _("online channels")

    def __str__(self) -> str:
        return f"Online channel of {self.election}"

    @property
    def key_ready(self) -> bool:
        return bool(self.trustees)


class TrusteeKey(models.Model):
    """A committee member's public key material (§4.6): certificate (step 1), polynomial (step 3, its secrets
    encrypted to each member), voutput (step 5: verification key with its proof, and the member's decryption key
    encrypted to the member). Index 1..n is the member's trustee number (the owner of their partial decryption)."""

    channel = models.ForeignKey(OnlineChannel, on_delete=models.CASCADE, related_name="keys")
    member = models.OneToOneField(CommitteeMember, on_delete=models.PROTECT, related_name="trustee_key")
    index = models.PositiveSmallIntegerField()
    certificate = models.TextField(blank=True)
    polynomial = models.TextField(blank=True)
    voutput = models.TextField(blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["channel", "index"]
        constraints = [models.UniqueConstraint(fields=["channel", "index"], name="trustee_index_once")]

    def __str__(self) -> str:
        return f"Trustee {self.index} of {self.channel.election}"

    @property
    def step(self) -> int:
        """1: certificate to send, 3: polynomial, 5: voutput, 6: done (the specification's step numbers)."""
        if not self.certificate:
            return 1
        if not self.polynomial:
            return 3
        if not self.voutput:
            return 5
        return 6


class VoterCredential(models.Model):
    """The public credential of one organisation on the roll (§4.8). The private credential was made in the
    credential authority's browser and printed on a slip: the server never had it. A revoked credential's ballot
    no longer counts and new ballots with it are refused; the authority may issue a new one."""

    channel = models.ForeignKey(OnlineChannel, on_delete=models.CASCADE, related_name="credentials")
    organisation = models.ForeignKey("members.Organisation", on_delete=models.PROTECT, related_name="+")
    public_credential = models.CharField(max_length=700)
    issued_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    issued_at = models.DateTimeField(auto_now_add=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_reason = models.TextField(blank=True)

    class Meta:
        ordering = ["issued_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["channel", "public_credential"], name="public_credential_once"),
            models.UniqueConstraint(
                fields=["channel", "organisation"],
                condition=Q(revoked_at__isnull=True),
                name="one_live_credential_per_organisation",
            ),
        ]

    def __str__(self) -> str:
        return f"Credential of {self.organisation} in {self.channel.election}"


class OnlineBallot(models.Model):
    """A ballot as received (the exact JSON the voter's browser signed), after every check. A later ballot of the
    same credential replaces it (`replaced_at`); replaced ballots stay, and their trackers too, so that replaying
    one is refused. Who cast it is kept for the audit trail; the public ballot box shows trackers only."""

    channel = models.ForeignKey(OnlineChannel, on_delete=models.CASCADE, related_name="ballots")
    credential = models.ForeignKey(VoterCredential, on_delete=models.PROTECT, related_name="ballots")
    raw = models.TextField()
    tracker = models.CharField(max_length=44)
    cast_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    cast_at = models.DateTimeField(auto_now_add=True)
    replaced_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["cast_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["channel", "tracker"], name="ballot_tracker_once"),
            models.UniqueConstraint(
                fields=["credential"], condition=Q(replaced_at__isnull=True), name="one_current_ballot_per_credential"
            ),
        ]

    def __str__(self) -> str:
        return f"Ballot {self.tracker}"


class PartialDecryption(models.Model):
    """A committee member's partial decryption of the encrypted tally (§4.18), checked before it was stored."""

    channel = models.ForeignKey(OnlineChannel, on_delete=models.CASCADE, related_name="decryptions")
    trustee = models.OneToOneField(TrusteeKey, on_delete=models.PROTECT, related_name="decryption")
    raw = models.TextField()
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["trustee__index"]

    def __str__(self) -> str:
        return f"Partial decryption of trustee {self.trustee.index}"
