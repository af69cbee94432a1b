"""Member organisations, their sectors, membership history, the people who act for them, applications
to join, and the seats organisations hold in the coalition's bodies."""

import datetime
import hashlib
import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Case, Q, Value, When
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.i18n import LANGUAGE_CODES, OriginalLanguageField, Translated, all_texts, language_name
from core.text import normalise
from members.names import comparison_keys, readings

# The names an organisation is known by, compared against every other organisation's to refuse look-alikes.
NAME_FIELDS = tuple(f"name_{code}" for code in LANGUAGE_CODES)
# No civil society organisation of the region is older; a date before it is a typing mistake.
EARLIEST_FOUNDING_YEAR = 1900


def validate_founded_on(value: datetime.date | None) -> None:
    """A founding date is in the past, and not before 1900."""
    if value is None:
        return
    if value > timezone.localdate():
        raise ValidationError(_("The founding date cannot be in the future."), code="future")
    if value.year < EARLIEST_FOUNDING_YEAR:
        raise ValidationError(
            _("The founding date cannot be before %(year)s.") % {"year": EARLIEST_FOUNDING_YEAR}, code="too_old"
        )


class Sector(models.Model):
    """One of the coalition's own sectors, mapped to the humanitarian and development vocabularies."""

    class Cluster(models.TextChoices):
        # Whole-of-Syria cluster names (HXL #sector+cluster) with their IATI vocabulary-10 codes.
        PROTECTION = "PRO", "Protection"
        EDUCATION = "EDU", "Education"
        HEALTH = "HEA", "Health"
        WASH = "WSH", "WASH"
        FOOD_SECURITY = "FSC", "Food Security"
        SHELTER = "SHL", "Shelter/NFI"
        EARLY_RECOVERY = "ERY", "Early Recovery and Livelihoods"
        NUTRITION = "NUT", "Nutrition"
        CCCM = "CCM", "CCCM"
        LOGISTICS = "LOG", "Logistics"

    slug = models.SlugField(unique=True)
    name = Translated(models.CharField, max_length=120)
    order = models.PositiveSmallIntegerField(default=0)
    iasc_cluster = models.CharField(max_length=3, choices=Cluster.choices, blank=True)
    dac_code = models.CharField("DAC 5-digit code", max_length=5, blank=True)
    original_language = "en"

    class Meta:
        ordering = ["order", "slug"]

    def __str__(self) -> str:
        return self.name_en or self.slug


class OrganisationQuerySet(models.QuerySet):
    def public(self):
        return self.filter(status__in=Organisation.PUBLIC_STATUSES)


class Organisation(models.Model):
    class Status(models.TextChoices):
        APPLICANT = "applicant", _("Applicant")
        MEMBER = "member", _("Member")
        SUSPENDED = "suspended", _("Suspended")
        WITHDRAWN = "withdrawn", _("Withdrawn")
        REJECTED = "rejected", _("Application rejected")

    # Suspended members stay listed (marked) so the public record does not silently change.
    PUBLIC_STATUSES = (Status.MEMBER, Status.SUSPENDED)

    slug = models.SlugField(max_length=120, unique=True)
    name = Translated(models.CharField, max_length=200)
    acronym = models.CharField(_("acronym"), max_length=30, blank=True)
    original_language = OriginalLanguageField()
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.APPLICANT, db_index=True)
    status_since = models.DateTimeField(default=timezone.now)
    region = models.ForeignKey("coalition.Region", on_delete=models.PROTECT, related_name="organisations")
    sectors = models.ManyToManyField(Sector, blank=True, related_name="organisations")
    place = models.ForeignKey(
        "places.Place", null=True, blank=True, on_delete=models.PROTECT, related_name="organisations"
    )
    founded_on = models.DateField(_("founding date"), null=True, blank=True, validators=[validate_founded_on])
    description = Translated(models.TextField)
    vision = Translated(models.TextField)
    mission = Translated(models.TextField)
    website = models.URLField(_("website"), blank=True)
    email = models.EmailField(_("public email"), blank=True)
    phone = models.CharField(_("public phone"), max_length=40, blank=True)
    publish_website = models.BooleanField(_("publish the website"), default=True)
    publish_email = models.BooleanField(_("publish the email address"), default=False)
    publish_phone = models.BooleanField(_("publish the phone number"), default=False)
    iati_identifier = models.CharField(_("IATI organisation identifier"), max_length=100, blank=True)
    search_text = models.TextField(blank=True, editable=False)
    # Every comparison key of every name (members.names.comparison_keys), one a line between line breaks, so
    # the database finds look-alike names without reading every organisation. Kept up to date by save().
    name_keys = models.TextField(blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = OrganisationQuerySet.as_manager()

    class Meta:
        ordering = ["name_en", "slug"]

    def __str__(self) -> str:
        return self.name_en or self.name_ku or self.name_ar or self.slug

    def save(self, *args, **kwargs):
        update_fields = kwargs.get("update_fields")
        if update_fields is None or set(update_fields) & set(NAME_FIELDS):
            self.name_keys = self.build_name_keys()
            if update_fields is not None:
                kwargs["update_fields"] = {*update_fields, "name_keys"}
        super().save(*args, **kwargs)

    @property
    def iati_ref(self) -> str:
        return self.iati_identifier or f"{settings.CIVNET_IATI_PREFIX}-{self.slug}"

    def build_search_text(self) -> str:
        texts = [*all_texts(self, "name"), self.acronym, *all_texts(self, "description")]
        return " " + normalise(" ".join(texts)) + " "

    def normalised_names(self) -> set[str]:
        """The names as a reader sees them (invisible characters left out), normalised for search."""
        return {normalise(form) for text in all_texts(self, "name") for form in readings(text)} - {""}

    def comparison_keys(self) -> set[str]:
        """The keys another organisation's names must not share (members.names)."""
        return {key for field in NAME_FIELDS for key in comparison_keys(getattr(self, field) or "")}

    def build_name_keys(self) -> str:
        keys = sorted(self.comparison_keys())
        return "\n" + "\n".join(keys) + "\n" if keys else ""

    @property
    def is_member(self) -> bool:
        return self.status == self.Status.MEMBER

    def published_contacts(self) -> list[tuple[str, str]]:
        contacts = []
        if self.website and self.publish_website:
            contacts.append(("website", self.website))
        if self.email and self.publish_email:
            contacts.append(("email", self.email))
        if self.phone and self.publish_phone:
            contacts.append(("phone", self.phone))
        return contacts


class MembershipChange(models.Model):
    """The history of an organisation's membership status, with dates and reasons."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="membership_changes")
    status = models.CharField(max_length=16, choices=Organisation.Status.choices)
    at = models.DateTimeField(default=timezone.now)
    reason = models.TextField(blank=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)

    class Meta:
        ordering = ["organisation", "at", "id"]

    def __str__(self) -> str:
        return f"{self.organisation} — {self.status} — {self.at:%Y-%m-%d}"


class Affiliation(models.Model):
    """A person's role in an organisation. Several roles are several rows."""

    class Role(models.TextChoices):
        ADMIN = "admin", _("Admin")
        EDITOR = "editor", _("Editor")
        SIGNATORY = "signatory", _("Signatory")
        DELEGATE = "delegate", _("Delegate")

    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="affiliations")
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="affiliations")
    role = models.CharField(max_length=16, choices=Role.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["organisation", "person", "role"]
        constraints = [
            models.UniqueConstraint(fields=["person", "organisation", "role"], name="affiliation_unique_role")
        ]

    def __str__(self) -> str:
        return f"{self.person} — {self.get_role_display()} — {self.organisation}"


class Application(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for review")
        ACCEPTED = "accepted", _("Accepted")
        REJECTED = "rejected", _("Rejected")

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organisation = models.OneToOneField(Organisation, on_delete=models.CASCADE, related_name="application")
    contact_name = models.CharField(max_length=150)
    contact_email = models.EmailField()
    contact_phone = models.CharField(max_length=40, blank=True)
    message = models.TextField(blank=True)
    language = models.CharField(max_length=3, default="ar")
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.PENDING, db_index=True)
    submitted_at = models.DateTimeField(default=timezone.now)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decision_reason = models.TextField(blank=True)
    possible_duplicates = models.ManyToManyField(Organisation, blank=True, related_name="+")
    # The last email about the decision: when it left, or why it could not (shown to the technical team, who
    # may send it again). The decision stands either way.
    email_sent_at = models.DateTimeField(null=True, blank=True)
    email_error = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["-submitted_at"]

    def __str__(self) -> str:
        return f"Application of {self.organisation}"


class NameChange(models.Model):
    """A new name an organisation's people asked for. The names of an organisation that is or was a member are on
    the public record (its profile, the statements it signed): a new one is shown only once the technical team
    accepted it, so nobody renames their organisation to pose as another."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for review")
        ACCEPTED = "accepted", _("Accepted")
        REFUSED = "refused", _("Refused")
        REPLACED = "replaced", _("Replaced by a newer request")

    FIELDS = (*NAME_FIELDS, "acronym")

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="name_changes")
    # {field: value} before and after, for the fields that change: what the review shows.
    before = models.JSONField(default=dict)
    after = models.JSONField(default=dict)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.PENDING, db_index=True)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    requested_at = models.DateTimeField(default=timezone.now)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    reason = models.TextField(blank=True)

    class Meta:
        ordering = ["-requested_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation"], condition=Q(status="pending"), name="name_change_one_pending"
            )
        ]

    def __str__(self) -> str:
        return f"Name change of {self.organisation} ({self.status})"

    def changes(self) -> list[tuple[str, str, str]]:
        """(field, before, after) for each field that changes, in the order of FIELDS."""
        return [(field, self.before.get(field, ""), self.after[field]) for field in self.FIELDS if field in self.after]

    def labelled_changes(self) -> list[tuple[str, str, str]]:
        """(what, before, after) as people read them: "Name (Arabic)", never the column's name."""
        return [(self.field_label(field), before, after) for field, before, after in self.changes()]

    @staticmethod
    def field_label(field: str) -> str:
        if field == "acronym":
            return str(_("Acronym"))
        return str(_("Name (%(language)s)") % {"language": language_name(field.rsplit("_", 1)[-1])})


class Invitation(models.Model):
    """An organisation admin's invitation to a role, sent to an email address. The person accepts it through the
    link in the email (an account is created then if the address has none); until then the admin sees only the
    address they typed, never who holds it."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for the person")
        ACCEPTED = "accepted", _("Accepted")
        CANCELLED = "cancelled", _("Cancelled")

    # Days a link stays valid: long enough for someone with irregular access to the internet.
    VALID_DAYS = 14

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField()
    role = models.CharField(max_length=16, choices=Affiliation.Role.choices)
    language = models.CharField(max_length=3, default="ar")
    # The link's secret is never stored, only its SHA-256: a copy of the database opens no invitation.
    token_hash = models.CharField(max_length=64, unique=True)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.PENDING, db_index=True)
    invited_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    sent_at = models.DateTimeField(default=timezone.now)
    email_error = models.CharField(max_length=500, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-sent_at", "-id"]

    def __str__(self) -> str:
        return f"Invitation of {self.email} to {self.organisation} as {self.role}"

    @staticmethod
    def hash_token(token: str) -> str:
        return hashlib.sha256(token.encode()).hexdigest()

    @property
    def expires_at(self) -> datetime.datetime:
        return self.sent_at + datetime.timedelta(days=self.VALID_DAYS)

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.PENDING and timezone.now() < self.expires_at


class MandateQuerySet(models.QuerySet):
    def current(self, on=None):
        on = on or timezone.localdate()
        return self.filter(starts_on__lte=on).filter(Q(ends_on__isnull=True) | Q(ends_on__gte=on))

    def past(self, on=None):
        on = on or timezone.localdate()
        return self.filter(ends_on__lt=on)

    def by_role(self):
        """Chair first, then deputy, secretary and members; within a role, the earliest term first."""
        rank = Case(
            *(When(role=role, then=Value(n)) for role, n in Mandate.ROLE_ORDER.items()),
            default=Value(len(Mandate.ROLE_ORDER)),
        )
        return self.order_by(rank, "starts_on", "pk")


class Mandate(models.Model):
    """A seat in a coalition body, held by a person for an organisation, with a role and a term.

    It lives here rather than in `coalition` because it points at an organisation: members sits above coalition,
    and the coalition's pages reach seats through the reverse relation `body.mandates`. The table keeps its
    original name."""

    class Role(models.TextChoices):
        CHAIR = "chair", _("Chair")
        DEPUTY = "deputy", _("Deputy chair")
        SECRETARY = "secretary", _("Secretary")
        MEMBER = "member", _("Member")

    body = models.ForeignKey("coalition.Body", on_delete=models.PROTECT, related_name="mandates")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="mandates")
    organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.PROTECT, related_name="mandates"
    )
    role = models.CharField(max_length=16, choices=Role.choices, default=Role.MEMBER)
    starts_on = models.DateField()
    ends_on = models.DateField(null=True, blank=True)
    end_reason = models.CharField(max_length=300, blank=True)
    # Names of people are not public unless they agreed: in this setting a name can put someone at risk.
    show_person_publicly = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = MandateQuerySet.as_manager()

    ROLE_ORDER = {Role.CHAIR: 0, Role.DEPUTY: 1, Role.SECRETARY: 2, Role.MEMBER: 3}

    class Meta:
        db_table = "coalition_mandate"
        ordering = ["body", "starts_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=models.F("starts_on")),
                name="mandate_ends_after_start",
            )
        ]

    def __str__(self) -> str:
        return f"{self.body} — {self.get_role_display()} — {self.person}"
