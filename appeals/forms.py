"""Forms of appeals: the technical team's appeal, needs, points, partners and catalogue; a point's intake of goods
and cash; the coordinators' convoys, loads and transfers; the receiving partner's confirmation by link."""

import uuid

from django import forms
from django.contrib.auth import get_user_model
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from appeals.currencies import COMMON
from appeals.models import Appeal, CashTransfer, CollectionPoint, Item, ManifestLine, Need, Partner, StockEntry
from core.forms import PlainTextMixin, TranslatedChoiceField, TranslatedMultipleChoiceField, language_inputs
from core.i18n import LANGUAGE_CODES, language_name
from members.models import Organisation
from places.forms import PlaceField, PlacesField

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
QUANTITY_INPUT = forms.NumberInput(attrs={"inputmode": "decimal", "step": "any", "min": "0"})
LOAD_ROWS = 5


def _labels(form, **labels):
    for base, label in labels.items():
        for code in LANGUAGE_CODES:
            name = f"{base}_{code}"
            if name in form.fields:
                form.fields[name].label = label % {"language": language_name(code)}


class NamedChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return str(obj.name)


class AppealForm(PlainTextMixin, forms.ModelForm):
    areas = PlacesField(label=_("Areas it serves"), required=False)
    partners = TranslatedMultipleChoiceField(
        label=_("Receiving partners"),
        queryset=Partner.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Appeal
        fields = [
            "slug",
            "original_language",
            *[f"title_{c}" for c in LANGUAGE_CODES],
            *[f"cause_{c}" for c in LANGUAGE_CODES],
            *[f"public_text_{c}" for c in LANGUAGE_CODES],
            "opens_on",
            "closes_on",
            "hashtag",
            "cash_target",
            "cash_currency",
            "illustrative",
        ]
        widgets = {
            "opens_on": DATE_INPUT,
            "closes_on": DATE_INPUT,
            **{f"cause_{c}": forms.Textarea for c in LANGUAGE_CODES},
            **{f"public_text_{c}": forms.Textarea for c in LANGUAGE_CODES},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["areas"].initial = list(self.instance.areas.all())
            self.fields["partners"].initial = list(self.instance.partners.all())
        _labels(
            self,
            title=_("Title (%(language)s)"),
            cause=_("Cause (%(language)s)"),
            public_text=_("Public text (%(language)s)"),
        )
        language_inputs(self)
        self.fields["cash_currency"].widget.attrs["list"] = "currencies"

    def clean_cash_currency(self):
        return (self.cleaned_data.get("cash_currency") or "").strip().upper()


class PartnerForm(PlainTextMixin, forms.ModelForm):
    organisation = TranslatedChoiceField(
        label=_("Member organisation, if it is one"),
        queryset=Organisation.objects.filter(status=Organisation.Status.MEMBER),
        required=False,
    )

    class Meta:
        model = Partner
        fields = ["original_language", *[f"name_{c}" for c in LANGUAGE_CODES], "organisation"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _labels(self, name=_("Name (%(language)s)"))
        language_inputs(self)


class ItemForm(PlainTextMixin, forms.ModelForm):
    class Meta:
        model = Item
        fields = ["original_language", *[f"name_{c}" for c in LANGUAGE_CODES], "category", "unit", "kg_per_unit"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _labels(self, name=_("Name (%(language)s)"))
        language_inputs(self)


class NeedForm(forms.Form):
    item = NamedChoiceField(label=_("Item"), queryset=Item.objects.all())
    priority = forms.ChoiceField(label=_("Priority"), choices=Need.Priority.choices)
    quantity = forms.DecimalField(label=_("Quantity wanted"), required=False, widget=QUANTITY_INPUT)


class CoordinatorForm(forms.Form):
    email = forms.EmailField(label=_("Email address of their account"))

    def clean_email(self):
        person = get_user_model().objects.filter(email__iexact=self.cleaned_data["email"], is_active=True).first()
        if person is None:
            raise forms.ValidationError(_("No account has this email address."))
        return person


class PointForm(PlainTextMixin, forms.Form):
    organisation = TranslatedChoiceField(
        label=_("Run by"), queryset=Organisation.objects.filter(status=Organisation.Status.MEMBER)
    )
    place = PlaceField(label=_("Place"))
    address = forms.CharField(label=_("Address"), max_length=300, required=False)
    hours = forms.CharField(label=_("Opening hours"), max_length=200, required=False)
    opened_on = forms.DateField(label=_("Opened on"), widget=DATE_INPUT)


class PointStatusForm(PlainTextMixin, forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=CollectionPoint.Status.choices)
    needs_now = forms.CharField(label=_("What it needs now"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    hours = forms.CharField(label=_("Opening hours"), max_length=200, required=False)


class ClientUUIDMixin(forms.Form):
    """The form's identifier, made when the form is shown: sending the form twice records it once."""

    client_uuid = forms.UUIDField(widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("initial", {}).setdefault("client_uuid", uuid.uuid4())
        super().__init__(*args, **kwargs)


class IntakeForm(PlainTextMixin, ClientUUIDMixin):
    item = NamedChoiceField(label=_("Item"), queryset=Item.objects.all())
    quantity = forms.DecimalField(label=_("Quantity"), max_digits=14, decimal_places=3, widget=QUANTITY_INPUT)
    unit = forms.ChoiceField(label=_("Unit"), choices=Item.Unit.choices)
    condition = forms.ChoiceField(
        label=_("Condition"), choices=StockEntry.Condition.choices, initial=StockEntry.Condition.NEW
    )
    donor_name = forms.CharField(label=_("Donor (leave empty for an anonymous donor)"), max_length=200, required=False)
    donor_consents = forms.BooleanField(label=_("The donor agrees to be named on the public page"), required=False)
    receipt = forms.CharField(label=_("Receipt number given to the donor"), max_length=40, required=False)


class CashForm(PlainTextMixin, ClientUUIDMixin):
    amount = forms.DecimalField(label=_("Amount"), max_digits=16, decimal_places=2, widget=QUANTITY_INPUT)
    currency = forms.CharField(
        label=_("Currency (ISO 4217 code)"),
        max_length=3,
        initial="SYP",
        widget=forms.TextInput(attrs={"list": "currencies", "autocapitalize": "characters", "size": 4}),
    )
    usd_rate = forms.DecimalField(
        label=_("US dollars for one unit of the currency"),
        max_digits=18,
        decimal_places=8,
        widget=QUANTITY_INPUT,
    )
    rate_date = forms.DateField(label=_("Date of that exchange rate"), widget=DATE_INPUT)
    donor_name = forms.CharField(label=_("Donor (leave empty for an anonymous donor)"), max_length=200, required=False)
    donor_consents = forms.BooleanField(label=_("The donor agrees to be named on the public page"), required=False)
    receipt = forms.CharField(label=_("Receipt number given to the donor"), max_length=40, required=False)


class ReverseForm(PlainTextMixin, forms.Form):
    reason = forms.CharField(label=_("Why this entry is wrong"), max_length=500)


def _point_label(point):
    return format_html("{} — {}", point.organisation.name, point.place.name)


class PointChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return _point_label(obj)


class TransferForm(forms.Form):
    source = PointChoiceField(label=_("From the point"), queryset=CollectionPoint.objects.none())
    target = PointChoiceField(label=_("To the point"), queryset=CollectionPoint.objects.none())
    item = NamedChoiceField(label=_("Item"), queryset=Item.objects.all())
    quantity = forms.DecimalField(label=_("Quantity"), max_digits=14, decimal_places=3, widget=QUANTITY_INPUT)

    def __init__(self, *args, appeal, **kwargs):
        super().__init__(*args, **kwargs)
        points = appeal.points.select_related("organisation", "place")
        self.fields["source"].queryset = points
        self.fields["target"].queryset = points


class ConvoyForm(PlainTextMixin, forms.Form):
    crossing = forms.CharField(label=_("Crossing"), max_length=200)
    route = forms.CharField(label=_("Route"), max_length=300, required=False)
    planned_on = forms.DateField(label=_("Planned departure"), widget=DATE_INPUT, required=False)
    partner = NamedChoiceField(label=_("Receiving partner"), queryset=Partner.objects.none())

    def __init__(self, *args, appeal, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["partner"].queryset = appeal.partners.all()


class TruckForm(PlainTextMixin, forms.Form):
    plate = forms.CharField(label=_("Plate"), max_length=40)
    driver_name = forms.CharField(label=_("Driver's name"), max_length=200, required=False)
    driver_phone = forms.CharField(
        label=_("Driver's phone"), max_length=40, required=False, widget=forms.TextInput(attrs={"inputmode": "tel"})
    )


class LoadForm(forms.Form):
    """Up to five lines to load on a truck, each a point's item (only what is in stock is offered) and a
    quantity."""

    def __init__(self, *args, stock_choices, **kwargs):
        super().__init__(*args, **kwargs)
        for i in range(LOAD_ROWS):
            self.fields[f"stock_{i}"] = forms.ChoiceField(
                label=_("Goods at a point (line %(number)s)") % {"number": i + 1},
                choices=[("", "—"), *stock_choices],
                required=False,
            )
            self.fields[f"quantity_{i}"] = forms.DecimalField(
                label=_("Quantity (line %(number)s)") % {"number": i + 1},
                max_digits=14,
                decimal_places=3,
                required=False,
                widget=QUANTITY_INPUT,
            )

    def rows(self):
        return [(self[f"stock_{i}"], self[f"quantity_{i}"]) for i in range(LOAD_ROWS)]

    def lines(self) -> list[tuple[int, int, object]]:
        found = []
        for i in range(LOAD_ROWS):
            key, quantity = self.cleaned_data.get(f"stock_{i}"), self.cleaned_data.get(f"quantity_{i}")
            if key and quantity is not None:
                point_id, item_id = (int(x) for x in key.split(":"))
                found.append((point_id, item_id, quantity))
            elif key or quantity is not None:
                raise forms.ValidationError(_("Each line needs both the goods and a quantity."))
        return found


class HandoverForm(PlainTextMixin, forms.Form):
    received_by = forms.CharField(label=_("Your name (who received the convoy)"), max_length=200)
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, lines: list[ManifestLine], **kwargs):
        super().__init__(*args, **kwargs)
        self.lines = lines
        for line in lines:
            self.fields[f"line_{line.pk}"] = forms.ChoiceField(
                label=format_html(
                    "{} — {} {}", line.item.name, f"{line.quantity.normalize():f}", line.item.get_unit_display()
                ),
                choices=ManifestLine.Outcome.choices,
                initial=ManifestLine.Outcome.RECEIVED,
                widget=forms.RadioSelect,
            )

    def outcomes(self) -> dict[int, str]:
        return {line.pk: self.cleaned_data[f"line_{line.pk}"] for line in self.lines}


class CashTransferForm(PlainTextMixin, forms.Form):
    point = PointChoiceField(label=_("From the cash of the point"), queryset=CollectionPoint.objects.none())
    partner = NamedChoiceField(label=_("Receiver"), queryset=Partner.objects.none())
    method = forms.ChoiceField(label=_("Method"), choices=CashTransfer.Method.choices)
    amount = forms.DecimalField(label=_("Amount"), max_digits=16, decimal_places=2, widget=QUANTITY_INPUT)
    currency = forms.CharField(
        label=_("Currency (ISO 4217 code)"), max_length=3, widget=forms.TextInput(attrs={"list": "currencies"})
    )
    usd_rate = forms.DecimalField(
        label=_("US dollars for one unit of the currency"), max_digits=18, decimal_places=8, widget=QUANTITY_INPUT
    )
    rate_date = forms.DateField(label=_("Date of that exchange rate"), widget=DATE_INPUT)
    reference = forms.CharField(label=_("Reference of the transfer"), max_length=100, required=False)

    def __init__(self, *args, appeal, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["point"].queryset = appeal.points.select_related("organisation", "place")
        self.fields["partner"].queryset = appeal.partners.all()


class ReceiveForm(PlainTextMixin, forms.Form):
    received_by = forms.CharField(label=_("Your name (who received the money)"), max_length=200)


CURRENCIES = COMMON
