"""Member organisations, their sectors, membership history, the people who act for them, applications
to join, and the seats organisations hold in the coalition's bodies."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Case, Q, Value, When
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.i18n import OriginalLanguageField, Translated, all_texts
from core.text import normalise


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
    founded_on = models.DateField(_("founding date"), null=True, blank=True)
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
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = OrganisationQuerySet.as_manager()

    class Meta:
        ordering = ["name_en", "slug"]

    def __str__(self) -> str:
        return self.name_en or self.name_ku or self.name_ar or self.slug

    @property
    def iati_ref(self) -> str:
        return self.iati_identifier or f"{settings.CIVNET_IATI_PREFIX}-{self.slug}"

    def build_search_text(self) -> str:
        texts = [*all_texts(self, "name"), self.acronym, *all_texts(self, "description")]
        return " " + normalise(" ".join(texts)) + " "

    def normalised_names(self) -> set[str]:
        return {normalise(text) for text in all_texts(self, "name") if text.strip()}

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

    class Meta:
        ordering = ["-submitted_at"]

    def __str__(self) -> str:
        return f"Application of {self.organisation}"


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
