"""Appeals ("Here is Syria", seed 000): the ledgers are append-only and equal the sum of their entries, an intake
sent twice is stored once, refusals write nothing, the public account never shows restricted fields, and the
page, the export and the printed report give the same figures."""

import csv
import io
import uuid
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db.models import Sum
from django.template.defaultfilters import floatformat
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook

from appeals import selectors, services
from appeals.models import (
    Appeal,
    CashEntry,
    CollectionPoint,
    Convoy,
    Handover,
    Item,
    ManifestLine,
    StockEntry,
    Truck,
)
from core.models import AuditEvent
from core.services import Refused

SLUG = "here-is-syria"
LANGS = ("ar", "ku", "syr", "en")


@pytest.fixture
def appeal(demo):
    """The demo appeal, open again (it closed on 16 February 2023) so that points can receive."""
    Appeal.objects.filter(slug=SLUG).update(status=Appeal.Status.OPEN)
    return Appeal.objects.get(slug=SLUG)


@pytest.fixture
def astefir_point(appeal):
    return CollectionPoint.objects.get(appeal=appeal, organisation__slug="astefir-al-zour")


@pytest.fixture
def blanket():
    return Item.objects.get(name_en="Blanket")


def _stock(point, item):
    return dict((i.pk, q) for i, q in selectors.stock_of_point(point)).get(item.pk, Decimal(0))


def _restricted_values():
    """Every plate, driver's name and phone of the demo, and the donor who did not consent."""
    values = set()
    for truck in Truck.objects.all():
        values.update(v for v in (truck.plate, truck.driver_name, truck.driver_phone) if v)
    values.add("A private donor (demo, no consent)")
    values.add("Hasakah Traders' Association (demo)")  # consented, but the public account shows totals only
    return values


# --- the public account -----------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_every_public_view_and_export_hides_plates_drivers_and_donors(client, demo, lang):
    restricted = _restricted_values()
    assert any(v.startswith("DEMO-") for v in restricted)
    assert any("driver" in v.lower() for v in restricted)  # the second convoy's drivers are still on record
    with translation.override(lang):
        urls = [
            reverse("appeals:list"),
            reverse("appeals:detail", args=[SLUG]),
            reverse("appeals:print", args=[SLUG]),
            reverse("appeals:export", args=[SLUG, "csv"]),
        ]
    assert all(u.startswith(f"/{lang}/") for u in urls)
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        text = response.content.decode()
        for value in restricted:
            assert value not in text, (url, value)
    book = load_workbook(io.BytesIO(client.get(f"/{lang}/appeals/{SLUG}/figures.xlsx").content))
    cells = {str(c) for row in book.active.iter_rows(values_only=True) for c in row if c is not None}
    assert not cells & restricted


def test_a_convoy_shows_its_details_only_after_arrival(client, demo):
    page = client.get(f"/en/appeals/{SLUG}/").content.decode()
    assert "Aoun Al-Dadat" in page  # the first convoy arrived
    assert "66 trucks" in page
    assert "Arrival confirmed by the receiving partner." in page
    assert "Its details are published once it has arrived." in page  # the second convoy, in preparation
    account = selectors.public_account(Appeal.objects.get(slug=SLUG))
    second = [f for f in account.convoys if f.convoy.number == 2][0]
    assert second.trucks == 0 and not second.items
    assert account.trucks_arrived == 66
    assert "The items, quantities and amounts of this appeal are illustrative" in page


@pytest.mark.parametrize("lang", ("ar", "en"))
def test_page_export_and_print_give_the_same_figures(client, demo, lang):
    appeal = Appeal.objects.get(slug=SLUG)
    with translation.override(lang):
        account = selectors.public_account(appeal)
        rows = account.rows()
        shown = [
            floatformat(value, "2g" if section.startswith("cash") else ("-1g" if section == "convoy_tonnes" else "-3g"))
            for section, *_rest, value in rows
        ]
    page = client.get(f"/{lang}/appeals/{SLUG}/").content.decode()
    printed = client.get(f"/{lang}/appeals/{SLUG}/print/").content.decode()
    assert len(rows) > 20
    for text, (section, *_rest, value) in zip(shown, rows, strict=True):
        if section == "convoy_trucks":
            continue  # said in a sentence ("66 trucks")
        assert text in page, (section, value)
        assert text in printed, (section, value)
    body = client.get(f"/{lang}/appeals/{SLUG}/figures.csv").content.decode("utf-8")
    assert body.startswith("\ufeff")
    lines = list(csv.reader(io.StringIO(body.lstrip("\ufeff"))))
    assert lines[1][0] == "#meta+figure" and "#adm1+name" in lines[1]
    assert [Decimal(line[5]) for line in lines[2:]] == [value for *_rest, value in rows]
    book = load_workbook(io.BytesIO(client.get(f"/{lang}/appeals/{SLUG}/figures.xlsx").content))
    values = [Decimal(str(r[5])) for r in list(book.active.iter_rows(values_only=True))[2:]]
    assert values == [value for *_rest, value in rows]
    # the page's collected figures add up to the ledger's intake
    total = StockEntry.objects.filter(point__appeal=appeal, kind="intake").aggregate(t=Sum("quantity"))["t"]
    assert sum(q for *_r, q in account.collected) == total


def test_public_page_queries_do_not_grow_with_points_and_convoys(client, demo, django_assert_max_num_queries):
    # The first reader computes the account (and writes it to the shared cache); the next ones read it whole.
    with django_assert_max_num_queries(26):
        assert client.get(f"/en/appeals/{SLUG}/").status_code == 200
    with django_assert_max_num_queries(6):
        assert client.get(f"/en/appeals/{SLUG}/").status_code == 200


# --- the ledgers --------------------------------------------------------------------------------------------


def test_stock_always_equals_the_sum_of_the_ledger(appeal, people, astefir_point, blanket):
    other = CollectionPoint.objects.get(appeal=appeal, organisation__slug="aso-center")
    editor, officer = people["astefir_editor"], people["tech_officer"]
    before = _stock(astefir_point, blanket)
    entry, _created = services.intake_record(actor=editor, point=astefir_point, item=blanket, quantity=40, unit="piece")
    services.entry_reverse(actor=editor, entry=entry, reason="Counted twice")
    services.intake_record(actor=editor, point=astefir_point, item=blanket, quantity=25, unit="piece")
    services.stock_transfer(actor=officer, source=astefir_point, target=other, item=blanket, quantity=5)
    truck = Truck.objects.filter(convoy__number=2).order_by("pk").last()
    services.manifest_load(actor=officer, truck=truck, lines=[(astefir_point, blanket, Decimal(3))])
    assert _stock(astefir_point, blanket) == before + 25 - 5 - 3
    for point in CollectionPoint.objects.filter(appeal=appeal):
        for item, quantity in selectors.stock_of_point(point):
            assert quantity == StockEntry.objects.filter(point=point, item=item).aggregate(t=Sum("quantity"))["t"]
            assert quantity >= 0


def test_ledger_entries_refuse_to_be_changed_or_deleted(appeal, astefir_point):
    entry = StockEntry.objects.filter(point=astefir_point).first()
    entry.quantity = 1
    with pytest.raises(ValidationError):
        entry.save()
    with pytest.raises(ValidationError):
        entry.delete()
    cash = CashEntry.objects.filter(point=astefir_point).first()
    with pytest.raises(ValidationError):
        cash.delete()


def test_a_replayed_intake_is_stored_once(appeal, people, astefir_point, blanket):
    editor = people["astefir_editor"]
    code = uuid.uuid4()
    first, created = services.intake_record(
        actor=editor, point=astefir_point, item=blanket, quantity=10, unit="piece", client_uuid=code
    )
    again, created_again = services.intake_record(
        actor=editor, point=astefir_point, item=blanket, quantity=10, unit="piece", client_uuid=code
    )
    assert created and not created_again and again.pk == first.pk
    assert StockEntry.objects.filter(client_uuid=code).count() == 1
    assert AuditEvent.objects.filter(action=AuditEvent.Action.APPEAL_INTAKE_RECORDED, data__entry=first.pk).count() == 1


def test_the_same_form_sent_twice_over_http_says_already_recorded(appeal, as_user, astefir_point, blanket):
    client = as_user("astefir_editor")
    data = {"item": blanket.pk, "quantity": "12", "unit": "piece", "condition": "new", "client_uuid": str(uuid.uuid4())}
    url = reverse("appeals:intake", args=[astefir_point.code])
    assert client.post(url, data).status_code == 302
    response = client.post(url, data, follow=True)
    assert "Already recorded" in response.content.decode()
    assert StockEntry.objects.filter(client_uuid=data["client_uuid"]).count() == 1


def test_cash_is_reconciled_per_point(appeal, people, astefir_point):
    editor = people["astefir_editor"]
    before = {c["currency"]: c for c in selectors.cash_of_point(astefir_point)}
    services.cash_record(
        actor=editor, point=astefir_point, amount="100", currency="eur", usd_rate="1.07", rate_date="2023-02-12"
    )
    after = {c["currency"]: c for c in selectors.cash_of_point(astefir_point)}
    assert after["EUR"]["received"] == Decimal("100") and after["EUR"]["held"] == Decimal("100")
    assert after["USD"] == before["USD"]  # the demo's hawala transfer: received 6,000, sent 5,000
    assert after["USD"]["sent"] == Decimal("5000") and after["USD"]["held"] == Decimal("1000")


# --- refusals: a clear message, nothing written --------------------------------------------------------------


def _nothing_written(call):
    counts = (StockEntry.objects.count(), CashEntry.objects.count(), ManifestLine.objects.count())
    events = AuditEvent.objects.count()
    with pytest.raises(Refused) as refused:
        call()
    assert (StockEntry.objects.count(), CashEntry.objects.count(), ManifestLine.objects.count()) == counts
    assert AuditEvent.objects.count() == events
    return str(refused.value.message)


@pytest.mark.parametrize("quantity", [0, -5, "-0.5", "NaN"])
def test_zero_or_negative_quantities_are_refused(appeal, people, astefir_point, blanket, quantity):
    message = _nothing_written(
        lambda: services.intake_record(
            actor=people["astefir_editor"], point=astefir_point, item=blanket, quantity=quantity, unit="piece"
        )
    )
    assert "greater than zero" in message


def test_unknown_and_wrong_units_are_refused(appeal, people, astefir_point, blanket):
    editor = people["astefir_editor"]
    assert "not one CivNet knows" in _nothing_written(
        lambda: services.intake_record(actor=editor, point=astefir_point, item=blanket, quantity=1, unit="bushel")
    )
    assert "is counted in" in _nothing_written(
        lambda: services.intake_record(actor=editor, point=astefir_point, item=blanket, quantity=1, unit="kg")
    )
    assert "not one CivNet knows" in _nothing_written(
        lambda: services.item_add(
            actor=people["tech_officer"], fields={"name_en": "Sand", "category": "other", "unit": "x"}
        )
    )


def test_a_currency_that_is_not_iso_4217_is_refused(appeal, people, astefir_point):
    for code in ("XYZ", "DOLLAR", "US"):
        message = _nothing_written(
            lambda code=code: services.cash_record(
                actor=people["astefir_editor"],
                point=astefir_point,
                amount=10,
                currency=code,
                usd_rate=1,
                rate_date="2023-02-10",
            )
        )
        assert "ISO 4217" in message


def test_a_manifest_above_stock_is_refused_whole(appeal, people, astefir_point, blanket):
    truck = Truck.objects.filter(convoy__number=2).order_by("pk").last()
    have = _stock(astefir_point, blanket)
    tent = Item.objects.get(name_en="Tent")
    message = _nothing_written(
        lambda: services.manifest_load(
            actor=people["tech_officer"],
            truck=truck,
            lines=[(astefir_point, tent, Decimal(1)), (astefir_point, blanket, have + 1)],
        )
    )
    assert "Only" in message and "cannot carry" in message
    # two lines of the same goods add up
    _nothing_written(
        lambda: services.manifest_load(
            actor=people["tech_officer"],
            truck=truck,
            lines=[(astefir_point, blanket, have), (astefir_point, blanket, Decimal(1))],
        )
    )


def test_a_handover_link_works_once_and_wipes_the_drivers(appeal, people, astefir_point, blanket):
    officer = people["tech_officer"]
    convoy = Convoy.objects.get(appeal=appeal, number=2)
    services.convoy_depart(actor=officer, convoy=convoy)
    services.convoy_arrive(actor=officer, convoy=convoy)
    _handover, token = services.handover_issue(actor=officer, convoy=convoy)
    assert Handover.objects.filter(token_hash=token).count() == 0  # only the hash is stored
    outcomes = {line.pk: "received" for line in ManifestLine.objects.filter(truck__convoy=convoy)}
    services.handover_confirm(token=token, outcomes=outcomes, received_by="Receiver (test)")
    assert not Truck.objects.filter(convoy=convoy).exclude(driver_name="", driver_phone="").exists()
    assert AuditEvent.objects.filter(action=AuditEvent.Action.APPEAL_DRIVERS_WIPED, target_id=str(convoy.pk)).exists()
    message = _nothing_written(
        lambda: services.handover_confirm(token=token, outcomes=outcomes, received_by="Someone else")
    )
    assert "already been used" in message
    assert Handover.objects.get(convoy=convoy, used_at__isnull=False).received_by == "Receiver (test)"


def test_a_convoy_closed_twice_is_refused(appeal, people):
    convoy = Convoy.objects.get(appeal=appeal, number=1)
    assert convoy.status == Convoy.Status.CLOSED
    message = _nothing_written(lambda: services.convoy_close(actor=people["tech_officer"], convoy=convoy))
    assert "already closed" in message


def test_a_closed_appeal_receives_nothing(demo, people):
    point = CollectionPoint.objects.get(appeal__slug=SLUG, organisation__slug="astefir-al-zour")
    blanket = Item.objects.get(name_en="Blanket")
    assert "closed" in _nothing_written(
        lambda: services.intake_record(
            actor=people["astefir_editor"], point=point, item=blanket, quantity=1, unit="piece"
        )
    )


def test_a_refused_intake_form_shows_the_message_in_the_readers_language(appeal, as_user, astefir_point, blanket):
    client = as_user("astefir_editor")
    data = {"item": blanket.pk, "quantity": "3", "unit": "kg", "condition": "new", "client_uuid": str(uuid.uuid4())}
    response = client.post(reverse("appeals:intake", args=[astefir_point.code]), data)
    assert response.status_code == 400
    assert "is counted in" in response.content.decode()
    assert not StockEntry.objects.filter(client_uuid=data["client_uuid"]).exists()


# --- who may do what ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("persona", "point_page", "intake", "coordinate"),
    [
        ("astefir_editor", 200, 302, 403),
        ("astefir_admin", 200, 302, 403),
        ("astefir_delegate", 200, 403, 403),  # Astefir's signatory: sees its point, records nothing
        ("deirna_admin", 404, 404, 404),  # another organisation, no point in this appeal
        ("tech_officer", 200, 403, 200),  # coordinator: sees every point, records at none
    ],
)
def test_permission_matrix(appeal, as_user, astefir_point, blanket, persona, point_page, intake, coordinate):
    client = as_user(persona)
    assert client.get(reverse("appeals:point", args=[astefir_point.code])).status_code == point_page
    data = {"item": blanket.pk, "quantity": "1", "unit": "piece", "condition": "new", "client_uuid": str(uuid.uuid4())}
    assert client.post(reverse("appeals:intake", args=[astefir_point.code]), data).status_code == intake
    assert client.get(reverse("appeals:coordinate", args=[SLUG])).status_code == coordinate
    convoy = Convoy.objects.get(appeal=appeal, number=2)
    assert client.get(reverse("appeals:convoy", args=[convoy.code])).status_code == coordinate


def test_an_organisation_records_at_its_own_point_only(appeal, as_user, blanket):
    other = CollectionPoint.objects.get(appeal=appeal, organisation__slug="aso-center")
    client = as_user("astefir_editor")
    data = {"item": blanket.pk, "quantity": "1", "unit": "piece", "condition": "new", "client_uuid": str(uuid.uuid4())}
    assert client.post(reverse("appeals:intake", args=[other.code]), data).status_code == 404
    assert client.get(reverse("appeals:point", args=[other.code])).status_code == 404


def test_plates_and_drivers_are_shown_to_coordinators_only(appeal, as_user, client):
    convoy = Convoy.objects.get(appeal=appeal, number=2)
    truck = convoy.trucks.first()
    page = as_user("tech_officer").get(reverse("appeals:convoy", args=[convoy.code])).content.decode()
    assert truck.plate in page and truck.driver_name in page
    client.logout()
    assert client.get(reverse("appeals:convoy", args=[convoy.code])).status_code == 302  # to sign in


def test_the_public_account_shows_a_new_intake_at_once_and_a_refused_one_never(
    client, appeal, people, astefir_point, blanket
):
    """The account is cached; every audited write retires it, and a write that rolls back retires nothing."""
    appeal.status = Appeal.Status.OPEN
    appeal.save()
    url = reverse("appeals:detail", kwargs={"slug": appeal.slug})
    before = selectors.public_account(appeal).collected
    client.get(url)  # fills the cache
    services.intake_record(actor=people["astefir_editor"], point=astefir_point, item=blanket, quantity=37, unit="piece")
    after = selectors.public_account(appeal).collected
    assert sum(row[3] for row in after) == sum(row[3] for row in before) + 37
    with pytest.raises(Refused):
        services.intake_record(
            actor=people["astefir_editor"], point=astefir_point, item=blanket, quantity=-5, unit="piece"
        )
    assert selectors.public_account(appeal).collected == after
