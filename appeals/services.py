"""Every write of an appeal, each in a transaction and audited, refusing with a message in the reader's language
and writing nothing when refused. The ledgers only grow: a correction is a reversing entry.

Stock never goes below zero: what takes goods out of a point (loading a truck, moving goods, reversing an intake)
first locks the point's row (`select_for_update`; on SQLite every transaction takes the write lock when it
begins), then reads the stock and writes its entries, so two coordinators loading the last boxes at once are
served one after the other and the second is refused."""

import secrets
import uuid
from datetime import timedelta
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.db.models import Max, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from appeals.currencies import is_iso_4217
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
from appeals.permissions import INTAKE_ROLES
from core import audit
from core.models import AuditEvent
from core.services import Refused
from members.models import Affiliation

A = AuditEvent.Action
HANDOVER_DAYS = 14
COUNTED_UNITS = {Item.Unit.PIECE, Item.Unit.BOX, Item.Unit.PARCEL, Item.Unit.BAG}


# --- checks shared by the writes -------------------------------------------------------------------------------


def _quantity(item: Item, quantity, unit: str | None = None) -> Decimal:
    if unit is not None and unit not in Item.Unit.values:
        raise Refused(_("This unit is not one CivNet knows. Choose one of the units of the list."))
    if unit is not None and unit != item.unit:
        raise Refused(_("%(item)s is counted in %(unit)s.") % {"item": item.name, "unit": Item.Unit(item.unit).label})
    try:
        quantity = Decimal(quantity)
    except (TypeError, ArithmeticError, ValueError):
        raise Refused(_("The quantity must be a number greater than zero.")) from None
    if not quantity.is_finite() or quantity <= 0:
        raise Refused(_("The quantity must be a number greater than zero."))
    if item.unit in COUNTED_UNITS and quantity != quantity.to_integral_value():
        raise Refused(
            _("%(item)s is counted in whole %(unit)s.") % {"item": item.name, "unit": item.get_unit_display()}
        )
    return quantity


def _money(amount, currency: str, usd_rate) -> tuple[Decimal, str, Decimal]:
    currency = (currency or "").strip().upper()
    if not is_iso_4217(currency):
        raise Refused(
            _("“%(code)s” is not an ISO 4217 currency code (such as SYP, USD, TRY or EUR).") % {"code": currency}
        )
    try:
        amount, usd_rate = Decimal(amount), Decimal(usd_rate)
    except (TypeError, ArithmeticError, ValueError):
        raise Refused(_("The amount and the exchange rate must be numbers greater than zero.")) from None
    if not amount.is_finite() or amount <= 0 or not usd_rate.is_finite() or usd_rate <= 0:
        raise Refused(_("The amount and the exchange rate must be numbers greater than zero."))
    return amount, currency, usd_rate


def _lock_points(*points: CollectionPoint) -> None:
    """Lock the points' rows, always in the same order so two writers never wait for each other."""
    list(CollectionPoint.objects.select_for_update().filter(pk__in=[p.pk for p in points]).order_by("pk"))


def _stock(point_ids, item_ids) -> dict[tuple[int, int], Decimal]:
    rows = (
        StockEntry.objects.filter(point_id__in=point_ids, item_id__in=item_ids)
        .values("point_id", "item_id")
        .annotate(total=Sum("quantity"))
    )
    return {(r["point_id"], r["item_id"]): r["total"] for r in rows}


def _cash(point: CollectionPoint, currency: str) -> Decimal:
    return CashEntry.objects.filter(point=point, currency=currency).aggregate(t=Sum("amount"))["t"] or Decimal(0)


def _appeal_open(appeal: Appeal) -> None:
    if appeal.status != Appeal.Status.OPEN:
        raise Refused(_("This appeal is closed: nothing more can be received."))


def _may_record(actor, point: CollectionPoint) -> None:
    """The last word on recording at a point; views check the same roles earlier (permissions)."""
    if not Affiliation.objects.filter(person=actor, organisation=point.organisation_id, role__in=INTAKE_ROLES).exists():
        raise Refused(_("Only the admins and editors of the point's organisation record what arrives there."))


# --- the appeal ------------------------------------------------------------------------------------------------


@transaction.atomic
def appeal_save(*, actor, appeal: Appeal, fields: dict, areas=None, partners=None) -> Appeal:
    creating = appeal.pk is None
    currency = fields.get("cash_currency", appeal.cash_currency)
    if currency and not is_iso_4217(currency):
        raise Refused(
            _("“%(code)s” is not an ISO 4217 currency code (such as SYP, USD, TRY or EUR).") % {"code": currency}
        )
    for key, value in fields.items():
        setattr(appeal, key, value)
    appeal.save()
    if areas is not None:
        appeal.areas.set(areas)
    if partners is not None:
        appeal.partners.set(partners)
    audit.record(
        actor=actor,
        action=A.APPEAL_CREATED if creating else A.APPEAL_UPDATED,
        target=appeal,
        data={"fields": sorted(fields)},
    )
    return appeal


@transaction.atomic
def appeal_close(*, actor, appeal: Appeal) -> Appeal:
    changed = Appeal.objects.filter(pk=appeal.pk, status=Appeal.Status.OPEN).update(status=Appeal.Status.CLOSED)
    if not changed:
        raise Refused(_("This appeal is already closed."))
    appeal.refresh_from_db()
    audit.record(actor=actor, action=A.APPEAL_CLOSED, target=appeal)
    return appeal


@transaction.atomic
def partner_add(*, actor, fields: dict) -> Partner:
    if not any(fields.get(f"name_{code}") for code in ("ar", "ku", "syr", "en")):
        raise Refused(_("Give the partner's name in at least one language."))
    partner = Partner.objects.create(**fields)
    audit.record(actor=actor, action=A.APPEAL_PARTNER_ADDED, target=partner)
    return partner


@transaction.atomic
def item_add(*, actor, fields: dict) -> Item:
    if fields.get("unit") not in Item.Unit.values:
        raise Refused(_("This unit is not one CivNet knows. Choose one of the units of the list."))
    if not any(fields.get(f"name_{code}") for code in ("ar", "ku", "syr", "en")):
        raise Refused(_("Give the item's name in at least one language."))
    item = Item.objects.create(**fields)
    audit.record(actor=actor, action=A.APPEAL_ITEM_ADDED, target=item, data={"unit": item.unit})
    return item


@transaction.atomic
def need_save(*, actor, appeal: Appeal, item: Item, priority: str, quantity=None) -> Need:
    if priority not in Need.Priority.values:
        raise Refused(_("Choose a priority of the list."))
    if quantity is not None:
        quantity = _quantity(item, quantity)
    need, _created = Need.objects.update_or_create(
        appeal=appeal, item=item, defaults={"priority": priority, "quantity": quantity}
    )
    audit.record(actor=actor, action=A.APPEAL_NEED_SAVED, target=appeal, data={"item": item.pk, "priority": priority})
    return need


@transaction.atomic
def coordinator_add(*, actor, appeal: Appeal, person) -> Appeal:
    appeal.coordinators.add(person)
    audit.record(actor=actor, action=A.APPEAL_COORDINATOR_ADDED, target=appeal, data={"person": person.email})
    return appeal


@transaction.atomic
def point_create(*, actor, appeal: Appeal, fields: dict) -> CollectionPoint:
    point = CollectionPoint.objects.create(appeal=appeal, **fields)
    audit.record(actor=actor, action=A.APPEAL_POINT_CREATED, target=point, data={"appeal": appeal.slug})
    return point


@transaction.atomic
def point_update(*, actor, point: CollectionPoint, status: str, needs_now: str, hours: str | None = None) -> None:
    if status not in CollectionPoint.Status.values:
        raise Refused(_("Choose a status of the list."))
    values = {"status": status, "needs_now": needs_now, "last_checked_at": timezone.now()}
    if hours is not None:
        values["hours"] = hours
    CollectionPoint.objects.filter(pk=point.pk).update(**values)
    audit.record(actor=actor, action=A.APPEAL_POINT_UPDATED, target=point, data={"status": status})


# --- intake: goods and cash, each recorded once ----------------------------------------------------------------


def _once(model, actor, client_uuid, create):
    """Create the entry unless this person already sent the same client identifier: a form sent twice, or an
    offline outbox replaying it, is stored once. Returns (entry, created)."""
    client_uuid = uuid.UUID(str(client_uuid)) if client_uuid else None
    if client_uuid:
        existing = model.objects.filter(created_by=actor, client_uuid=client_uuid).first()
        if existing:
            return existing, False
    try:
        with transaction.atomic():
            return create(client_uuid), True
    except IntegrityError:
        existing = model.objects.filter(created_by=actor, client_uuid=client_uuid).first() if client_uuid else None
        if existing is None:
            raise
        return existing, False


@transaction.atomic
def intake_record(
    *,
    actor,
    point: CollectionPoint,
    item: Item,
    quantity,
    unit: str,
    condition: str = StockEntry.Condition.NEW,
    donor_name: str = "",
    donor_consents: bool = False,
    receipt: str = "",
    client_uuid=None,
) -> tuple[StockEntry, bool]:
    """Goods received at a point. Returns (entry, created); created is False when the same client identifier was
    already recorded (the answer is then "already recorded", and nothing is written)."""
    _may_record(actor, point)
    _appeal_open(point.appeal)
    quantity = _quantity(item, quantity, unit)
    if condition not in StockEntry.Condition.values:
        raise Refused(_("Choose a condition of the list."))
    donor_name = (donor_name or "").strip()

    def create(client_uuid):
        entry = StockEntry.objects.create(
            point=point,
            item=item,
            quantity=quantity,
            kind=StockEntry.Kind.INTAKE,
            condition=condition,
            donor_name=donor_name,
            donor_consents=bool(donor_name) and donor_consents,
            receipt=receipt or "",
            client_uuid=client_uuid,
            created_by=actor,
        )
        audit.record(
            actor=actor,
            action=A.APPEAL_INTAKE_RECORDED,
            target=point,
            data={"entry": entry.pk, "item": item.pk, "quantity": str(quantity)},
        )
        return entry

    return _once(StockEntry, actor, client_uuid, create)


@transaction.atomic
def cash_record(
    *,
    actor,
    point: CollectionPoint,
    amount,
    currency: str,
    usd_rate,
    rate_date,
    donor_name: str = "",
    donor_consents: bool = False,
    receipt: str = "",
    client_uuid=None,
) -> tuple[CashEntry, bool]:
    _may_record(actor, point)
    _appeal_open(point.appeal)
    amount, currency, usd_rate = _money(amount, currency, usd_rate)
    if rate_date is None:
        raise Refused(_("Give the date of the exchange rate."))
    donor_name = (donor_name or "").strip()

    def create(client_uuid):
        entry = CashEntry.objects.create(
            point=point,
            kind=CashEntry.Kind.DONATION,
            amount=amount,
            currency=currency,
            usd_rate=usd_rate,
            rate_date=rate_date,
            donor_name=donor_name,
            donor_consents=bool(donor_name) and donor_consents,
            receipt=receipt or "",
            client_uuid=client_uuid,
            created_by=actor,
        )
        audit.record(
            actor=actor,
            action=A.APPEAL_CASH_RECORDED,
            target=point,
            data={"entry": entry.pk, "amount": str(amount), "currency": currency},
        )
        return entry

    return _once(CashEntry, actor, client_uuid, create)


@transaction.atomic
def entry_reverse(*, actor, entry: StockEntry | CashEntry, reason: str):
    """A correction: a new entry of the opposite sign, pointing at the one it corrects, with the reason."""
    reason = (reason or "").strip()
    if not reason:
        raise Refused(_("Say why the entry is corrected."))
    if entry.kind in ("reversal", StockEntry.Kind.LOAD, StockEntry.Kind.UNLOAD) or entry.kind.startswith("transfer"):
        raise Refused(_("Only a receipt can be corrected here; convoys and transfers are corrected by coordinators."))
    if isinstance(entry, CashEntry) and entry.kind != CashEntry.Kind.DONATION:
        raise Refused(_("Only a receipt can be corrected here; convoys and transfers are corrected by coordinators."))
    _lock_points(entry.point)
    model = type(entry)
    if model.objects.filter(reversal_of=entry).exists():
        raise Refused(_("This entry was already corrected."))
    common = {"point": entry.point, "kind": "reversal", "created_by": actor, "reversal_of": entry, "reason": reason}
    if isinstance(entry, StockEntry):
        stock = _stock([entry.point_id], [entry.item_id]).get((entry.point_id, entry.item_id), Decimal(0))
        if stock < entry.quantity:
            raise Refused(_("These goods have already left the point: the correction would make its stock negative."))
        reversal = StockEntry.objects.create(item=entry.item, quantity=-entry.quantity, **common)
    else:
        if _cash(entry.point, entry.currency) < entry.amount:
            raise Refused(_("This money has already been sent: the correction would make the point's cash negative."))
        reversal = CashEntry.objects.create(
            amount=-entry.amount, currency=entry.currency, usd_rate=entry.usd_rate, rate_date=entry.rate_date, **common
        )
    try:
        with transaction.atomic():
            audit.record(
                actor=actor,
                action=A.APPEAL_ENTRY_REVERSED,
                target=entry.point,
                data={"entry": entry.pk, "reason": reason, "ledger": "cash" if model is CashEntry else "stock"},
            )
    except IntegrityError:  # pragma: no cover - the OneToOne keeps one correction per entry
        raise Refused(_("This entry was already corrected.")) from None
    return reversal


# --- moving goods: between points, onto trucks ------------------------------------------------------------------


@transaction.atomic
def stock_transfer(*, actor, source: CollectionPoint, target: CollectionPoint, item: Item, quantity) -> None:
    if source.appeal_id != target.appeal_id or source.pk == target.pk:
        raise Refused(_("Goods move between two different points of the same appeal."))
    quantity = _quantity(item, quantity)
    _lock_points(source, target)
    stock = _stock([source.pk], [item.pk]).get((source.pk, item.pk), Decimal(0))
    if quantity > stock:
        raise Refused(
            _("Only %(stock)s %(unit)s of %(item)s are at this point.")
            % {"stock": stock.normalize(), "unit": item.get_unit_display(), "item": item.name}
        )
    common = {"item": item, "created_by": actor}
    StockEntry.objects.create(point=source, other_point=target, quantity=-quantity, kind="transfer_out", **common)
    StockEntry.objects.create(point=target, other_point=source, quantity=quantity, kind="transfer_in", **common)
    audit.record(
        actor=actor,
        action=A.APPEAL_STOCK_TRANSFERRED,
        target=source,
        data={"item": item.pk, "quantity": str(quantity), "to": str(target.code)},
    )


@transaction.atomic
def convoy_create(*, actor, appeal: Appeal, fields: dict) -> Convoy:
    Appeal.objects.select_for_update().filter(pk=appeal.pk).first()
    number = (appeal.convoys.aggregate(n=Max("number"))["n"] or 0) + 1
    convoy = Convoy.objects.create(appeal=appeal, number=number, **fields)
    audit.record(actor=actor, action=A.APPEAL_CONVOY_CREATED, target=convoy, data={"number": number})
    return convoy


def _before_departure(convoy: Convoy) -> None:
    if convoy.status not in (Convoy.Status.PLANNED, Convoy.Status.LOADING):
        raise Refused(_("This convoy has left: its trucks and loads can no longer change."))


@transaction.atomic
def truck_add(*, actor, convoy: Convoy, plate: str, driver_name: str, driver_phone: str) -> Truck:
    _before_departure(convoy)
    truck = Truck.objects.create(convoy=convoy, plate=plate, driver_name=driver_name, driver_phone=driver_phone)
    audit.record(actor=actor, action=A.APPEAL_TRUCK_ADDED, target=convoy, data={"truck": truck.pk})
    return truck


@transaction.atomic
def manifest_load(*, actor, truck: Truck, lines: list[tuple[CollectionPoint, Item, object]]) -> list[ManifestLine]:
    """Load a truck from the stock of the appeal's points: every line or none. Refused when a line asks for more
    than a point holds (lines of the same point and item add up), even when another coordinator loads the same
    goods at the same moment."""
    convoy = Convoy.objects.select_for_update().get(pk=truck.convoy_id)
    _before_departure(convoy)
    if not lines:
        raise Refused(_("Add at least one line to load."))
    wanted: dict[tuple[int, int], Decimal] = {}
    checked = []
    for point, item, quantity in lines:
        if point.appeal_id != convoy.appeal_id:
            raise Refused(_("A truck is loaded from the points of its own appeal."))
        quantity = _quantity(item, quantity)
        wanted[(point.pk, item.pk)] = wanted.get((point.pk, item.pk), Decimal(0)) + quantity
        checked.append((point, item, quantity))
    points = {p.pk: p for p, _i, _q in checked}
    items = {i.pk: i for _p, i, _q in checked}
    _lock_points(*points.values())
    stock = _stock(list(points), list(items))
    for (point_id, item_id), quantity in wanted.items():
        have = stock.get((point_id, item_id), Decimal(0))
        if quantity > have:
            item = items[item_id]
            raise Refused(
                _("Only %(stock)s %(unit)s of %(item)s are left at %(point)s: the truck cannot carry %(wanted)s.")
                % {
                    "stock": have.normalize(),
                    "unit": item.get_unit_display(),
                    "item": item.name,
                    "point": points[point_id].organisation.name,
                    "wanted": quantity.normalize(),
                }
            )
    created = []
    for point, item, quantity in checked:
        created.append(ManifestLine(truck=truck, item=item, point=point, quantity=quantity))
    created = ManifestLine.objects.bulk_create(created)
    StockEntry.objects.bulk_create(
        [
            StockEntry(
                point=line.point,
                item=line.item,
                quantity=-line.quantity,
                kind=StockEntry.Kind.LOAD,
                manifest_line=line,
                created_by=actor,
            )
            for line in created
        ]
    )
    if convoy.status == Convoy.Status.PLANNED:
        Convoy.objects.filter(pk=convoy.pk).update(status=Convoy.Status.LOADING)
    audit.record(
        actor=actor, action=A.APPEAL_TRUCK_LOADED, target=convoy, data={"truck": truck.pk, "lines": len(created)}
    )
    return created


def _move(convoy: Convoy, frm: tuple, to: str, field: str, already, action, actor) -> Convoy:
    changed = Convoy.objects.filter(pk=convoy.pk, status__in=frm).update(status=to, **{field: timezone.now()})
    if not changed:
        raise Refused(already)
    convoy.refresh_from_db()
    audit.record(actor=actor, action=action, target=convoy)
    return convoy


@transaction.atomic
def convoy_depart(*, actor, convoy: Convoy) -> Convoy:
    if not ManifestLine.objects.filter(truck__convoy=convoy).exists():
        raise Refused(_("A convoy leaves with at least one loaded truck."))
    return _move(
        convoy,
        (Convoy.Status.LOADING,),
        Convoy.Status.DEPARTED,
        "departed_at",
        _("This convoy has already left."),
        A.APPEAL_CONVOY_DEPARTED,
        actor,
    )


@transaction.atomic
def convoy_arrive(*, actor, convoy: Convoy) -> Convoy:
    return _move(
        convoy,
        (Convoy.Status.DEPARTED,),
        Convoy.Status.ARRIVED,
        "arrived_at",
        _("Only a convoy on its way can arrive."),
        A.APPEAL_CONVOY_ARRIVED,
        actor,
    )


@transaction.atomic
def convoy_close(*, actor, convoy: Convoy) -> Convoy:
    convoy.refresh_from_db()
    if convoy.status == Convoy.Status.CLOSED:
        raise Refused(_("This convoy is already closed."))
    if not convoy.handovers.filter(used_at__isnull=False).exists():
        raise Refused(_("A convoy is closed once the receiving partner has confirmed the handover."))
    return _move(
        convoy,
        (Convoy.Status.ARRIVED,),
        Convoy.Status.CLOSED,
        "closed_at",
        _("This convoy is already closed."),
        A.APPEAL_CONVOY_CLOSED,
        actor,
    )


@transaction.atomic
def handover_issue(*, actor, convoy: Convoy) -> tuple[Handover, str]:
    """A one-time link for the receiving partner; the token is returned once, to be passed on, and only its hash
    is kept. A new link replaces the unused ones."""
    if convoy.status != Convoy.Status.ARRIVED:
        raise Refused(_("A handover link is issued once the convoy has arrived."))
    if convoy.handovers.filter(used_at__isnull=False).exists():
        raise Refused(_("The receiving partner has already confirmed this convoy."))
    now = timezone.now()
    convoy.handovers.filter(used_at__isnull=True).update(expires_at=now)
    token = secrets.token_urlsafe(24)
    handover = Handover.objects.create(
        convoy=convoy, token_hash=hash_token(token), expires_at=now + timedelta(days=HANDOVER_DAYS), issued_by=actor
    )
    audit.record(actor=actor, action=A.APPEAL_HANDOVER_ISSUED, target=convoy)
    return handover, token


def handover_by_token(token: str) -> Handover | None:
    """The handover a link opens, if it is still usable (unused, not expired)."""
    return (
        Handover.objects.select_related("convoy__appeal", "convoy__partner", "issued_by")
        .filter(token_hash=hash_token(token or ""), used_at__isnull=True, expires_at__gt=timezone.now())
        .first()
    )


@transaction.atomic
def handover_confirm(*, token: str, outcomes: dict[int, str], received_by: str, note: str = "") -> Handover:
    """The receiving partner confirms each line as received, damaged or lost. The link works once: the first
    confirmation wins (a conditional update), a second is refused and writes nothing. The drivers' names and phones
    are then deleted."""
    received_by = (received_by or "").strip()
    if not received_by:
        raise Refused(_("Write the name of the person who received the convoy."))
    now = timezone.now()
    handover = Handover.objects.filter(token_hash=hash_token(token or "")).select_related("convoy").first()
    if handover is None:
        raise Refused(_("This link is not valid."))
    lines = list(ManifestLine.objects.filter(truck__convoy=handover.convoy))
    if {line.pk for line in lines} != set(outcomes) or not set(outcomes.values()) <= set(ManifestLine.Outcome.values):
        raise Refused(_("Say for every line whether it was received, damaged or lost."))
    used = Handover.objects.filter(pk=handover.pk, used_at__isnull=True, expires_at__gt=now).update(
        used_at=now, received_by=received_by, note=note or ""
    )
    if not used:
        raise Refused(_("This handover link has already been used or has expired; ask the coordinators for a new one."))
    for line in lines:
        line.outcome = outcomes[line.pk]
    ManifestLine.objects.bulk_update(lines, ["outcome"])
    handover.refresh_from_db()
    audit.record(
        actor=None,
        action=A.APPEAL_HANDOVER_CONFIRMED,
        target=handover.convoy,
        data={
            "received_by": received_by,
            "issued_by": getattr(handover.issued_by, "email", ""),
            "counts": {o: sum(1 for v in outcomes.values() if v == o) for o in ManifestLine.Outcome.values},
        },
    )
    drivers_wipe(actor=None, convoy=handover.convoy)
    return handover


@transaction.atomic
def drivers_wipe(*, actor, convoy: Convoy) -> int:
    """After the handover the drivers' names and phones are no longer needed: deleted, and the deletion audited.
    Plates stay, for the coordinators, as the receipt's reference."""
    wiped = Truck.objects.filter(convoy=convoy, wiped_at__isnull=True).update(
        driver_name="", driver_phone="", wiped_at=timezone.now()
    )
    if wiped:
        audit.record(actor=actor, action=A.APPEAL_DRIVERS_WIPED, target=convoy, data={"trucks": wiped})
    return wiped


# --- cash sent -------------------------------------------------------------------------------------------------


@transaction.atomic
def cash_transfer_create(
    *,
    actor,
    point: CollectionPoint,
    partner: Partner,
    method: str,
    amount,
    currency: str,
    usd_rate,
    rate_date,
    reference: str = "",
) -> tuple[CashTransfer, str]:
    """Money sent from a point's cash to a receiving partner: an entry `sent` in the cash ledger, and a one-time
    link for the receiver to confirm. Refused above what the point holds in that currency."""
    if method not in CashTransfer.Method.values:
        raise Refused(_("Choose a method of the list."))
    amount, currency, usd_rate = _money(amount, currency, usd_rate)
    _lock_points(point)
    have = _cash(point, currency)
    if amount > have:
        raise Refused(
            _("This point holds %(have)s %(currency)s: it cannot send %(amount)s.")
            % {"have": have, "currency": currency, "amount": amount}
        )
    token = secrets.token_urlsafe(24)
    transfer = CashTransfer.objects.create(
        point=point,
        partner=partner,
        method=method,
        amount=amount,
        currency=currency,
        reference=reference or "",
        created_by=actor,
        token_hash=hash_token(token),
        token_expires_at=timezone.now() + timedelta(days=HANDOVER_DAYS),
    )
    CashEntry.objects.create(
        point=point,
        kind=CashEntry.Kind.SENT,
        amount=-amount,
        currency=currency,
        usd_rate=usd_rate,
        rate_date=rate_date,
        created_by=actor,
        transfer=transfer,
    )
    audit.record(
        actor=actor, action=A.APPEAL_CASH_SENT, target=transfer, data={"amount": str(amount), "currency": currency}
    )
    return transfer, token


@transaction.atomic
def cash_transfer_sender_confirm(*, actor, transfer: CashTransfer) -> CashTransfer:
    done = CashTransfer.objects.filter(pk=transfer.pk, sender_confirmed_at__isnull=True).update(
        sender_confirmed_at=timezone.now(), sender_confirmed_by=actor
    )
    if not done:
        raise Refused(_("The sender has already confirmed this transfer."))
    transfer.refresh_from_db()
    audit.record(actor=actor, action=A.APPEAL_CASH_SENDER_CONFIRMED, target=transfer)
    return transfer


def transfer_by_token(token: str) -> CashTransfer | None:
    return (
        CashTransfer.objects.select_related("point__appeal", "partner")
        .filter(
            token_hash=hash_token(token or ""), receiver_confirmed_at__isnull=True, token_expires_at__gt=timezone.now()
        )
        .exclude(token_hash="")
        .first()
    )


@transaction.atomic
def cash_transfer_receive(*, token: str, received_by: str) -> CashTransfer:
    received_by = (received_by or "").strip()
    if not received_by:
        raise Refused(_("Write the name of the person who received the money."))
    done = CashTransfer.objects.filter(
        Q(token_hash=hash_token(token or "")) & ~Q(token_hash=""),
        receiver_confirmed_at__isnull=True,
        token_expires_at__gt=timezone.now(),
    ).update(receiver_confirmed_at=timezone.now(), received_by=received_by)
    if not done:
        raise Refused(_("This link has already been used or has expired; ask the coordinators for a new one."))
    transfer = CashTransfer.objects.get(token_hash=hash_token(token))
    audit.record(actor=None, action=A.APPEAL_CASH_RECEIVED, target=transfer, data={"received_by": received_by})
    return transfer
