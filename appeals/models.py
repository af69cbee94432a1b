"""Emergency appeals: an appeal and its needs, the collection points member organisations run, two append-only
ledgers (goods in `StockEntry`, money in `CashEntry`), convoys of trucks loaded from the stock, cash sent to the
receiving partners, and the handover the receiving partner confirms by a one-time link.

The ledgers are append-only: `save()` refuses to change a stored entry and `delete()` refuses to remove one; a
correction is a reversing entry with a reason. Stock and cash balances are sums of entries (`selectors`)."""

import hashlib
import uuid
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.i18n import OriginalLanguageField, Translated

SLUG_HELP = _("The end of the page's address: lowercase Latin letters, digits and hyphens, such as here-is-syria.")
QUANTITY = {"max_digits": 14, "decimal_places": 3}
MONEY = {"max_digits": 16, "decimal_places": 2}


def hash_token(token: str) -> str:
    """Only this hash of a one-time link's token is stored: a copy of the database opens no link."""
    return hashlib.sha256(token.encode()).hexdigest()


class AppendOnly(models.Model):
    """A ledger entry: written once, never changed nor deleted (a correction is a reversing entry)."""

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise ValidationError(_("A ledger entry cannot be changed: record a reversing entry instead."))
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValidationError(_("A ledger entry cannot be deleted: record a reversing entry instead."))


class Partner(models.Model):
    """Who receives what an appeal sends: a member organisation or an organisation outside the coalition (the
    White Helmets)."""

    name = Translated(models.CharField, max_length=200)
    organisation = models.ForeignKey(
        "members.Organisation",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("member organisation"),
    )
    original_language = OriginalLanguageField(verbose_name=_("language it was written in"))

    class Meta:
        verbose_name = _("receiving partner")
        verbose_name_plural = _("receiving partners")
        ordering = ["name_en", "pk"]

    def __str__(self) -> str:
        return self.name_en or self.name_ar


class Item(models.Model):
    """An item of the catalogue, counted in one unit."""

    class Category(models.TextChoices):
        FOOD = "food", _("Food")
        WATER = "water", _("Water")
        SHELTER = "shelter", _("Shelter and bedding")
        CLOTHING = "clothing", _("Clothing")
        HEALTH = "health", _("Medicine and health")
        HYGIENE = "hygiene", _("Hygiene")
        FUEL = "fuel", _("Fuel and heating")
        OTHER = "other", _("Other")

    class Unit(models.TextChoices):
        PIECE = "piece", _("pieces")
        KG = "kg", _("kilograms")
        LITRE = "litre", _("litres")
        BOX = "box", _("boxes")
        PARCEL = "parcel", _("parcels")
        BAG = "bag", _("bags")

    name = Translated(models.CharField, max_length=200)
    category = models.CharField(_("category"), max_length=12, choices=Category.choices)
    unit = models.CharField(_("unit"), max_length=8, choices=Unit.choices)
    # For a convoy's tonnage: what one unit weighs, packed.
    kg_per_unit = models.DecimalField(_("weight of one unit, in kg"), default=Decimal("1"), **QUANTITY)
    original_language = OriginalLanguageField(verbose_name=_("language it was written in"))

    class Meta:
        verbose_name = _("item")
        verbose_name_plural = _("items")
        ordering = ["category", "name_en", "pk"]

    def __str__(self) -> str:
        return self.name_en or self.name_ar


class Appeal(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        CLOSED = "closed", _("Closed")

    slug = models.SlugField(_("short name in the address"), unique=True, help_text=SLUG_HELP)
    title = Translated(models.CharField, max_length=200)
    cause = Translated(models.TextField)
    public_text = Translated(models.TextField)
    opens_on = models.DateField(_("opens on"))
    closes_on = models.DateField(_("open until"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=8, choices=Status.choices, default=Status.OPEN)
    areas = models.ManyToManyField("places.Place", blank=True, related_name="+", verbose_name=_("areas it serves"))
    partners = models.ManyToManyField(Partner, blank=True, related_name="appeals", verbose_name=_("receiving partners"))
    hashtag = models.CharField(_("hashtag"), max_length=100, blank=True)
    cash_target = models.DecimalField(_("cash target"), null=True, blank=True, **MONEY)
    cash_currency = models.CharField(_("currency of the target"), max_length=3, default="USD")
    coordinators = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="coordinated_appeals", verbose_name=_("coordinators")
    )
    illustrative = models.BooleanField(
        _("figures are illustrative"), default=False, help_text=_("Demo data: the page says its figures are made up.")
    )
    original_language = OriginalLanguageField(verbose_name=_("language it was written in"))

    class Meta:
        verbose_name = _("appeal")
        verbose_name_plural = _("appeals")
        ordering = ["-opens_on", "slug"]

    def __str__(self) -> str:
        return self.title_en or self.slug


class Need(models.Model):
    class Priority(models.TextChoices):
        URGENT = "urgent", _("Urgent")
        NEEDED = "needed", _("Needed")
        NOT_NOW = "not_now", _("Not needed now")

    appeal = models.ForeignKey(Appeal, on_delete=models.CASCADE, related_name="needs")
    item = models.ForeignKey(Item, on_delete=models.PROTECT, related_name="+", verbose_name=_("item"))
    priority = models.CharField(_("priority"), max_length=8, choices=Priority.choices)
    quantity = models.DecimalField(_("quantity wanted"), null=True, blank=True, **QUANTITY)

    class Meta:
        ordering = ["priority", "item__category", "pk"]
        constraints = [models.UniqueConstraint(fields=["appeal", "item"], name="appeal_need_once_per_item")]

    def __str__(self) -> str:
        return f"{self.item} ({self.get_priority_display()})"


class CollectionPoint(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        FULL = "full", _("Full")
        CLOSED = "closed", _("Closed")

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    appeal = models.ForeignKey(Appeal, on_delete=models.PROTECT, related_name="points")
    organisation = models.ForeignKey(
        "members.Organisation", on_delete=models.PROTECT, related_name="+", verbose_name=_("run by")
    )
    place = models.ForeignKey("places.Place", on_delete=models.PROTECT, related_name="+", verbose_name=_("place"))
    address = models.CharField(_("address"), max_length=300, blank=True)
    hours = models.CharField(_("opening hours"), max_length=200, blank=True)
    status = models.CharField(_("status"), max_length=8, choices=Status.choices, default=Status.OPEN)
    needs_now = models.TextField(_("what it needs now"), blank=True)
    last_checked_at = models.DateTimeField(_("last checked"), default=timezone.now)
    opened_on = models.DateField(_("opened on"), default=timezone.localdate)

    class Meta:
        verbose_name = _("collection point")
        verbose_name_plural = _("collection points")
        ordering = ["organisation__region__order", "organisation__name_en", "pk"]

    def __str__(self) -> str:
        return f"{self.organisation} — {self.place.name_en or self.place.name_ar}"


class Convoy(models.Model):
    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        LOADING = "loading", _("Loading")
        DEPARTED = "departed", _("Departed")
        ARRIVED = "arrived", _("Arrived")
        CLOSED = "closed", _("Closed")

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    appeal = models.ForeignKey(Appeal, on_delete=models.PROTECT, related_name="convoys")
    number = models.PositiveSmallIntegerField(_("number"))
    crossing = models.CharField(_("crossing"), max_length=200)
    route = models.CharField(_("route"), max_length=300, blank=True)
    planned_on = models.DateField(_("planned departure"), null=True, blank=True)
    departed_at = models.DateTimeField(_("departed"), null=True, blank=True)
    arrived_at = models.DateTimeField(_("arrived"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PLANNED)
    partner = models.ForeignKey(
        Partner, on_delete=models.PROTECT, related_name="convoys", verbose_name=_("receiving partner")
    )

    class Meta:
        verbose_name = _("convoy")
        verbose_name_plural = _("convoys")
        ordering = ["appeal", "number"]
        constraints = [models.UniqueConstraint(fields=["appeal", "number"], name="convoy_number_once_per_appeal")]

    def __str__(self) -> str:
        return f"{self.appeal} — {self.number}"

    @property
    def has_arrived(self) -> bool:
        return self.status in (self.Status.ARRIVED, self.Status.CLOSED)


class Truck(models.Model):
    """A truck of a convoy. Its plate, driver and phone are restricted: only the coordinators see them, and the
    driver's name and phone are deleted once the receiving partner confirmed the handover."""

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    convoy = models.ForeignKey(Convoy, on_delete=models.PROTECT, related_name="trucks")
    plate = models.CharField(_("plate"), max_length=40, blank=True)
    driver_name = models.CharField(_("driver's name"), max_length=200, blank=True)
    driver_phone = models.CharField(_("driver's phone"), max_length=40, blank=True)
    wiped_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["convoy", "pk"]

    def __str__(self) -> str:
        return str(_("Truck %(number)s") % {"number": self.pk})


class ManifestLine(models.Model):
    """What one truck carries from one collection point. Loading writes it together with the `load` entry of the
    stock ledger that takes the goods out of the point."""

    class Outcome(models.TextChoices):
        RECEIVED = "received", _("Received")
        DAMAGED = "damaged", _("Damaged")
        LOST = "lost", _("Lost")

    truck = models.ForeignKey(Truck, on_delete=models.PROTECT, related_name="lines")
    item = models.ForeignKey(Item, on_delete=models.PROTECT, related_name="+")
    point = models.ForeignKey(CollectionPoint, on_delete=models.PROTECT, related_name="+")
    quantity = models.DecimalField(**QUANTITY)
    outcome = models.CharField(max_length=10, choices=Outcome.choices, blank=True)

    class Meta:
        ordering = ["truck", "pk"]

    def __str__(self) -> str:
        return f"{self.quantity} × {self.item}"


class Handover(models.Model):
    """The receiving partner's confirmation of a convoy, by a one-time link: only the token's hash is kept; the
    link works once and until it expires. The receipt records both sides: who handed over (the coordinator who
    issued the link) and who received (the name the partner typed)."""

    convoy = models.ForeignKey(Convoy, on_delete=models.PROTECT, related_name="handovers")
    token_hash = models.CharField(max_length=64, unique=True)
    expires_at = models.DateTimeField()
    issued_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    issued_at = models.DateTimeField(default=timezone.now)
    used_at = models.DateTimeField(null=True, blank=True)
    received_by = models.CharField(_("received by"), max_length=200, blank=True)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["-issued_at"]

    def __str__(self) -> str:
        return str(self.convoy)


class StockEntry(AppendOnly):
    """One movement of goods at a collection point, in the item's unit: positive in, negative out."""

    class Kind(models.TextChoices):
        INTAKE = "intake", _("Received")
        TRANSFER_OUT = "transfer_out", _("Moved to another point")
        TRANSFER_IN = "transfer_in", _("Moved in from another point")
        LOAD = "load", _("Loaded on a truck")
        UNLOAD = "unload", _("Unloaded from a truck")
        REVERSAL = "reversal", _("Correction")

    class Condition(models.TextChoices):
        NEW = "new", _("New")
        GOOD = "good", _("Used, good")
        DAMAGED = "damaged", _("Damaged")

    point = models.ForeignKey(CollectionPoint, on_delete=models.PROTECT, related_name="stock_entries")
    item = models.ForeignKey(Item, on_delete=models.PROTECT, related_name="+")
    quantity = models.DecimalField(**QUANTITY)
    kind = models.CharField(max_length=12, choices=Kind.choices)
    condition = models.CharField(max_length=8, choices=Condition.choices, blank=True)
    donor_name = models.CharField(max_length=200, blank=True)
    donor_consents = models.BooleanField(default=False)  # to be named publicly
    receipt = models.CharField(max_length=40, blank=True)
    client_uuid = models.UUIDField(null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    reversal_of = models.OneToOneField(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="reversed_by"
    )
    reason = models.TextField(blank=True)
    manifest_line = models.ForeignKey(
        ManifestLine, null=True, blank=True, on_delete=models.PROTECT, related_name="stock_entries"
    )
    other_point = models.ForeignKey(CollectionPoint, null=True, blank=True, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["created_at", "pk"]
        indexes = [
            models.Index(fields=["point", "item"], name="stock_point_item"),
            # Covers the public account's sums by kind (no table read): 20,000 intakes sum in a few ms.
            models.Index(fields=["point", "kind", "item", "quantity"], name="stock_point_kind_item"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["created_by", "client_uuid"], condition=Q(client_uuid__isnull=False), name="stock_sent_once"
            ),
            models.CheckConstraint(condition=~Q(quantity=0), name="stock_quantity_not_zero"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.quantity} × {self.item}"


class CashTransfer(models.Model):
    """Money sent from a collection point's cash to a receiving partner, confirmed by the sender (the point's
    organisation or a coordinator) and by the receiver (through a one-time link)."""

    class Method(models.TextChoices):
        BANK = "bank", _("Bank transfer")
        MONEY_TRANSFER = "money_transfer", _("Money transfer company")
        HAWALA = "hawala", _("Hawala")
        COURIER = "courier", _("Courier")

    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    point = models.ForeignKey(CollectionPoint, on_delete=models.PROTECT, related_name="transfers")
    partner = models.ForeignKey(Partner, on_delete=models.PROTECT, related_name="+", verbose_name=_("receiver"))
    method = models.CharField(_("method"), max_length=16, choices=Method.choices)
    amount = models.DecimalField(_("amount"), **MONEY)
    currency = models.CharField(_("currency"), max_length=3)
    reference = models.CharField(_("reference"), max_length=100, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    sender_confirmed_at = models.DateTimeField(null=True, blank=True)
    sender_confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    token_hash = models.CharField(max_length=64, blank=True)
    token_expires_at = models.DateTimeField(null=True, blank=True)
    receiver_confirmed_at = models.DateTimeField(null=True, blank=True)
    received_by = models.CharField(_("received by"), max_length=200, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.amount} {self.currency} → {self.partner}"


class CashEntry(AppendOnly):
    """One movement of money at a collection point, in its currency, with the rate to US dollars used for totals
    and the date of that rate: donations in (positive), money sent (negative), corrections."""

    class Kind(models.TextChoices):
        DONATION = "donation", _("Donation")
        SENT = "sent", _("Sent")
        REVERSAL = "reversal", _("Correction")

    point = models.ForeignKey(CollectionPoint, on_delete=models.PROTECT, related_name="cash_entries")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    amount = models.DecimalField(**MONEY)
    currency = models.CharField(max_length=3)
    usd_rate = models.DecimalField(max_digits=18, decimal_places=8)  # US dollars for one unit of the currency
    rate_date = models.DateField()
    donor_name = models.CharField(max_length=200, blank=True)
    donor_consents = models.BooleanField(default=False)
    receipt = models.CharField(max_length=40, blank=True)
    client_uuid = models.UUIDField(null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    reversal_of = models.OneToOneField(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="reversed_by"
    )
    reason = models.TextField(blank=True)
    transfer = models.ForeignKey(CashTransfer, null=True, blank=True, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["point", "currency"], name="cash_point_currency")]
        constraints = [
            models.UniqueConstraint(
                fields=["created_by", "client_uuid"], condition=Q(client_uuid__isnull=False), name="cash_sent_once"
            ),
            models.CheckConstraint(condition=~Q(amount=0), name="cash_amount_not_zero"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.amount} {self.currency}"

    @property
    def usd(self) -> Decimal:
        return (self.amount * self.usd_rate).quantize(Decimal("0.01"))
