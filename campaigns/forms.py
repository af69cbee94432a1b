"""Forms of advocacy: signing, proposing and voting for an organisation, the technical team's statements,
rounds, campaigns and timeline, and the campaign team's meeting records."""

from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP
from django import forms
from django.core.validators import MaxLengthValidator
from django.utils.translation import gettext_lazy as _

from campaigns.models import Campaign, FollowUp, IssueProposal, IssueRound, Meeting, Signature, Statement, TimelineEvent
from core.forms import PlainTextMixin, TranslatedChoiceField, language_inputs
from core.i18n import LANGUAGE_CODES, direction, language_name
from members.models import Organisation
from projects.models import Project

TEXT_MAX = 20_000


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
    approvals = forms.ModelMultipleChoiceField(
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
        widgets = {"deadline": forms.DateTimeInput(attrs={"type": "datetime-local"})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
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
        widgets = {
            f: forms.DateTimeInput(attrs={"type": "datetime-local"})
            for f in ("proposals_open_at", "voting_opens_at", "closes_at")
        }

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
        widgets = {
            "starts_on": forms.DateInput(attrs={"type": "date"}),
            "ends_on": forms.DateInput(attrs={"type": "date"}),
            "regions": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisations"].queryset = Organisation.objects.public().order_by("name_en")
        language_inputs(self)

    def campaign_fields(self) -> dict:
        """The campaign's own fields; its regions and organisations are given apart."""
        return {k: v for k, v in self.cleaned_data.items() if k not in ("regions", "organisations")}


class EventForm(PlainTextMixin, forms.ModelForm):
    url = forms.URLField(label=_("Link to the evidence"), required=False, max_length=500, assume_scheme="https")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["project"].queryset = Project.objects.published().select_related("organisation")
        self.fields["project"].label = _("A project of the registry as evidence")

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
        widgets = {"happened_on": forms.DateInput(attrs={"type": "date"})}


class MeetingForm(PlainTextMixin, forms.ModelForm):
    promise_1 = forms.CharField(label=_("A promise to follow up"), required=False, max_length=500)
    owner_1 = forms.CharField(label=_("Who follows it up"), required=False, max_length=200)
    due_1 = forms.DateField(label=_("By when"), required=False, widget=forms.DateInput(attrs={"type": "date"}))

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
        widgets = {
            "held_on": forms.DateInput(attrs={"type": "date"}),
            **{f: forms.Textarea(attrs={"rows": 3}) for f in ("attendees", "asked", "answered", "promised")},
        }

    def __init__(self, *args, campaign, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisations"].queryset = campaign.organisations.all()
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
    status = forms.ChoiceField(choices=FollowUp.Status.choices)
