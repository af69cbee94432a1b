"""The one place picker every form uses (`PlacesField` for several places, `PlaceField` for one), the form to ask
the technical team for a place the picker does not know, and the technical team's forms for communities.

The picker works without JavaScript: it lists the places chosen (ticked) and a search box; searching submits the
form it is in, which comes back, unsaved and with everything typed, with the places found to tick. A search is
pending while the box holds words not yet searched for (`<name>__q` differs from `<name>__searched`): the field
is then invalid, so no view saves the form before the person chose. With JavaScript (places/static/places/
picker.js) the same box suggests places as one types, from `places:search`."""

from django import forms
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from core.forms import PlainTextMixin
from core.validators import NAME_SCRIPT, one_line
from places import selectors
from places.models import Place

SEARCHING = _("Tick the places you want among those found, then save.")
SEARCHING_ONE = _("Choose the place you want among those found, then save.")


class Picked(list):
    """The pks a picker submitted, with the words in its search box and whether they still wait for a search."""

    def __init__(self, values=(), *, query: str = "", searching: bool = False):
        super().__init__(values)
        self.query = query
        self.searching = searching


class PickedOne(str):
    """The pk a one-place picker submitted ("" for none), with its search box's words."""

    query = ""
    searching = False

    @classmethod
    def of(cls, value, *, query: str = "", searching: bool = False) -> "PickedOne":
        picked = cls(value or "")
        picked.query, picked.searching = query, searching
        return picked


def _query(data, name: str) -> tuple[str, bool]:
    query = " ".join((data.get(f"{name}__q") or "").split())[:100]
    return query, bool(query) and query != data.get(f"{name}__searched", "")


class PlacePicker(forms.Widget):
    """Ticked places, a search box and, after a search, the places found; see the module's docstring."""

    template_name = "places/widgets/picker.html"
    # A group (the places chosen and the search box): its label is a legend, and the search box has its own.
    use_fieldset = True

    def __init__(self, attrs=None, *, levels=None, multiple: bool = True):
        super().__init__(attrs)
        self.levels = tuple(levels or ())
        self.multiple = multiple

    def value_from_datadict(self, data, files, name):
        query, searching = _query(data, name)
        if self.multiple:
            values = data.getlist(name) if hasattr(data, "getlist") else data.get(name) or []
            return Picked(values, query=query, searching=searching)
        return PickedOne.of(data.get(name), query=query, searching=searching)

    def value_omitted_from_data(self, data, files, name):
        # An unticked box sends nothing: absent means "none chosen", as for checkboxes.
        return False

    def id_for_label(self, id_):
        return id_  # the search box: an error summary's link leads there

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        # The attributes are the search box's: it is never required (the ticks are), and its help is below it.
        box = context["widget"]["attrs"]
        box.pop("required", None)
        box["aria-describedby"] = " ".join(filter(None, [box.get("aria-describedby"), f"{box.get('id', name)}__help"]))
        if self.multiple:
            picked = value if isinstance(value, (list, tuple)) else ([] if value in (None, "") else [value])
        else:
            picked = [] if value in (None, "") else [value]
        pks = [int(v) for v in picked if str(v).isdigit()]
        query = getattr(value, "query", "")
        chosen = selectors.choices(pks)
        found = [c for c in selectors.search(query, levels=self.levels) if c.pk not in pks] if query else []
        context["widget"].update(
            multiple=self.multiple,
            chosen=chosen,
            found=found,
            query=query,
            searched=bool(query),
            levels=",".join(map(str, self.levels)),
            search_url=reverse("places:search"),
            request_url=reverse("places:request") + ("?" + urlencode({"name": query}) if query else ""),
        )
        return context


class PlacesField(forms.ModelMultipleChoiceField):
    """Several places of the gazetteer (of the given levels), chosen with the picker."""

    widget = PlacePicker

    def __init__(self, *, levels=None, queryset=None, **kwargs):
        if queryset is None:
            queryset = Place.objects.filter(level__in=levels) if levels else Place.objects.all()
        kwargs.setdefault("required", False)
        super().__init__(queryset, **kwargs)
        self.widget.levels = tuple(levels or ())
        self.widget.multiple = True

    def prepare_value(self, value):
        prepared = super().prepare_value(value)
        if isinstance(value, Picked):
            return Picked(prepared, query=value.query, searching=value.searching)
        return prepared

    def clean(self, value):
        if getattr(value, "searching", False):
            raise forms.ValidationError(SEARCHING, code="searching")
        return super().clean(value)

    def label_from_instance(self, obj):
        return str(obj.name)


class PlaceField(forms.ModelChoiceField):
    """One place of the gazetteer (of the given levels), chosen with the picker."""

    widget = PlacePicker

    def __init__(self, *, levels=None, queryset=None, **kwargs):
        if queryset is None:
            queryset = Place.objects.filter(level__in=levels) if levels else Place.objects.all()
        super().__init__(queryset, **kwargs)
        self.widget.levels = tuple(levels or ())
        self.widget.multiple = False

    def prepare_value(self, value):
        prepared = super().prepare_value(value)
        if isinstance(value, PickedOne):
            return PickedOne.of(prepared, query=value.query, searching=value.searching)
        return prepared

    def clean(self, value):
        if getattr(value, "searching", False):
            raise forms.ValidationError(SEARCHING_ONE, code="searching")
        return super().clean(value)

    def label_from_instance(self, obj):
        return str(obj.name)


ADMINISTRATIVE = (Place.Level.GOVERNORATE, Place.Level.DISTRICT, Place.Level.SUB_DISTRICT)


class PlaceRequestForm(PlainTextMixin, forms.Form):
    """Ask the technical team to add a place: its name, where it is, and anything that helps find it."""

    name = forms.CharField(label=_("Name of the place"), max_length=120, validators=[one_line])
    parent = PlaceField(
        label=_("Where it is: its sub-district, or else its district or governorate"), levels=ADMINISTRATIVE
    )
    note = forms.CharField(
        label=_("What it is, and anything that helps find it (optional)"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class CommunityForm(PlainTextMixin, forms.Form):
    parent = PlaceField(label=_("Sub-district"), levels=(Place.Level.SUB_DISTRICT,))
    name_ar = forms.CharField(label=_("Name in Arabic"), max_length=120, validators=[NAME_SCRIPT["ar"]])
    name_en = forms.CharField(label=_("Name in Latin letters"), max_length=120, validators=[NAME_SCRIPT["en"]])
    pcode = forms.RegexField(label=_("Community P-code, if known"), regex=r"^C\d{4,6}$", required=False, max_length=20)
    request = forms.IntegerField(required=False, widget=forms.HiddenInput)


class DeclineForm(PlainTextMixin, forms.Form):
    reason = forms.CharField(
        label=_("Why the place is not added (the person who asked reads it)"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
