"""Reads of appeals: stock and cash of a point (sums of the ledgers), and the public account, one structure that
the page, the CSV/XLSX export and the printed report all render, so their figures cannot differ.

The public account holds totals only: no donor's name unless they agreed, never a plate or a driver, and a
convoy's trucks, tonnage and items only once it has arrived."""

from dataclasses import dataclass, field
from decimal import Decimal

from django.core.cache import cache
from django.db.models import Count, DecimalField, ExpressionWrapper, F, Q, Sum
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from appeals.models import Appeal, CashEntry, CashTransfer, CollectionPoint, Convoy, Item, ManifestLine, StockEntry
from coalition.models import Region
from core import reference
from core.happening import Happening
from core.i18n import sentence
from core.templatetags.civnet import day

USD = DecimalField(max_digits=24, decimal_places=8)


def stock_of_point(point: CollectionPoint) -> list[tuple[Item, Decimal]]:
    """What the point holds now, item by item (the sum of its ledger), items it holds none of left out."""
    rows = StockEntry.objects.filter(point=point).values("item_id").annotate(total=Sum("quantity"))
    totals = {r["item_id"]: r["total"] for r in rows if r["total"]}
    items = Item.objects.in_bulk(list(totals))
    return sorted(((items[pk], total) for pk, total in totals.items()), key=lambda x: (x[0].category, str(x[0].name)))


def stock_of_appeal(appeal: Appeal) -> list[dict]:
    """Every point's stock, for the coordinators' loading form: point, item and quantity left."""
    rows = (
        StockEntry.objects.filter(point__appeal=appeal)
        .values("point_id", "item_id")
        .annotate(total=Sum("quantity"))
        .filter(total__gt=0)
        .order_by("point_id", "item_id")
    )
    return list(rows)


def cash_of_point(point: CollectionPoint) -> list[dict]:
    """The point's cash per currency: received (donations less their corrections), sent, and held."""
    rows = (
        CashEntry.objects.filter(point=point)
        .values("currency")
        .annotate(
            received=Sum("amount", filter=Q(kind="donation") | Q(kind="reversal", reversal_of__kind="donation")),
            sent=Sum("amount", filter=Q(kind="sent")),
            held=Sum("amount"),
        )
        .order_by("currency")
    )
    return [
        {
            "currency": r["currency"],
            "received": r["received"] or Decimal(0),
            "sent": -(r["sent"] or Decimal(0)),
            "held": r["held"] or Decimal(0),
        }
        for r in rows
    ]


def recent_entries(point: CollectionPoint, limit: int = 30) -> list[StockEntry]:
    return list(
        StockEntry.objects.filter(point=point)
        .select_related("item", "reversal_of")
        .prefetch_related("reversed_by")
        .order_by("-created_at", "-pk")[:limit]
    )


def recent_cash(point: CollectionPoint, limit: int = 30) -> list[CashEntry]:
    return list(
        CashEntry.objects.filter(point=point).prefetch_related("reversed_by").order_by("-created_at", "-pk")[:limit]
    )


# --- the public account --------------------------------------------------------------------------------------


@dataclass
class RegionPoints:
    region: Region | None
    points: list[CollectionPoint]


@dataclass
class ConvoyFigures:
    convoy: Convoy
    trucks: int = 0
    tonnes: Decimal = Decimal(0)
    items: list[tuple[str, str, Decimal]] = field(default_factory=list)  # category label, unit label, quantity
    confirmed: bool = False
    outcomes: dict[str, Decimal] = field(default_factory=dict)


@dataclass
class Account:
    appeal: Appeal
    needs: list
    regions: list[RegionPoints]
    collected: list[tuple[str, str, str, Decimal]]  # region, category, unit, quantity
    cash_in: list[tuple[str, str, Decimal, Decimal]]  # region, currency, amount, US dollars
    cash_in_usd: Decimal
    cash_sent: list[tuple[str, Decimal, Decimal, int, int]]  # currency, amount, US dollars, transfers, confirmed
    cash_sent_usd: Decimal
    convoys: list[ConvoyFigures]
    trucks_arrived: int
    tonnes_arrived: Decimal

    def rows(self) -> list[tuple[str, str, str, str, str, Decimal]]:
        """The figures as rows (section, region, category or currency, unit, detail, value), for the exports."""
        rows = []
        for region, category, unit, quantity in self.collected:
            rows.append(("collected", region, category, unit, "", quantity))
        for region, currency, amount, usd in self.cash_in:
            rows.append(("cash_received", region, currency, currency, "", amount))
            rows.append(("cash_received", region, currency, "USD", "", usd))
        for currency, amount, usd, transfers, _confirmed in self.cash_sent:
            rows.append(("cash_sent", "", currency, currency, str(transfers), amount))
            rows.append(("cash_sent", "", currency, "USD", str(transfers), usd))
        for figures in self.convoys:
            if not figures.confirmed and not figures.convoy.has_arrived:
                continue
            label = str(figures.convoy.number)
            rows.append(("convoy_trucks", "", "", "", label, Decimal(figures.trucks)))
            rows.append(("convoy_tonnes", "", "", "t", label, figures.tonnes))
            for category, unit, quantity in figures.items:
                rows.append(("convoy_items", "", category, unit, label, quantity))
        return rows


def _region_name(region_id, regions) -> str:
    region = regions.get(region_id)
    return str(region.name) if region else ""


def _collected(appeal: Appeal, regions) -> list:
    # Intakes, then the few corrections of intakes, summed per point and item on the ledger's covering index;
    # the points' regions and the items' categories and units are joined here, in Python, not per row in SQL.
    region_of = dict(appeal.points.values_list("pk", "organisation__region_id"))
    per_point_item: dict[tuple, Decimal] = {}
    for received in (
        Q(kind=StockEntry.Kind.INTAKE),
        Q(kind=StockEntry.Kind.REVERSAL, reversal_of__kind=StockEntry.Kind.INTAKE),
    ):
        for r in (
            StockEntry.objects.filter(received, point_id__in=list(region_of))
            .values("point_id", "item_id")
            .annotate(total=Sum("quantity"))
            .order_by()
        ):
            key = (r["point_id"], r["item_id"])
            per_point_item[key] = per_point_item.get(key, Decimal(0)) + r["total"]
    items = Item.objects.in_bulk({item_id for _point, item_id in per_point_item})
    keys = ("point__organisation__region_id", "item__category", "item__unit")
    sums: dict[tuple, Decimal] = {}
    for (point_id, item_id), total in per_point_item.items():
        key = (region_of[point_id], items[item_id].category, items[item_id].unit)
        sums[key] = sums.get(key, Decimal(0)) + total
    rows = [dict(zip(keys, key, strict=True), total=total) for key, total in sums.items()]
    order = {pk: i for i, pk in enumerate(regions)}
    found = [
        (
            _region_name(r["point__organisation__region_id"], regions),
            str(Item.Category(r["item__category"]).label),
            str(Item.Unit(r["item__unit"]).label),
            r["total"],
            order.get(r["point__organisation__region_id"], 99),
        )
        for r in rows
        if r["total"]
    ]
    found.sort(key=lambda r: (r[4], r[1], r[2]))
    return [r[:4] for r in found]


def _cash_in(appeal: Appeal, regions) -> list:
    received = Q(kind=CashEntry.Kind.DONATION) | Q(kind=CashEntry.Kind.REVERSAL, reversal_of__kind="donation")
    rows = (
        CashEntry.objects.filter(received, point__appeal=appeal)
        .values("point__organisation__region_id", "currency")
        .annotate(total=Sum("amount"), usd=Sum(ExpressionWrapper(F("amount") * F("usd_rate"), output_field=USD)))
        .order_by("point__organisation__region_id", "currency")
    )
    order = {pk: i for i, pk in enumerate(regions)}
    found = [
        (
            _region_name(r["point__organisation__region_id"], regions),
            r["currency"],
            r["total"],
            Decimal(r["usd"]).quantize(Decimal("0.01")),
            order.get(r["point__organisation__region_id"], 99),
        )
        for r in rows
        if r["total"]
    ]
    found.sort(key=lambda r: (r[4], r[1]))
    return [r[:4] for r in found]


def _cash_sent(appeal: Appeal) -> list:
    rows = (
        CashEntry.objects.filter(point__appeal=appeal, kind=CashEntry.Kind.SENT)
        .values("currency")
        .annotate(total=Sum("amount"), usd=Sum(ExpressionWrapper(F("amount") * F("usd_rate"), output_field=USD)))
        .order_by("currency")
    )
    counts = {
        r["currency"]: (r["n"], r["confirmed"])
        for r in CashTransfer.objects.filter(point__appeal=appeal)
        .values("currency")
        .annotate(n=Count("pk"), confirmed=Count("pk", filter=Q(receiver_confirmed_at__isnull=False)))
    }
    return [
        (
            r["currency"],
            -r["total"],
            -Decimal(r["usd"]).quantize(Decimal("0.01")),
            *counts.get(r["currency"], (0, 0)),
        )
        for r in rows
    ]


def _convoys(appeal: Appeal) -> list[ConvoyFigures]:
    convoys = list(appeal.convoys.select_related("partner").annotate(truck_count=Count("trucks", distinct=True)))
    arrived = [c.pk for c in convoys if c.has_arrived]
    lines = (
        ManifestLine.objects.filter(truck__convoy_id__in=arrived)
        .values("truck__convoy_id", "item__category", "item__unit")
        .annotate(
            total=Sum("quantity"),
            kg=Sum(ExpressionWrapper(F("quantity") * F("item__kg_per_unit"), output_field=USD)),
        )
        .order_by("truck__convoy_id", "item__category", "item__unit")
    )
    outcomes = (
        ManifestLine.objects.filter(truck__convoy_id__in=arrived)
        .exclude(outcome="")
        .values("truck__convoy_id", "outcome")
        .annotate(total=Sum("quantity"))
    )
    confirmed = set(
        appeal.convoys.filter(pk__in=arrived, handovers__used_at__isnull=False).values_list("pk", flat=True)
    )
    figures = {c.pk: ConvoyFigures(convoy=c) for c in convoys}
    for convoy in convoys:
        if convoy.pk in arrived:
            figures[convoy.pk].trucks = convoy.truck_count
            figures[convoy.pk].confirmed = convoy.pk in confirmed
    for row in lines:
        f = figures[row["truck__convoy_id"]]
        f.items.append(
            (str(Item.Category(row["item__category"]).label), str(Item.Unit(row["item__unit"]).label), row["total"])
        )
        f.tonnes += Decimal(row["kg"]) / 1000
    for row in outcomes:
        figures[row["truck__convoy_id"]].outcomes[row["outcome"]] = row["total"]
    for f in figures.values():
        f.tonnes = f.tonnes.quantize(Decimal("0.1"))
    return list(figures.values())


ACCOUNT_SECONDS = 600  # an upper bound for what no audited write announces (a region renamed, say)


def public_account(appeal: Appeal) -> Account:
    """The public account of an appeal, kept in the shared cache until the next audited write to any appeal
    (`appeals.apps` bumps the "appeals" data version) and per language (its labels are translated)."""
    key = f"appeals:account:{appeal.pk}:{get_language()}:{reference.data_version('appeals')}"
    account = cache.get(key)
    if account is None or account.appeal != appeal:
        account = _public_account(appeal)
        cache.set(key, account, ACCOUNT_SECONDS)
    account.appeal = appeal
    return account


def _public_account(appeal: Appeal) -> Account:
    regions = {r.pk: r for r in Region.objects.all()}
    points = list(
        appeal.points.select_related("organisation", "place__parent__parent").order_by(
            "organisation__region__order", "organisation__name_en", "pk"
        )
    )
    grouped: dict = {}
    for point in points:
        grouped.setdefault(point.organisation.region_id, []).append(point)
    convoys = _convoys(appeal)
    cash_in = _cash_in(appeal, regions)
    cash_sent = _cash_sent(appeal)
    return Account(
        appeal=appeal,
        needs=list(appeal.needs.select_related("item").order_by("priority", "item__category", "item__name_en")),
        regions=[RegionPoints(regions.get(pk), pts) for pk, pts in grouped.items()],
        collected=_collected(appeal, regions),
        cash_in=cash_in,
        cash_in_usd=sum((r[3] for r in cash_in), Decimal(0)),
        cash_sent=cash_sent,
        cash_sent_usd=sum((r[2] for r in cash_sent), Decimal(0)),
        convoys=convoys,
        trucks_arrived=sum(f.trucks for f in convoys),
        tonnes_arrived=sum((f.tonnes for f in convoys), Decimal(0)),
    )


def public_appeals():
    return Appeal.objects.all()


def happening(now) -> list[Happening]:
    """For the home page: the appeals collecting now."""
    today = timezone.localdate(now)
    appeals = Appeal.objects.filter(status=Appeal.Status.OPEN, opens_on__lte=today).filter(
        Q(closes_on__isnull=True) | Q(closes_on__gte=today)
    )
    return [
        Happening(
            kind=_("Appeal"),
            title=appeal.title,
            url=reverse("appeals:detail", args=[appeal.slug]),
            state=sentence(_("Collecting until %(date)s"), date=day(appeal.closes_on))
            if appeal.closes_on
            else _("Collecting"),
            at=appeal.closes_on or today,
        )
        for appeal in appeals
    ]
