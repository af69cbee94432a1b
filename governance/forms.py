"""Forms of governance: they return clean Python values; the services decide (and refuse with a message)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from coalition.models import Body, Region
from core.forms import PlainTextMixin, TranslatedChoiceField, language_inputs
from core.i18n import LANGUAGE_CODES, language_name, ordered_by_name
from governance.models import AgendaItem, Assembly, CandidacyRules, Election
from governance.uploads import MAX_BYTES
from members.models import Organisation
from places.forms import ADMINISTRATIVE, PlaceField

# The browser's own pickers: they read and write ISO values whatever the page's language.
MOMENT_INPUT = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
TEXT_MAX = 20_000


def _languages(form, **labels) -> None:
    for base, label in labels.items():
        for code in LANGUAGE_CODES:
            name = f"{base}_{code}"
            if name in form.fields:
                form.fields[name].label = label % {"language": language_name(code)}
    language_inputs(form)


def texts(data: dict, base: str) -> dict[str, str]:
    return {code: data.get(f"{base}_{code}", "") or "" for code in LANGUAGE_CODES}


class AssemblyForm(PlainTextMixin, forms.ModelForm):
    place = PlaceField(label=_("Place (governorate, district or sub-district)"), levels=ADMINISTRATIVE, required=False)

    class Meta:
        model = Assembly
        fields = [
            "slug",
            *[f"title_{c}" for c in LANGUAGE_CODES],
            "original_language",
            "starts_at",
            "place",
            "venue",
            "region",
            "quorum_numerator",
            "quorum_denominator",
            "quorum_more_than",
        ]
        field_classes = {"region": TranslatedChoiceField}
        widgets = {"starts_at": MOMENT_INPUT}
        help_texts = {"starts_at": _("In Syria's time zone (Damascus).")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].queryset = ordered_by_name(Region.objects.all())
        self.fields["region"].empty_label = _("All regions")
        _languages(self, title=_("Title (%(language)s)"))

    def clean(self):
        data = super().clean()
        if not any(data.get(f"title_{c}") for c in LANGUAGE_CODES):
            raise forms.ValidationError(_("Give the assembly a title in at least one language."))
        n, d = data.get("quorum_numerator"), data.get("quorum_denominator")
        if n is not None and d is not None and (d == 0 or n > d):
            raise forms.ValidationError(_("The quorum is a share: the numerator at most the denominator, above 0."))
        return data


class AgendaItemForm(PlainTextMixin, forms.ModelForm):
    class Meta:
        model = AgendaItem
        fields = [
            "order",
            *[f"title_{c}" for c in LANGUAGE_CODES],
            *[f"text_{c}" for c in LANGUAGE_CODES],
            *[f"decision_{c}" for c in LANGUAGE_CODES],
            "votes_for",
            "votes_against",
            "abstentions",
            "original_language",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _languages(
            self,
            title=_("Title (%(language)s)"),
            text=_("What is to be discussed (%(language)s)"),
            decision=_("Decision (%(language)s)"),
        )
        for name, field in self.fields.items():
            if name.startswith(("text_", "decision_")):
                field.max_length = TEXT_MAX

    def clean(self):
        data = super().clean()
        if not any(data.get(f"title_{c}") for c in LANGUAGE_CODES):
            raise forms.ValidationError(_("Give the agenda item a title in at least one language."))
        return data


class DocumentForm(PlainTextMixin, forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    file = forms.FileField(label=_("File (PDF, JPEG or PNG, at most 8 MB)"))
    is_public = forms.BooleanField(label=_("Show it on the public page"), required=False, initial=True)

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_BYTES:
            raise forms.ValidationError(_("The file is larger than 8 MB."))
        return upload


class AttendanceForm(PlainTextMixin, forms.Form):
    organisation = forms.ModelChoiceField(queryset=Organisation.objects.none(), widget=forms.HiddenInput)
    representative_name = forms.CharField(label=_("Representative"), max_length=150, required=False)
    present = forms.BooleanField(label=_("Present"), required=False)

    def __init__(self, *args, assembly, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.filter(
            pk__in=assembly.invited.values("organisation")
        )


class MinutesForm(PlainTextMixin, forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for code in LANGUAGE_CODES:
            self.fields[f"minutes_{code}"] = forms.CharField(
                required=False, max_length=TEXT_MAX, widget=forms.Textarea(attrs={"rows": 8})
            )
        _languages(self, minutes=_("Minutes (%(language)s)"))


class RulesForm(PlainTextMixin, forms.ModelForm):
    class Meta:
        model = CandidacyRules
        fields = [
            *[f"text_{c}" for c in LANGUAGE_CODES],
            "original_language",
            "good_standing_months",
            "one_per_organisation",
            "no_suspended",
            "committee_cannot_stand",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _languages(self, text=_("Rules (%(language)s)"))
        for code in LANGUAGE_CODES:
            self.fields[f"text_{code}"].max_length = TEXT_MAX

    def clean(self):
        data = super().clean()
        if not any(data.get(f"text_{c}") for c in LANGUAGE_CODES):
            raise forms.ValidationError(_("Write the rules in at least one language."))
        return data


class RulesChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return _("Version %(n)s") % {"n": obj.number}


class ElectionForm(PlainTextMixin, forms.ModelForm):
    regional_seats_text = forms.CharField(
        label=_("Regional seats"),
        required=False,
        max_length=300,
        help_text=_(
            "One region a line: its short name, a space and its seats, such as: raqqa 1. Leave empty for none."
        ),
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    class Meta:
        model = Election
        fields = [
            "slug",
            "assembly",
            "body",
            *[f"title_{c}" for c in LANGUAGE_CODES],
            *[f"note_{c}" for c in LANGUAGE_CODES],
            "original_language",
            "seats",
            "term_months",
            "tie_rule",
            "allow_blank",
            "rules",
            "nominations_close_at",
            "committee_threshold",
            "complaint_days",
        ]
        field_classes = {"body": TranslatedChoiceField, "rules": RulesChoiceField}
        widgets = {"nominations_close_at": MOMENT_INPUT}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].queryset = ordered_by_name(Body.objects.all())
        self.fields["assembly"].queryset = Assembly.objects.exclude(status=Assembly.Status.CLOSED)
        self.fields["assembly"].label_from_instance = lambda a: str(a.title)
        self.fields["assembly"].label = _("Assembly")
        if self.instance.regional_seats:
            self.fields["regional_seats_text"].initial = "\n".join(
                f"{k} {v}" for k, v in self.instance.regional_seats.items()
            )
        _languages(self, title=_("Title (%(language)s)"), note=_("Note for readers (%(language)s)"))

    def clean_regional_seats_text(self):
        seats = {}
        regions = set(Region.objects.values_list("slug", flat=True))
        for line in self.cleaned_data["regional_seats_text"].splitlines():
            if not line.strip():
                continue
            parts = line.split()
            if len(parts) != 2 or parts[0] not in regions or not parts[1].isdigit():
                raise forms.ValidationError(_("Write each line as a region's short name and a number."))
            seats[parts[0]] = int(parts[1])
        return seats

    def clean(self):
        data = super().clean()
        if not any(data.get(f"title_{c}") for c in LANGUAGE_CODES):
            raise forms.ValidationError(_("Give the election a title in at least one language."))
        return data

    def election_fields(self) -> dict:
        data = dict(self.cleaned_data)
        data["regional_seats"] = data.pop("regional_seats_text", {}) or {}
        return data


class CommitteeMemberForm(forms.Form):
    email = forms.EmailField(label=_("The person's email address (their CivNet account)"))
    organisation = TranslatedChoiceField(label=_("For the organisation"), queryset=Organisation.objects.none())

    def __init__(self, *args, assembly, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = ordered_by_name(
            Organisation.objects.filter(pk__in=assembly.invited.values("organisation"))
        )


class NominationForm(PlainTextMixin, forms.Form):
    organisation = TranslatedChoiceField(
        label=_("For the organisation"), queryset=Organisation.objects.none(), empty_label=None
    )
    person = forms.ModelChoiceField(label=_("The candidate"), queryset=None, empty_label=None)

    def __init__(self, *args, organisations, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations
        self.fields["person"].queryset = people
        self.fields["person"].label_from_instance = lambda p: p.full_name or p.email
        for code in LANGUAGE_CODES:
            self.fields[f"statement_{code}"] = forms.CharField(
                required=False, max_length=3000, widget=forms.Textarea(attrs={"rows": 4})
            )
        _languages(self, statement=_("The candidate's statement (%(language)s)"))


class ConsentForm(forms.Form):
    agree = forms.BooleanField(label=_("I agree to stand as a candidate in this election."))
    show_name = forms.BooleanField(
        label=_("My name may be shown on the public pages (otherwise only my organisation is shown)."), required=False
    )


class WithdrawForm(PlainTextMixin, forms.Form):
    reason = forms.CharField(
        label=_("Why (optional; kept in the record, not published)"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class ReasonForm(PlainTextMixin, forms.Form):
    reason = forms.CharField(
        label=_("The committee's reason"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )


class RollChangeForm(PlainTextMixin, forms.Form):
    organisation = TranslatedChoiceField(label=_("Organisation"), queryset=Organisation.objects.none())
    add = forms.TypedChoiceField(
        label=_("Change"),
        choices=[("1", _("Add to the roll")), ("0", _("Remove from the roll"))],
        coerce=lambda v: v == "1",
        widget=forms.RadioSelect,
    )
    representative_name = forms.CharField(label=_("Representative (when adding)"), max_length=150, required=False)
    reason = forms.CharField(
        label=_("The committee's reason"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, election, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = ordered_by_name(
            Organisation.objects.filter(pk__in=election.assembly.invited.values("organisation"))
        )


class CountForm(forms.Form):
    """The paper count: ballots, blank, invalid, then one field per candidate (named by the nomination's code)."""

    ballots = forms.IntegerField(label=_("Ballots cast"), min_value=0)
    blank = forms.IntegerField(label=_("Blank ballots"), min_value=0, initial=0)
    invalid = forms.IntegerField(label=_("Invalid ballots"), min_value=0, initial=0)

    def __init__(self, *args, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        self.candidates = candidates
        for nomination, label in candidates:
            self.fields[f"votes_{nomination.code}"] = forms.IntegerField(label=label, min_value=0)
        for field in self.fields.values():
            field.widget.attrs.update(inputmode="numeric", autocomplete="off")

    def votes(self) -> dict[str, int]:
        return {str(n.code): self.cleaned_data[f"votes_{n.code}"] for n, _label in self.candidates}


class SheetForm(forms.Form):
    photo = forms.FileField(label=_("Photo of the signed tally sheet (JPEG or PNG)"))

    def clean_photo(self):
        upload = self.cleaned_data["photo"]
        if upload.size > MAX_BYTES:
            raise forms.ValidationError(_("The file is larger than 8 MB."))
        return upload


class SignOffForm(forms.Form):
    secret = forms.CharField(
        label=_("Your password, or a code from your authenticator app"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )


class DrawForm(PlainTextMixin, forms.Form):
    drawn = forms.MultipleChoiceField(label=_("Who won the draw"), choices=(), widget=forms.CheckboxSelectMultiple)
    note = forms.CharField(label=_("How the draw was made"), max_length=1000, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, tied, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["drawn"].choices = tied


class ComplaintForm(PlainTextMixin, forms.Form):
    organisation = TranslatedChoiceField(
        label=_("For the organisation"), queryset=Organisation.objects.none(), empty_label=None
    )
    text = forms.CharField(label=_("The complaint"), max_length=5000, widget=forms.Textarea(attrs={"rows": 5}))

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations


class DecisionForm(PlainTextMixin, forms.Form):
    decision = forms.CharField(
        label=_("The committee's decision"), max_length=5000, widget=forms.Textarea(attrs={"rows": 3})
    )
    upheld = forms.TypedChoiceField(
        label=_("The complaint is"),
        choices=[("1", _("Upheld")), ("0", _("Dismissed"))],
        coerce=lambda v: v == "1",
        widget=forms.RadioSelect,
    )


# --- the online channel --------------------------------------------------------------------------------------------

MESSAGE_MAX = 2_000_000  # a ballot of 40 candidates is about 60 kB; a polynomial of a committee of 9 about 40 kB


class OnlineEnableForm(forms.Form):
    credential_authority = forms.ModelChoiceField(
        label=_("Credential authority"),
        queryset=None,
        empty_label=None,
        help_text=_(
            "The committee member who makes the voters' credentials in their own browser and prints the slips. "
            "The server never sees a private credential."
        ),
    )

    def __init__(self, *args, election, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["credential_authority"]
        field.queryset = election.committee.select_related("person", "organisation")
        field.label_from_instance = lambda m: f"{m.person.full_name} — {m.organisation.name}"


class _MessageForm(forms.Form):
    """A JSON message of the protocol, pasted (or filled by the browser) or uploaded as the file belenios-tool made."""

    message = forms.CharField(
        label=_("The message (JSON)"),
        required=False,
        max_length=MESSAGE_MAX,
        strip=True,
        widget=forms.Textarea(attrs={"rows": 3, "dir": "ltr", "spellcheck": "false", "autocomplete": "off"}),
    )
    file = forms.FileField(label=_("or the file belenios-tool wrote"), required=False)

    def clean(self):
        data = super().clean()
        upload = data.get("file")
        if upload is not None:
            if upload.size > MESSAGE_MAX:
                raise forms.ValidationError(_("The file is too large for a message of this election."))
            try:
                data["message"] = upload.read().decode("utf-8").strip()
            except UnicodeDecodeError:
                raise forms.ValidationError(_("The file is not text.")) from None
        if not data.get("message"):
            raise forms.ValidationError(_("Paste the message or choose the file."))
        return data


class TrusteeStepForm(_MessageForm):
    step = forms.ChoiceField(
        choices=[(s, s) for s in ("certificate", "polynomial", "voutput")], widget=forms.HiddenInput
    )


class DecryptionForm(_MessageForm):
    pass


class CredentialsForm(forms.Form):
    """{organisation slug: public credential}, filled by the credential authority's browser."""

    credentials = forms.JSONField(widget=forms.HiddenInput, max_length=MESSAGE_MAX)

    def clean_credentials(self):
        value = self.cleaned_data["credentials"]
        if not isinstance(value, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in value.items()):
            raise forms.ValidationError(_("The credentials were not made by the page: make them again."))
        return value


class RevokeForm(PlainTextMixin, forms.Form):
    organisation = TranslatedChoiceField(label=_("Organisation"), queryset=Organisation.objects.none())
    reason = forms.CharField(
        label=_("The committee's reason"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, election, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = ordered_by_name(
            Organisation.objects.filter(pk__in=election.roll.values("organisation"))
        )


class BallotForm(forms.Form):
    """The booth: the organisation voted for, and the encrypted ballot the browser made. The candidates' boxes and
    the credential are read by the script and never sent."""

    organisation = TranslatedChoiceField(label=_("Vote for"), queryset=Organisation.objects.none(), empty_label=None)
    ballot = forms.CharField(required=False, max_length=MESSAGE_MAX, strip=False, widget=forms.HiddenInput)

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations
