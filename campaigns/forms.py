"""Forms of advocacy: signing, proposing and voting for an organisation, the technical team's statements,
rounds, campaigns and timeline, and the campaign team's meeting records."""

from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP
from django import forms
from django.core.validators import MaxLengthValidator
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from campaigns.models import Campaign, FollowUp, IssueProposal, IssueRound, Meeting, Signature, Statement, TimelineEvent
from coalition.models import Region
from core.forms import PlainTextMixin, TranslatedChoiceField, TranslatedMultipleChoiceField, language_inputs
from core.i18n import LANGUAGE_CODES, direction, language_name, ordered_by_name
from members.models import Organisation
from projects.models import Project

TEXT_MAX = 20_000

# Date and time inputs are the browser's own pickers: they read and write ISO values whatever the page's
# language (the Arabic input format d/m/Y would leave them empty, and saving would then erase the date).
DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
MOMENT_INPUT = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


def language_labels(form, **labels) -> None:
    """Label each per-language input in the reader's language: `title_ar` becomes "Title (Arabic)", not "Title ar".
    `labels` gives, for each translated field, its label with a %(language)s placeholder."""
    for base, label in labels.items():
        for code in LANGUAGE_CODES:
            name = f"{base}_{code}"
            if name in form.fields:
                form.fields[name].label = label % {"language": language_name(code)}


class TitledChoiceField(forms.ModelChoiceField):
    """Choices of records that have a title (campaigns, statements, projects), in the reader's language."""

    def label_from_instance(self, obj):
        return str(obj.title)


class ProjectChoiceField(forms.ModelChoiceField):
    """A project, by its title and its organisation's name, in the reader's language."""

    def label_from_instance(self, obj):
        return f"{obj.title} — {obj.organisation.name}"


class RegionChoiceField(TranslatedMultipleChoiceField):
    """Regions as checkboxes: each name isolated, so a name without a translation reads as a name (data)."""

    def label_from_instance(self, obj):
        name = obj.name
        return format_html('<bdi lang="{}">{}</bdi>', name.lang, name)


class ProposalChoiceField(forms.ModelMultipleChoiceField):
    """Proposed issues as checkboxes: their titles are what organisations wrote, in their language."""

    def label_from_instance(self, obj):
        return format_html('<bdi dir="auto">{}</bdi>', obj.title)


class SignForm(forms.Form):
    organisation = TranslatedChoiceField(label=_("Sign for"), queryset=Organisation.objects.none(), empty_label=None)
    visibility = forms.ChoiceField(
        label=_("How your signature is shown"),
        choices=Signature.Visibility.choices,
        widget=forms.RadioSelect,
        initial=Signature.Visibility.NAMED,
    )
    password = forms.CharField(
        label=_("Your password, or a code from your authenticator app"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    version = forms.IntegerField(widget=forms.HiddenInput)
    fingerprint = forms.CharField(widget=forms.HiddenInput, max_length=64)

    def __init__(self, *args, organisations, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations
        self.user = user

    def clean_password(self):
        value = self.cleaned_data["password"]
        if self.user.check_password(value):
            return value
        totp = Authenticator.objects.filter(user=self.user, type=Authenticator.Type.TOTP).first()
        if totp is not None and value.strip().isdigit() and TOTP(totp).validate_code(value.strip()):
            return value
        raise forms.ValidationError(_("This is neither your password nor a valid authenticator code."))


class ProposalForm(PlainTextMixin, forms.ModelForm):
    organisation = TranslatedChoiceField(
        label=_("For the organisation"), queryset=Organisation.objects.none(), empty_label=None
    )

    class Meta:
        model = IssueProposal
        fields = ["organisation", "title", "problem", "effects", "solutions"]
        widgets = {f: forms.Textarea(attrs={"rows": 4}) for f in ("problem", "effects", "solutions")}

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations
        for name in ("problem", "effects", "solutions"):
            self.fields[name].max_length = 5000
            self.fields[name].validators.append(MaxLengthValidator(5000))

    def proposal_fields(self) -> dict:
        """The proposal's own fields; the organisation it is proposed for is given apart."""
        return {k: v for k, v in self.cleaned_data.items() if k != "organisation"}


class BallotForm(forms.Form):
    organisation = TranslatedChoiceField(label=_("Vote for"), queryset=Organisation.objects.none(), empty_label=None)
    approvals = ProposalChoiceField(
        label=_("The issues your organisation approves"),
        queryset=IssueProposal.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, organisations, proposals, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations
        self.fields["approvals"].queryset = proposals


class WithdrawForm(PlainTextMixin, forms.Form):
    reason = forms.CharField(label=_("Reason (optional)"), required=False, max_length=300)


class TakedownForm(PlainTextMixin, forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=300)


class PublishForm(forms.Form):
    """Publishing closes signing for good: the technical team confirms it knows, without needing JavaScript."""

    confirm = forms.BooleanField(
        label=_("I understand that publishing closes signing and cannot be undone."),
        required=True,
    )


class StatementForm(PlainTextMixin, forms.ModelForm):
    class Meta:
        model = Statement
        fields = ["slug", "campaign", *[f"title_{c}" for c in LANGUAGE_CODES], "original_language", "deadline"]
        field_classes = {"campaign": TitledChoiceField}
        widgets = {"deadline": MOMENT_INPUT}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        language_labels(self, title=_("Title (%(language)s)"))
        language_inputs(self)


class StatementTextForm(PlainTextMixin, forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for code in LANGUAGE_CODES:
            self.fields[f"text_{code}"] = forms.CharField(
                label=_("Text (%(language)s)") % {"language": language_name(code)},
                required=False,
                max_length=TEXT_MAX,
                widget=forms.Textarea(attrs={"rows": 8, "lang": code, "dir": direction(code)}),
            )

    def texts(self) -> dict:
        return {code: self.cleaned_data[f"text_{code}"] for code in LANGUAGE_CODES}


class RoundForm(PlainTextMixin, forms.ModelForm):
    class Meta:
        model = IssueRound
        fields = [
            "slug",
            "region",
            *[f"title_{c}" for c in LANGUAGE_CODES],
            "proposals_open_at",
            "voting_opens_at",
            "closes_at",
        ]
        field_classes = {"region": TranslatedChoiceField}
        widgets = {f: MOMENT_INPUT for f in ("proposals_open_at", "voting_opens_at", "closes_at")}
        help_texts = {"closes_at": _("Times are in Syria's time zone (Damascus).")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].queryset = ordered_by_name(Region.objects.all())
        language_labels(self, title=_("Title (%(language)s)"))
        language_inputs(self)

    def clean(self):
        data = super().clean()
        a, b, c = data.get("proposals_open_at"), data.get("voting_opens_at"), data.get("closes_at")
        if a and b and c and not (a <= b < c):
            raise forms.ValidationError(_("Proposals open, then voting opens, then the round closes: in that order."))
        return data


class CampaignForm(PlainTextMixin, forms.ModelForm):
    class Meta:
        model = Campaign
        fields = [
            "slug",
            *[f"title_{c}" for c in LANGUAGE_CODES],
            *[f"issue_{c}" for c in LANGUAGE_CODES],
            *[f"objectives_{c}" for c in LANGUAGE_CODES],
            "original_language",
            "regions",
            "organisations",
            "hashtags",
            "starts_on",
            "ends_on",
            "status",
        ]
        field_classes = {"regions": RegionChoiceField, "organisations": TranslatedMultipleChoiceField}
        widgets = {"starts_on": DATE_INPUT, "ends_on": DATE_INPUT, "regions": forms.CheckboxSelectMultiple}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["regions"].queryset = Region.objects.all()
        self.fields["organisations"].queryset = ordered_by_name(Organisation.objects.public())
        language_labels(
            self,
            title=_("Title (%(language)s)"),
            issue=_("The issue (%(language)s)"),
            objectives=_("Objectives (%(language)s)"),
        )
        language_inputs(self)

    def campaign_fields(self) -> dict:
        """The campaign's own fields; its regions and organisations are given apart."""
        return {k: v for k, v in self.cleaned_data.items() if k not in ("regions", "organisations")}


class EventForm(PlainTextMixin, forms.ModelForm):
    url = forms.URLField(label=_("Link to the evidence"), required=False, max_length=500, assume_scheme="https")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["project"].queryset = ordered_by_name(
            Project.objects.published().select_related("organisation"), "title"
        )
        self.fields["project"].label = _("A project of the registry as evidence")
        language_labels(self, title=_("Title (%(language)s)"))
        language_inputs(self)

    class Meta:
        model = TimelineEvent
        fields = [
            "kind",
            "happened_on",
            *[f"title_{c}" for c in LANGUAGE_CODES],
            "original_language",
            "url",
            "statement",
            "project",
        ]
        field_classes = {"statement": TitledChoiceField, "project": ProjectChoiceField}
        widgets = {"happened_on": DATE_INPUT}


class MeetingForm(PlainTextMixin, forms.ModelForm):
    promise_1 = forms.CharField(label=_("A promise to follow up"), required=False, max_length=500)
    owner_1 = forms.CharField(label=_("Who follows it up"), required=False, max_length=200)
    due_1 = forms.DateField(label=_("By when"), required=False, widget=DATE_INPUT)

    class Meta:
        model = Meeting
        fields = [
            "held_on",
            "authority",
            "office",
            "organisations",
            "attendees",
            "asked",
            "answered",
            "promised",
            "is_public",
        ]
        field_classes = {"organisations": TranslatedMultipleChoiceField}
        widgets = {
            "held_on": DATE_INPUT,
            **{f: forms.Textarea(attrs={"rows": 3}) for f in ("attendees", "asked", "answered", "promised")},
        }

    def __init__(self, *args, campaign, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisations"].queryset = ordered_by_name(campaign.organisations.all())
        self.fields["organisations"].required = False

    def meeting_fields(self) -> dict:
        """The meeting's own fields; its organisations and promises are given apart."""
        return {
            k: v for k, v in self.cleaned_data.items() if k not in ("organisations", "promise_1", "owner_1", "due_1")
        }

    def promises(self) -> list[dict]:
        data = self.cleaned_data
        if not data.get("promise_1"):
            return []
        return [{"promise": data["promise_1"], "owner": data.get("owner_1", ""), "due_on": data.get("due_1")}]


class FollowUpStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=FollowUp.Status.choices)
