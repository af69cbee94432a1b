"""Reads of capacity building: the needs of a round as a topics × regions matrix, the figures of a set of
workshops with the sentence a donor report needs, an organisation's capacity profile.

Public figures go through `public()`: a count of people or organisations below SMALLEST_SHOWN becomes None, which
pages and exports show as "fewer than 5", with its share."""

import datetime
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.db.models import Avg, Count, Max, Min, Prefetch, Value
from django.db.models.functions import Coalesce, NullIf
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from coalition.models import Region
from core.happening import Happening
from core.i18n import ordered_by_name, sentence
from core.templatetags.civnet import day
from members.models import Organisation
from places.models import Place
from trainings.models import (
    SMALLEST_SHOWN,
    Answer,
    Attendance,
    Option,
    Question,
    Response,
    Round,
    Trainee,
    Trainer,
    Workshop,
)


def number(value) -> str:
    """A figure as the pages, the tables and the sentences write it."""
    return formats.number_format(value or 0, force_grouping=True)


def shown(value: int | None) -> int | None:
    """A public count: None (shown "fewer than 5") when it is 1 to 4."""
    if value is None or 0 < value < SMALLEST_SHOWN:
        return None
    return value


def share(count: int | None, of: int | None) -> int | None:
    """A whole percentage, or None when either figure is unknown or hidden."""
    if count is None or not of:
        return None
    return round(100 * count / of)


# --- needs ---------------------------------------------------------------------------------------------------


@dataclass
class Cell:
    count: int | None
    share: int | None


@dataclass
class MatrixRow:
    topic: str
    label: str  # the option's label that names the topic, in the reader's language
    cells: list[Cell]
    total: Cell


@dataclass
class Matrix:
    regions: list[Region]
    asked: list[int | None]
    answered: list[int | None]
    asked_total: int | None
    answered_total: int | None
    rows: list[MatrixRow] = field(default_factory=list)
    is_public: bool = False

    @property
    def columns(self) -> list[tuple]:
        """(region, asked, answered) for each region."""
        return list(zip(self.regions, self.asked, self.answered, strict=True))

    def public(self) -> "Matrix":
        """The same matrix with every count below the threshold hidden (and its share with it)."""

        def cell(c: Cell, of) -> Cell:
            n = shown(c.count)
            return Cell(n, share(n, of))

        answered = [shown(a) for a in self.answered]
        answered_total = shown(self.answered_total)
        rows = [
            MatrixRow(
                r.topic,
                r.label,
                [cell(c, a) for c, a in zip(r.cells, answered, strict=True)],
                cell(r.total, answered_total),
            )
            for r in self.rows
        ]
        return Matrix(
            self.regions,
            [shown(a) for a in self.asked],
            answered,
            shown(self.asked_total),
            answered_total,
            rows,
            is_public=True,
        )


def _topic_labels(questionnaire) -> dict[str, str]:
    """Each topic's name: the label of the first option carrying it, else the text of its question."""
    labels = {}
    for question in questionnaire.questions.prefetch_related("options"):
        for option in question.options.all():
            if option.topic and option.topic not in labels:
                labels[option.topic] = str(option.label) or option.topic
        if question.topic and question.topic not in labels:
            labels[question.topic] = str(question.text) or question.topic
    return labels


def needs_matrix(training_round: Round) -> Matrix:
    """Topics × regions: in each region, how many of the organisations that answered chose an option of each
    topic (an organisation counts once per topic), of how many answered and how many were asked. Three grouped
    queries whatever the number of organisations and questions."""
    regions = list(ordered_by_name(training_round.regions.all()))
    region_ids = [r.pk for r in regions]
    asked_by = dict(
        Organisation.objects.filter(status=Organisation.Status.MEMBER, region_id__in=region_ids)
        .values_list("region_id")
        .annotate(n=Count("pk"))
    )
    answered_by = dict(
        Response.objects.filter(round=training_round).values_list("organisation__region_id").annotate(n=Count("pk"))
    )
    topic = Coalesce(NullIf("option__topic", Value("")), NullIf("question__topic", Value("")))
    counts = (
        Answer.objects.filter(response__round=training_round, option__isnull=False)
        .annotate(topic_tag=topic)
        .exclude(topic_tag__isnull=True)
        .values_list("topic_tag", "response__organisation__region_id")
        .annotate(n=Count("response_id", distinct=True))
    )
    by_topic: dict[str, dict[int, int]] = defaultdict(dict)
    for tag, region_id, n in counts:
        by_topic[tag][region_id] = n
    # An organisation is in one region: a topic's total is the sum of its regions' counts (no second query).
    totals = {tag: sum(by_region.values()) for tag, by_region in by_topic.items()}
    answered = [answered_by.get(pk, 0) for pk in region_ids]
    answered_total = sum(answered_by.values())
    labels = _topic_labels(training_round.questionnaire)
    rows = [
        MatrixRow(
            tag,
            labels.get(tag, tag),
            [
                Cell(by_topic[tag].get(pk, 0), share(by_topic[tag].get(pk, 0), a))
                for pk, a in zip(region_ids, answered, strict=True)
            ],
            Cell(totals.get(tag, 0), share(totals.get(tag, 0), answered_total)),
        )
        for tag in by_topic
    ]
    rows.sort(key=lambda r: (-(r.total.count or 0), r.label))
    return Matrix(
        regions,
        [asked_by.get(pk, 0) for pk in region_ids],
        answered,
        sum(asked_by.get(pk, 0) for pk in region_ids),
        answered_total,
        rows,
    )


@dataclass
class QuestionResult:
    question: Question
    options: list[tuple[Option | None, int | None]]  # (option, organisations); None: "other"
    scale: list[tuple[int, int | None]]
    answered: int | None


def question_results(training_round: Round, *, public: bool) -> list[QuestionResult]:
    """For each choice or scale question, how many organisations chose each option or each point of the scale
    (text answers are never aggregated publicly)."""
    questions = list(training_round.questionnaire.questions.prefetch_related("options"))
    option_counts = dict(
        Answer.objects.filter(response__round=training_round, option__isnull=False)
        .values_list("option_id")
        .annotate(n=Count("response_id", distinct=True))
    )
    other_counts = dict(
        Answer.objects.filter(
            response__round=training_round, option__isnull=True, question__kind__in=("single", "multiple")
        )
        .values_list("question_id")
        .annotate(n=Count("response_id", distinct=True))
    )
    scale_counts = Counter(
        {
            (q, n): c
            for q, n, c in Answer.objects.filter(response__round=training_round, number__isnull=False)
            .values_list("question_id", "number")
            .annotate(c=Count("pk"))
        }
    )
    answered = dict(
        Answer.objects.filter(response__round=training_round)
        .values_list("question_id")
        .annotate(n=Count("response_id", distinct=True))
    )
    hide = shown if public else (lambda n: n)
    results = []
    for q in questions:
        if q.kind == Question.Kind.TEXT:
            continue
        options = [(o, hide(option_counts.get(o.pk, 0))) for o in q.options.all()]
        if q.allow_other:
            options.append((None, hide(other_counts.get(q.pk, 0))))
        scale = (
            [(n, hide(scale_counts.get((q.pk, n), 0))) for n in range(1, q.scale_max + 1)] if q.kind == "scale" else []
        )
        results.append(QuestionResult(q, options, scale, hide(answered.get(q.pk, 0))))
    return results


def open_rounds_for(organisation: Organisation, now=None):
    now = now or timezone.now()
    return Round.objects.filter(regions=organisation.region_id, opens_at__lte=now, closes_at__gt=now)


# --- workshops and their figures ------------------------------------------------------------------------------


def workshops_with_days(queryset=None):
    """Workshops with their first and last day and number of days (one query)."""
    queryset = Workshop.objects.all() if queryset is None else queryset
    return queryset.select_related("venue", "organiser_organisation", "project").annotate(
        first_day=Min("days__date"), last_day=Max("days__date"), day_count=Count("days", distinct=True)
    )


def public_workshops(today=None):
    """(upcoming, past) published workshops, soonest and latest first."""
    today = today or timezone.localdate()
    workshops = list(workshops_with_days(Workshop.objects.filter(published=True)))
    upcoming = sorted((w for w in workshops if w.last_day and w.last_day >= today), key=lambda w: w.first_day)
    past = sorted(
        (w for w in workshops if not w.last_day or w.last_day < today), key=lambda w: w.first_day or today, reverse=True
    )
    return upcoming, past


def public_trainers(workshop: Workshop) -> list[Trainer]:
    return [t for t in workshop.trainers.all() if t.show_name_publicly]


@dataclass
class Report:
    workshops: list[Workshop]
    day_counts: list[int]
    venues: list  # places, in the order of the workshops
    people: int
    organisations: int
    completed: int
    certificates: int
    by_gender: list[tuple[str, str, int]]  # (code, label, count)
    by_age: list[tuple[str, str, int]]
    by_town: list[tuple[object, int]]  # (place, count)
    by_organisation: list[tuple[Organisation, int]]
    mean_pre: float | None = None
    mean_post: float | None = None

    def count(self, code: str) -> int:
        return next((n for c, _l, n in self.by_gender if c == code), 0)


def workshops_for_period(start: datetime.date, end: datetime.date):
    return Workshop.objects.filter(days__date__gte=start, days__date__lte=end).distinct()


def report(workshops) -> Report:
    """The figures of a set of workshops (a queryset): who was trained, by gender, age band, town and
    organisation; completion by each workshop's rule. A fixed number of queries."""
    workshops = list(workshops_with_days(workshops).order_by("first_day", "slug"))
    ids = [w.pk for w in workshops]
    trainees = Trainee.objects.filter(workshop_id__in=ids)
    by_gender_raw = dict(trainees.values_list("gender").annotate(n=Count("pk")))
    by_age_raw = dict(trainees.values_list("age_band").annotate(n=Count("pk")))
    town_counts = list(trainees.values_list("town_id").annotate(n=Count("pk")).order_by("-n", "town_id"))
    org_counts = list(trainees.values_list("organisation_id").annotate(n=Count("pk")).order_by("-n", "organisation_id"))
    places = Place.objects.in_bulk([t for t, _n in town_counts])
    organisations = Organisation.objects.in_bulk([o for o, _n in org_counts])
    days = {w.pk: w.day_count for w in workshops}
    attended = (
        Attendance.objects.filter(trainee__workshop_id__in=ids)
        .values_list("trainee_id", "trainee__workshop_id")
        .annotate(n=Count("pk"))
    )
    by_id = {w.pk: w for w in workshops}
    completed = sum(1 for _t, w, n in attended if days[w] and n >= by_id[w].days_needed(days[w]))
    scores = trainees.aggregate(pre=Avg("pre_score"), post=Avg("post_score"), certificates=Count("certificate"))
    return Report(
        workshops=workshops,
        day_counts=[w.day_count for w in workshops],
        venues=[w.venue for w in workshops],
        people=sum(by_gender_raw.values()),
        organisations=len(org_counts),
        completed=completed,
        certificates=scores["certificates"],
        by_gender=[(c, str(label), by_gender_raw.get(c, 0)) for c, label in Trainee.Gender.choices],
        by_age=[(c, str(label), by_age_raw.get(c, 0)) for c, label in Trainee.AgeBand.choices],
        by_town=[(places[t], n) for t, n in town_counts],
        by_organisation=[(organisations[o], n) for o, n in org_counts],
        mean_pre=scores["pre"],
        mean_post=scores["post"],
    )


def _and(items: list[str]) -> str:
    """ "a, b and c" in the reader's language."""
    if not items:
        return ""
    if len(items) == 1:
        return items[0]
    # Translators: the separator between the first items of a list ("Hajin, Raqqa and Kisreh").
    separator = _(", ")
    # Translators: the last two items of a list: %(list)s is the items before the last, joined by the separator.
    return _("%(list)s and %(last)s") % {"list": separator.join(items[:-1]), "last": items[-1]}


def _hidden(n: int, public: bool) -> bool:
    return public and shown(n) is None


def donor_sentence(rep: Report, *, public: bool = False) -> str:
    """The sentence a donor report needs, in the active language, e.g. "2 workshops of 3 days in Hajin and
    Al-Kasra trained 23 people from 11 member organisations: 15 from Hajin and 8 from Al-Kasra; 10 women and 13
    men." Every number in it is one of the report's figures (a test checks it in every language); each counted
    piece takes the plural form its language needs (ngettext: Arabic has six). In public, a count of people
    below 5 becomes "fewer than 5"."""
    if not rep.workshops:
        return ""
    n = len(rep.workshops)
    # Translators: the start of the donor report's sentence, e.g. "2 workshops" of "2 workshops of 3 days in ...".
    workshops = ngettext("%(count)s workshop", "%(count)s workshops", n) % {"count": number(n)}
    lengths = set(rep.day_counts)
    if len(lengths) == 1:
        (length,) = lengths
        # Translators: follows "2 workshops": "of 3 days" (each workshop lasted that long).
        days = ngettext("of %(count)s day", "of %(count)s days", length) % {"count": number(length)}
    else:
        total = sum(rep.day_counts)
        # Translators: follows "2 workshops" when they lasted differently: "of 5 days in all".
        days = ngettext("of %(count)s day in all", "of %(count)s days in all", total) % {"count": number(total)}
    venues = []
    for place in rep.venues:
        if str(place.name) not in venues:
            venues.append(str(place.name))
    if _hidden(rep.people, public):
        people = _("fewer than 5 people")
    else:
        people = ngettext("%(count)s person", "%(count)s people", rep.people) % {"count": number(rep.people)}
    organisations = ngettext("%(count)s member organisation", "%(count)s member organisations", rep.organisations) % {
        "count": number(rep.organisations)
    }
    towns = []
    for place, count in rep.by_town:
        if _hidden(count, public):
            towns.append(_("fewer than 5 from %(town)s") % {"town": str(place.name)})
        else:
            # Translators: how many of the trainees came from a town: "15 from Hajin".
            towns.append(
                ngettext("%(count)s from %(town)s", "%(count)s from %(town)s", count)
                % {"count": number(count), "town": str(place.name)}
            )
    women, men = rep.count("woman"), rep.count("man")
    if _hidden(women, public):
        women_text = _("fewer than 5 women")
    else:
        women_text = ngettext("%(count)s woman", "%(count)s women", women) % {"count": number(women)}
    if _hidden(men, public):
        men_text = _("fewer than 5 men")
    else:
        men_text = ngettext("%(count)s man", "%(count)s men", men) % {"count": number(men)}
    # Translators: the donor report's sentence, assembled from the pieces above, e.g. "2 workshops of 3 days in
    # Hajin and Kisreh trained 23 people from 11 member organisations: 15 from Hajin and 8 from Kisreh; 10 women
    # and 13 men."
    return _(
        "%(workshops)s %(days)s in %(venues)s trained %(people)s from %(organisations)s: %(towns)s; "
        "%(women)s and %(men)s."
    ) % {
        "workshops": workshops,
        "days": days,
        "venues": _and(venues),
        "people": people,
        "organisations": organisations,
        "towns": _and(towns),
        "women": women_text,
        "men": men_text,
    }


def public_report(rep: Report) -> dict:
    """The report's tables as the public sees them: counts below the threshold hidden."""
    return {
        "people": shown(rep.people),
        "completed": shown(rep.completed),
        "by_gender": [(c, label, shown(n)) for c, label, n in rep.by_gender],
        "by_age": [(c, label, shown(n)) for c, label, n in rep.by_age],
        "by_town": [(place, shown(n)) for place, n in rep.by_town],
        "by_organisation": [(org, shown(n)) for org, n in rep.by_organisation],
    }


# --- an organisation's capacity -----------------------------------------------------------------------------


def capacity_profile(organisation: Organisation) -> dict:
    """The needs the organisation expressed, round by round (the topics it chose), and the workshops its people
    attended, with how many completed and hold a certificate."""
    responses = (
        Response.objects.filter(organisation=organisation)
        .select_related("round")
        .prefetch_related(Prefetch("answers", queryset=Answer.objects.select_related("option", "question")))
        .order_by("-round__opens_at")
    )
    needs = []
    for response in responses:
        chosen = []
        for answer in response.answers.all():
            if answer.option_id:
                chosen.append(str(answer.option.label) or answer.option.code)
            elif answer.text and answer.question.kind in ("single", "multiple"):
                chosen.append(answer.text)
        needs.append((response, chosen))
    trainees = list(
        Trainee.objects.filter(organisation=organisation)
        .select_related("workshop__venue", "certificate")
        .annotate(attended=Count("attendances"))
        .order_by("workshop_id", "id")
    )
    workshops = {
        w.pk: w for w in workshops_with_days(Workshop.objects.filter(pk__in={t.workshop_id for t in trainees}))
    }
    attended = defaultdict(list)
    for trainee in trainees:
        workshop = workshops[trainee.workshop_id]
        trainee.completed = bool(workshop.day_count) and trainee.attended >= workshop.days_needed(workshop.day_count)
        attended[trainee.workshop_id].append(trainee)
    return {
        "needs": needs,
        "trainings": [(workshops[pk], people) for pk, people in attended.items()],
        "open_rounds": open_rounds_for(organisation).exclude(responses__organisation=organisation),
    }


def attendance_sheet(workshop: Workshop):
    """The workshop's trainees with the days each attended, and whether they completed."""
    days = list(workshop.days.all())
    trainees = list(
        workshop.trainees.select_related("organisation", "town", "certificate").prefetch_related("attendances")
    )
    for trainee in trainees:
        present = {a.day_id for a in trainee.attendances.all()}
        trainee.marks = [d.pk in present for d in days]
        trainee.completed = bool(days) and len(present) >= workshop.days_needed(len(days))
    return days, trainees


def certificates_of(workshop: Workshop):
    return workshop.trainees.filter(certificate__isnull=False).select_related("certificate")


def trainer_workshops(user):
    if not user.is_authenticated:
        return Workshop.objects.none()
    return workshops_with_days(Workshop.objects.filter(trainers__user=user).distinct())


def questionnaire_rows(questionnaire):
    return questionnaire.questions.prefetch_related("options")


def happening(now) -> list[Happening]:
    """For the home page: the published workshops to come or under way."""
    today = timezone.localdate(now)
    workshops = (
        Workshop.objects.filter(published=True)
        .annotate(first=Min("days__date"), last=Max("days__date"))
        .filter(last__gte=today)
    )
    return [
        Happening(
            kind=_("Workshop"),
            title=workshop.title,
            url=reverse("trainings:workshop", args=[workshop.slug]),
            state=sentence(_("On %(date)s"), date=day(workshop.first))
            if workshop.first == workshop.last
            else sentence(_("From %(start)s to %(end)s"), start=day(workshop.first), end=day(workshop.last)),
            at=workshop.first,
        )
        for workshop in workshops
    ]
