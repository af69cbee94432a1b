"""Forms of capacity building: an organisation's answers to a round (built from its questionnaire), the technical
team's questionnaires, questions, rounds, workshops, trainers, trainees and invitations, and a trainer's attendance
sheet for one day. They return clean values; the services decide."""

import datetime

from django import forms
from django.utils.html import format_html
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from coalition.models import Region
from core.forms import PlainTextMixin, TranslatedMultipleChoiceField, language_inputs
from core.i18n import LANGUAGE_CODES, language_name, ordered_by_name
from members.models import Organisation
from places.forms import PlaceField
from projects.models import Project
from trainings.models import Question, Questionnaire, Round, Trainee, Trainer, Workshop

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
MOMENT_INPUT = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
OTHER = "__other"
# Labels ending with these read as a question or a sentence: no ":" after them.
QUESTION_ENDINGS = frozenset("?.!:؟۔؛")


def _labels(form, **labels) -> None:
    for base, label in labels.items():
        for code in LANGUAGE_CODES:
            name = f"{base}_{code}"
            if name in form.fields:
                form.fields[name].label = label % {"language": language_name(code)}


class OrganisationChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return str(obj.name)


class ProjectChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.title} — {obj.organisation.name}"


# --- answering ------------------------------------------------------------------------------------------------


class AnswerForm(PlainTextMixin, forms.Form):
    """One field per question of the round's questionnaire, labelled in the reader's language; a choice question
    that allows it has a text field for "other, please say"."""

    replace = forms.BooleanField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, questions, **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = list(questions)
        for q in self.questions:
            label = str(q.text) or q.code
            choices = [(o.code, str(o.label) or o.code) for o in q.options.all()]
            if q.kind == Question.Kind.SINGLE:
                if q.allow_other:
                    choices.append((OTHER, _("Other, please say")))
                field = forms.ChoiceField(label=label, choices=choices, widget=forms.RadioSelect, required=False)
            elif q.kind == Question.Kind.MULTIPLE:
                field = forms.MultipleChoiceField(
                    label=label, choices=choices, widget=forms.CheckboxSelectMultiple, required=False
                )
            elif q.kind == Question.Kind.SCALE:
                field = forms.TypedChoiceField(
                    label=label,
                    choices=[(n, str(n)) for n in range(1, q.scale_max + 1)],
                    coerce=int,
                    empty_value=None,
                    widget=forms.RadioSelect,
                    required=False,
                    help_text=_("From 1 (least) to %(top)s (most).") % {"top": q.scale_max},
                )
            else:
                field = forms.CharField(label=label, max_length=500, required=False)
            field.question = q
            if label.rstrip()[-1:] in QUESTION_ENDINGS:
                field.label_suffix = ""  # Django adds ":" after "؟" or "۔" (it only knows Latin punctuation)
            self.fields[q.code] = field
            if q.allow_other and q.has_options:
                self.fields[f"{q.code}{OTHER}"] = forms.CharField(
                    label=_("Other, please say"), max_length=500, required=False
                )

    def clean(self):
        data = super().clean()
        for q in self.questions:
            value = data.get(q.code)
            other = (data.get(f"{q.code}{OTHER}") or "").strip()
            if q.required and not value and not other:
                self.add_error(q.code, _("Answer this question."))
            if q.kind == Question.Kind.SINGLE and value == OTHER and not other:
                self.add_error(f"{q.code}{OTHER}", _("Say what the other answer is."))
        return data

    def answers(self) -> dict:
        """{question code: value} as services.response_submit reads them."""
        data, answers = self.cleaned_data, {}
        for q in self.questions:
            value = data.get(q.code)
            if q.kind == Question.Kind.SINGLE and value == OTHER:
                value = None
            answers[q.code] = value
            if q.allow_other and q.has_options:
                answers[f"{q.code}__other"] = data.get(f"{q.code}{OTHER}") or ""
        return answers


def initial_answers(response) -> dict:
    """The form's initial values from an organisation's saved answers."""
    initial = {"replace": True}
    for answer in response.answers.select_related("question", "option"):
        q = answer.question
        if answer.option_id:
            if q.kind == Question.Kind.MULTIPLE:
                initial.setdefault(q.code, []).append(answer.option.code)
            else:
                initial[q.code] = answer.option.code
        elif answer.number is not None:
            initial[q.code] = answer.number
        elif q.has_options:
            initial[f"{q.code}{OTHER}"] = answer.text
            if q.kind == Question.Kind.SINGLE:
                initial[q.code] = OTHER
        else:
            initial[q.code] = answer.text
    return initial


# --- the technical team: questionnaires and rounds ----------------------------------------------------------


class QuestionnaireForm(PlainTextMixin, forms.ModelForm):
    class Meta:
        model = Questionnaire
        fields = ["slug", *[f"title_{c}" for c in LANGUAGE_CODES], "original_language"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _labels(self, title=_("Title (%(language)s)"))
        language_inputs(self)


class QuestionForm(PlainTextMixin, forms.ModelForm):
    """A question and, for a choice question, its options: one per line, in the same order in each language."""

    class Meta:
        model = Question
        fields = [
            "code",
            "kind",
            *[f"text_{c}" for c in LANGUAGE_CODES],
            "allow_other",
            "topic",
            "scale_max",
            "required",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for code in LANGUAGE_CODES:
            self.fields[f"options_{code}"] = forms.CharField(
                label=_("Options in %(language)s, one per line") % {"language": language_name(code)},
                widget=forms.Textarea,
                required=False,
            )
        self.fields["option_topics"] = forms.CharField(
            label=_("Topic of each option, one per line (optional)"), widget=forms.Textarea, required=False
        )
        _labels(self, text=_("Question (%(language)s)"))
        language_inputs(self)

    def clean(self):
        data = super().clean()
        lines = {
            c: [s.strip() for s in (data.get(f"options_{c}") or "").splitlines() if s.strip()] for c in LANGUAGE_CODES
        }
        counts = {len(v) for v in lines.values() if v}
        if len(counts) > 1:
            raise forms.ValidationError(_("Give the same number of options in every language you fill in."))
        topics = [s.strip() for s in (data.get("option_topics") or "").splitlines()]
        n = counts.pop() if counts else 0
        options = []
        for i in range(n):
            labels = {f"label_{c}": lines[c][i] if lines[c] else "" for c in LANGUAGE_CODES}
            base = slugify(labels["label_en"] or labels[f"label_{LANGUAGE_CODES[0]}"])[:30] or "option"
            topic = slugify(topics[i]) if i < len(topics) else ""
            options.append({"code": f"{base}-{i + 1}", "topic": topic, **labels})
        self.options = options
        return data

    def question_fields(self) -> dict:
        return {k: self.cleaned_data[k] for k in self.Meta.fields}


class RoundForm(PlainTextMixin, forms.ModelForm):
    class Meta:
        model = Round
        fields = ["slug", "questionnaire", *[f"title_{c}" for c in LANGUAGE_CODES], "regions", "opens_at", "closes_at"]
        field_classes = {"regions": TranslatedMultipleChoiceField}
        widgets = {"opens_at": MOMENT_INPUT, "closes_at": MOMENT_INPUT, "regions": forms.CheckboxSelectMultiple}
        help_texts = {"closes_at": _("Times are in Syria's time zone (Damascus).")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["regions"].queryset = ordered_by_name(Region.objects.all())
        _labels(self, title=_("Title (%(language)s)"))
        language_inputs(self)

    def round_fields(self) -> dict:
        return {k: v for k, v in self.cleaned_data.items() if k != "regions"}


# --- the technical team: workshops ------------------------------------------------------------------------------


class WorkshopForm(PlainTextMixin, forms.ModelForm):
    dates = forms.CharField(
        label=_("Days of the workshop"),
        help_text=_("Each date as year-month-day, such as 2026-03-14, one per line."),
        widget=forms.Textarea(attrs={"rows": 3, "dir": "ltr"}),
    )
    venue = PlaceField(label=_("Venue"))

    class Meta:
        model = Workshop
        fields = [
            "slug",
            *[f"title_{c}" for c in LANGUAGE_CODES],
            "topic",
            "need_round",
            "organiser_kind",
            "organiser_organisation",
            "organiser_name",
            "project",
            "venue",
            *[f"agenda_{c}" for c in LANGUAGE_CODES],
            *[f"materials_{c}" for c in LANGUAGE_CODES],
            "completion_percent",
            "published",
            "original_language",
        ]
        field_classes = {"organiser_organisation": OrganisationChoiceField, "project": ProjectChoiceField}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organiser_organisation"].queryset = ordered_by_name(
            Organisation.objects.filter(status=Organisation.Status.MEMBER)
        )
        self.fields["project"].queryset = Project.objects.select_related("organisation").order_by("-id")
        _labels(
            self,
            title=_("Title (%(language)s)"),
            agenda=_("Agenda (%(language)s)"),
            materials=_("Materials (%(language)s)"),
        )
        language_inputs(self)
        if self.instance.pk and not self.is_bound:
            self.initial["dates"] = "\n".join(d.date.isoformat() for d in self.instance.days.all())

    def clean_dates(self) -> list[datetime.date]:
        dates = []
        for word in self.cleaned_data["dates"].replace(",", " ").split():
            try:
                dates.append(datetime.date.fromisoformat(word))
            except ValueError:
                raise forms.ValidationError(
                    _("“%(word)s” is not a date written as year-month-day.") % {"word": word}
                ) from None
        if not dates:
            raise forms.ValidationError(_("Give the workshop at least one day."))
        return dates

    def workshop_fields(self) -> dict:
        return {k: v for k, v in self.cleaned_data.items() if k != "dates"}


class InvitationForm(forms.Form):
    organisation = OrganisationChoiceField(queryset=Organisation.objects.none(), label=_("Organisation"))
    seats = forms.IntegerField(label=_("Seats"), min_value=1, max_value=500)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = ordered_by_name(
            Organisation.objects.filter(status=Organisation.Status.MEMBER)
        )


class TrainerForm(PlainTextMixin, forms.ModelForm):
    user_email = forms.EmailField(
        label=_("Email of the trainer's CivNet account (to record attendance)"), required=False
    )

    class Meta:
        model = Trainer
        fields = ["name", "organisation", "show_name_publicly"]
        field_classes = {"organisation": OrganisationChoiceField}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = ordered_by_name(
            Organisation.objects.filter(status=Organisation.Status.MEMBER)
        )


class TraineeForm(PlainTextMixin, forms.ModelForm):
    town = PlaceField(label=_("Town"))

    class Meta:
        model = Trainee
        fields = ["name", "organisation", "gender", "age_band", "town", "role", "language", "pre_score", "post_score"]
        field_classes = {"organisation": OrganisationChoiceField}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = ordered_by_name(
            Organisation.objects.filter(status=Organisation.Status.MEMBER)
        )


class AttendanceForm(forms.Form):
    """Who was present on one day: a box per trainee, ticked for those recorded present."""

    present = forms.ModelMultipleChoiceField(
        queryset=Trainee.objects.none(), required=False, widget=forms.CheckboxSelectMultiple, label=_("Present")
    )

    def __init__(self, *args, workshop, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["present"].queryset = workshop.trainees.select_related("organisation")
        # Names and organisations are data in any script: each isolated, so "(demo)" and "—" keep their place in RTL.
        self.fields["present"].label_from_instance = lambda t: format_html(
            '<bdi class="name">{}</bdi> <bdi class="meta">{}</bdi>', t.name, t.organisation.name
        )


class PeriodForm(forms.Form):
    start = forms.DateField(label=_("From"), widget=DATE_INPUT)
    end = forms.DateField(label=_("To"), widget=DATE_INPUT)

    def clean(self):
        data = super().clean()
        if data.get("start") and data.get("end") and data["end"] < data["start"]:
            raise forms.ValidationError(_("The period ends after it starts."))
        return data
