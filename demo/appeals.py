"""The demo appeal, "Here is Syria", from seed 000 (the newsletter of February 2023): collection points announced
on 9 February 2023 in the coalition's four regions, a first convoy of 66 trucks through the Aoun Al-Dadat crossing
on 13 and 14 February with the White Helmets among the receiving partners, money sent, collecting until 16
February, a second convoy in preparation. The seed gives no item lists or amounts: those here are illustrative,
and the appeal's page says so. Plates, drivers and phones are made up and marked "(demo)"."""

import datetime
import uuid
from decimal import Decimal

from appeals import services
from appeals.models import (
    Appeal,
    CashEntry,
    CashTransfer,
    CollectionPoint,
    Convoy,
    Item,
    ManifestLine,
    Need,
    Partner,
    StockEntry,
    Truck,
)
from members.models import Organisation
from places.models import Place

SLUG = "here-is-syria"
UTC = datetime.UTC

# name_en, name_ar, category, unit, kg per unit
ITEMS = {
    "flour": ("Flour", "طحين", "food", "kg", "1"),
    "food-parcel": ("Food parcel", "سلة غذائية", "food", "parcel", "25"),
    "water": ("Drinking water", "مياه شرب", "water", "litre", "1"),
    "blanket": ("Blanket", "بطانية", "shelter", "piece", "2"),
    "tent": ("Tent", "خيمة", "shelter", "piece", "30"),
    "clothes": ("Winter clothes", "ملابس شتوية", "clothing", "bag", "8"),
    "baby-milk": ("Baby milk", "حليب أطفال", "health", "box", "5"),
    "first-aid": ("First-aid kit", "حقيبة إسعافات أولية", "health", "box", "4"),
    "hygiene": ("Hygiene kit", "حقيبة نظافة", "hygiene", "box", "6"),
    "heater": ("Heater", "مدفأة", "fuel", "piece", "12"),
}
NEEDS = [
    ("blanket", "urgent", 20000),
    ("tent", "urgent", 1500),
    ("food-parcel", "urgent", 8000),
    ("baby-milk", "urgent", 3000),
    ("clothes", "needed", None),
    ("water", "needed", None),
    ("hygiene", "needed", None),
    ("heater", "not_now", None),
]
# organisation, P-code of its place, address, hours
POINTS = [
    ("astefir-al-zour", "SY090201", "Main street, beside the municipal building (demo)", "9:00–18:00"),
    ("aso-center", "SY080202", "ASO Center's office (demo)", "10:00–17:00"),
    ("for-them", "SY110100", "Al-Naim roundabout (demo)", "9:00–16:00"),
    ("ella", "SY110300", "Youth centre, Tabqa (demo)", "9:00–17:00"),
]
# Illustrative quantities received at each point (item: quantity), the same at every point, scaled.
RECEIVED = {"blanket": 5000, "food-parcel": 1200, "clothes": 1200, "baby-milk": 500, "tent": 120, "water": 20000}


def _at(day, hour=10):
    return datetime.datetime(2023, 2, day, hour, tzinfo=UTC)


def load(command) -> None:
    """Idempotent: the appeal is built once; a second run leaves it as it is."""
    actor = command.people["tech_officer"]
    editor = command.people["astefir_editor"]
    if Appeal.objects.filter(slug=SLUG).exists():
        return
    items = {}
    for key, (en, ar, category, unit, kg) in ITEMS.items():
        items[key] = Item.objects.create(
            name_en=en, name_ar=ar, category=category, unit=unit, kg_per_unit=Decimal(kg), original_language="en"
        )
    helmets = Partner.objects.create(
        name_en="Syria Civil Defence (White Helmets)",
        name_ar="الدفاع المدني السوري (الخوذ البيضاء)",
        original_language="en",
    )
    others = Partner.objects.create(
        name_en="Civil organisations in north-west Syria",
        name_ar="منظمات مدنية في شمال غرب سوريا",
        original_language="en",
    )
    appeal = services.appeal_save(
        actor=actor,
        appeal=Appeal(),
        fields={
            "slug": SLUG,
            "title_ar": "حملة «هنا سوريا»",
            "title_en": "“Here is Syria” campaign",
            "title_ku": "Kampanyaya “Li vir Sûriye ye”",
            "cause_en": (
                "The earthquake of 6 February 2023 struck Afrin, Idlib and northern Aleppo. The coalition collects "
                "in-kind and cash donations at the points it announced on 9 February in its four regions, and delivers "
                "them to the people affected in north and north-west Syria."
            ),
            "cause_ar": (
                "ضرب زلزال 6 شباط 2023 عفرين وإدلب وشمال حلب. يجمع التحالف التبرعات العينية والمادية في النقاط التي "
                "أعلنها في 9 شباط في مناطقه الأربع، ويوصلها إلى المتضررين في شمال وشمال غرب سوريا."
            ),
            "opens_on": datetime.date(2023, 2, 9),
            "closes_on": datetime.date(2023, 2, 16),
            "hashtag": "#هنا_سوريا",
            "cash_target": Decimal("50000"),
            "cash_currency": "USD",
            "illustrative": True,
            "original_language": "ar",
        },
        areas=list(Place.objects.filter(pcode__in=["SY02", "SY07"])),
        partners=[helmets, others],
    )
    services.coordinator_add(actor=actor, appeal=appeal, person=actor)
    for key, priority, quantity in NEEDS:
        Need.objects.create(appeal=appeal, item=items[key], priority=priority, quantity=quantity)

    points = []
    for slug, pcode, address, hours in POINTS:
        organisation = Organisation.objects.get(slug=slug)
        place = Place.objects.filter(pcode=pcode).first() or organisation.place
        points.append(
            services.point_create(
                actor=actor,
                appeal=appeal,
                fields={
                    "organisation": organisation,
                    "place": place,
                    "address": address,
                    "hours": hours,
                    "opened_on": datetime.date(2023, 2, 9),
                },
            )
        )
    CollectionPoint.objects.filter(appeal=appeal).update(last_checked_at=_at(16, 18), status="closed")

    # Intake: Astefir's editor records at Astefir's point (through the service, as on the phone); the other
    # points' records are written as they were.
    for scale, point in zip((Decimal("1"), Decimal("0.8"), Decimal("0.7"), Decimal("0.5")), points, strict=True):
        for key, quantity in RECEIVED.items():
            amount = (Decimal(quantity) * scale).to_integral_value()
            for half in (amount / 2, amount - amount / 2):
                half = half.to_integral_value()
                if point.organisation.slug == "astefir-al-zour":
                    services.intake_record(
                        actor=editor,
                        point=point,
                        item=items[key],
                        quantity=half,
                        unit=items[key].unit,
                        receipt=f"AZ-{uuid.uuid4().hex[:6].upper()}",
                        client_uuid=uuid.uuid4(),
                    )
                else:
                    StockEntry.objects.create(
                        point=point,
                        item=items[key],
                        quantity=half,
                        kind="intake",
                        condition="new",
                        receipt=f"R-{uuid.uuid4().hex[:6].upper()}",
                        created_at=_at(10),
                    )
    StockEntry.objects.create(
        point=points[1],
        item=items["blanket"],
        quantity=50,
        kind="intake",
        condition="new",
        donor_name="Hasakah Traders' Association (demo)",
        donor_consents=True,
        created_at=_at(11),
    )
    StockEntry.objects.create(
        point=points[2],
        item=items["clothes"],
        quantity=20,
        kind="intake",
        condition="good",
        donor_name="A private donor (demo, no consent)",
        donor_consents=False,
        created_at=_at(11),
    )
    # Cash donations (illustrative), SYP at an illustrative rate of the day.
    for point, usd, syp in zip(
        points, (6000, 4500, 3000, 2500), (20_000_000, 15_000_000, 9_000_000, 8_000_000), strict=True
    ):
        CashEntry.objects.create(
            point=point,
            kind="donation",
            amount=usd,
            currency="USD",
            usd_rate=1,
            rate_date=datetime.date(2023, 2, 10),
            receipt="C-1",
            created_at=_at(10),
        )
        CashEntry.objects.create(
            point=point,
            kind="donation",
            amount=syp,
            currency="SYP",
            usd_rate=Decimal("0.00014"),
            rate_date=datetime.date(2023, 2, 10),
            receipt="C-2",
            created_at=_at(10),
        )

    # The first convoy: 66 trucks through Aoun Al-Dadat, 13–14 February, to the White Helmets.
    first = services.convoy_create(
        actor=actor,
        appeal=appeal,
        fields={
            "crossing": "Aoun Al-Dadat",
            "route": "Manbij – Aoun Al-Dadat – Jarablus",
            "partner": helmets,
            "planned_on": datetime.date(2023, 2, 13),
        },
    )
    per_truck = [
        ("blanket", Decimal(110)),
        ("food-parcel", Decimal(28)),
        ("clothes", Decimal(30)),
        ("baby-milk", Decimal(12)),
        ("tent", Decimal(3)),
        ("water", Decimal(500)),
    ]
    for n in range(66):
        truck = services.truck_add(
            actor=actor,
            convoy=first,
            plate=f"DEMO-{1000 + n}",
            driver_name=f"Driver {n + 1} (demo)",
            driver_phone=f"+963 900 {n:03d} 100",
        )
        point = points[n % 4]
        services.manifest_load(actor=actor, truck=truck, lines=[(point, items[k], q) for k, q in per_truck])
    services.convoy_depart(actor=actor, convoy=first)
    services.convoy_arrive(actor=actor, convoy=first)
    handover, token = services.handover_issue(actor=actor, convoy=first)
    lines = {line.pk: "received" for line in ManifestLine.objects.filter(truck__convoy=first)}
    damaged = ManifestLine.objects.filter(truck__convoy=first, item=items["water"]).order_by("pk").first()
    lines[damaged.pk] = "damaged"
    services.handover_confirm(token=token, outcomes=lines, received_by="Receiving team, Jarablus (demo)")
    services.convoy_close(actor=actor, convoy=first)
    Convoy.objects.filter(pk=first.pk).update(departed_at=_at(13, 6), arrived_at=_at(14, 15), closed_at=_at(15, 12))

    # Money sent by hawala to the partners, confirmed on both sides.
    transfer, token = services.cash_transfer_create(
        actor=actor,
        point=points[0],
        partner=helmets,
        method="hawala",
        amount=Decimal(5000),
        currency="USD",
        usd_rate=1,
        rate_date=datetime.date(2023, 2, 14),
        reference="HW-0214 (demo)",
    )
    services.cash_transfer_sender_confirm(actor=actor, transfer=transfer)
    services.cash_transfer_receive(token=token, received_by="Finance officer (demo)")
    CashTransfer.objects.filter(pk=transfer.pk).update(created_at=_at(14))

    # The second convoy, in preparation: trucks named, some loaded.
    second = services.convoy_create(
        actor=actor,
        appeal=appeal,
        fields={"crossing": "Aoun Al-Dadat", "partner": others, "planned_on": datetime.date(2023, 2, 20)},
    )
    for n in range(3):
        truck = services.truck_add(
            actor=actor,
            convoy=second,
            plate=f"DEMO-{2000 + n}",
            driver_name=f"Second convoy driver {n + 1} (demo)",
            driver_phone=f"+963 911 {n:03d} 200",
        )
        if n < 2:
            services.manifest_load(actor=actor, truck=truck, lines=[(points[n], items["blanket"], Decimal(100))])
    services.appeal_close(actor=actor, appeal=appeal)
    Truck.objects.filter(convoy=first).update(wiped_at=_at(14, 16))
    command.changes += 1
