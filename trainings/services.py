"""Every write of capacity building: questionnaires and their versions, rounds, an organisation's answers, workshops,
trainers, trainees, attendance and certificates. Each in a transaction, each audited; a refusal leaves nothing
written."""

import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core import audit
from core.i18n import LANGUAGE_CODES
from core.models import AuditEvent
from core.services import Refused
from core.text import normalise
from members.models import Affiliation, Organisation
from trainings.models import (
    Answer,
    Attendance,
    Certificate,
    InvitedOrganisation,
    Option,
    Question,
    Questionnaire,
    Response,
    Round,
    Trainee,
    Trainer,
    Workshop,
    WorkshopDay,
)

ANSWERING_ROLES = (Affiliation.Role.ADMIN, Affiliation.Role.EDITOR)


# --- questionnaires and rounds --------------------------------------------------------------------------------


@transaction.atomic
def questionnaire_save(*, actor, questionnaire: Questionnaire, fields: dict) -> Questionnaire:
    if questionnaire.pk and Questionnaire.objects.get(pk=questionnaire.pk).is_frozen():
        raise Refused(_("A round has used this version: make a new version to change it."))
    for key, value in fields.items():
        setattr(questionnaire, key, value)
    try:
        with transaction.atomic():
            questionnaire.save()
    except IntegrityError:
        raise Refused(_("This questionnaire already has this version.")) from None
    audit.record(actor=actor, action=AuditEvent.Action.TRAINING_QUESTIONNAIRE_SAVED, target=questionnaire)
    return questionnaire


@transaction.atomic
def question_add(*, actor, questionnaire: Questionnaire, fields: dict, options: list[dict]) -> Question:
    """A question with its options (each a dict of `code`, `topic` and `label_<lang>`)."""
    questionnaire = Questionnaire.objects.select_for_update().get(pk=questionnaire.pk)
    if questionnaire.is_frozen():
        raise Refused(_("A round has used this version: make a new version to change it."))
    kind = fields.get("kind")
    if kind in (Question.Kind.SINGLE, Question.Kind.MULTIPLE) and not options:
        raise Refused(_("A choice question needs at least one option."))
    if kind not in (Question.Kind.SINGLE, Question.Kind.MULTIPLE) and options:
        raise Refused(_("Only choice questions have options."))
    if questionnaire.questions.filter(code=fields["code"]).exists():
        raise Refused(_("Another question of this questionnaire has this code."))
    if len({o["code"] for o in options}) != len(options):
        raise Refused(_("Two options have the same code."))
    order = questionnaire.questions.count() + 1
    question = Question.objects.create(questionnaire=questionnaire, order=order, **fields)
    for i, option in enumerate(options, start=1):
        Option.objects.create(question=question, order=i, **option)
    audit.record(
        actor=actor,
        action=AuditEvent.Action.TRAINING_QUESTION_ADDED,
        target=questionnaire,
        data={"fields": ["text"]},
    )
    return question


@transaction.atomic
def questionnaire_new_version(*, actor, questionnaire: Questionnaire) -> Questionnaire:
    """A copy of the questionnaire's latest version, as the next version, open to changes."""
    latest = Questionnaire.objects.filter(slug=questionnaire.slug).order_by("-version").first()
    copy = Questionnaire.objects.create(
        slug=latest.slug,
        version=latest.version + 1,
        original_language=latest.original_language,
        **{f"title_{c}": getattr(latest, f"title_{c}") for c in LANGUAGE_CODES},
    )
    for question in latest.questions.prefetch_related("options"):
        options = list(question.options.all())
        question.pk, question.questionnaire = None, copy
        question.save()
        for option in options:
            option.pk, option.question = None, question
            option.save()
    audit.record(actor=actor, action=AuditEvent.Action.TRAINING_QUESTIONNAIRE_VERSIONED, target=copy)
    return copy


@transaction.atomic
def round_save(*, actor, training_round: Round, fields: dict, regions) -> Round:
    if fields["closes_at"] <= fields["opens_at"]:
        raise Refused(_("A round closes after it opens."))
    if not fields["questionnaire"].questions.exists():
        raise Refused(_("The questionnaire has no question yet."))
    regions = list(regions)
    if not regions:
        raise Refused(_("Choose at least one region."))
    if training_round.pk:
        current = Round.objects.select_for_update().get(pk=training_round.pk)
        if current.responses.exists() and current.questionnaire_id != fields["questionnaire"].pk:
            raise Refused(_("Organisations have answered this round: its questionnaire cannot change."))
    for key, value in fields.items():
        setattr(training_round, key, value)
    training_round.save()
    training_round.regions.set(regions)
    audit.record(
        actor=actor,
        action=AuditEvent.Action.TRAINING_ROUND_SAVED,
        target=training_round,
        data={"fields": sorted(fields)},
    )
    return training_round


def may_answer(user, organisation: Organisation, training_round: Round) -> bool:
    return (
        organisation.status == Organisation.Status.MEMBER
        and training_round.regions.filter(pk=organisation.region_id).exists()
        and Affiliation.objects.filter(person=user, organisation=organisation, role__in=ANSWERING_ROLES).exists()
    )


def _answer_rows(response: Response, questions, answers: dict) -> list[Answer]:
    """The rows for `answers` ({question code: value}): a choice is a list of option codes, "other" its text
    under "<code>__other"; a scale a number; a text a string. Anything not a valid answer is refused."""
    rows = []
    for question in questions:
        value = answers.get(question.code)
        other = (answers.get(f"{question.code}__other") or "").strip() if question.allow_other else ""
        if question.has_options:
            codes = value if isinstance(value, list | tuple) else ([value] if value else [])
            options = {o.code: o for o in question.options.all()}
            if any(c not in options for c in codes):
                raise Refused(_("An answer is not one of the question's options."))
            if question.kind == Question.Kind.SINGLE and len(codes) + bool(other) > 1:
                raise Refused(_("Choose only one answer to a one-choice question."))
            rows += [Answer(response=response, question=question, option=options[c]) for c in codes]
            if other:
                rows.append(Answer(response=response, question=question, text=other[:500]))
            if question.required and not codes and not other:
                raise Refused(_("Answer every required question."))
        elif question.kind == Question.Kind.SCALE:
            if value in (None, ""):
                if question.required:
                    raise Refused(_("Answer every required question."))
                continue
            if not isinstance(value, int) or not 1 <= value <= question.scale_max:
                raise Refused(_("A scale answer is a whole number within the scale."))
            rows.append(Answer(response=response, question=question, number=value))
        else:
            text = (value or "").strip() if isinstance(value, str) else ""
            if not text:
                if question.required:
                    raise Refused(_("Answer every required question."))
                continue
            rows.append(Answer(response=response, question=question, text=text[:500]))
    return rows


@transaction.atomic
def response_submit(
    *, actor, training_round: Round, organisation: Organisation, answers: dict, replace: bool = False
) -> Response:
    """The organisation's answers. The first submission creates its response (the unique pair keeps one per
    organisation even when two of its people submit at once); a later one is refused unless `replace`, which
    changes the answers while the round is open."""
    now = timezone.now()
    if training_round.phase(now) != "open":
        raise Refused(_("Answers are accepted only while the round is open."))
    if not may_answer(actor, organisation, training_round):
        raise Refused(_("Only an admin or an editor of a member organisation of the round's regions may answer."))
    questions = list(training_round.questionnaire.questions.prefetch_related("options"))
    existing = Response.objects.select_for_update().filter(round=training_round, organisation=organisation).first()
    if existing is None:
        try:
            with transaction.atomic():
                response = Response.objects.create(
                    round=training_round, organisation=organisation, submitted_by=actor, submitted_at=now
                )
        except IntegrityError:  # another of its people was a moment faster
            raise Refused(_("Your organisation has already answered this round; change its answers instead.")) from None
        action = AuditEvent.Action.TRAINING_RESPONSE_SUBMITTED
    elif not replace:
        raise Refused(_("Your organisation has already answered this round; change its answers instead."))
    else:
        response = existing
        response.answers.all().delete()
        response.updated_at = now
        response.submitted_by = actor
        response.save(update_fields=["updated_at", "submitted_by"])
        action = AuditEvent.Action.TRAINING_RESPONSE_UPDATED
    Answer.objects.bulk_create(_answer_rows(response, questions, answers))
    audit.record(actor=actor, action=action, target=training_round, data={"organisation": organisation.slug})
    return response


# --- workshops ---------------------------------------------------------------------------------------------


@transaction.atomic
def workshop_save(*, actor, workshop: Workshop, fields: dict, dates: list[datetime.date]) -> Workshop:
    """The workshop and its days. A day with attendance recorded cannot be taken away."""

    def value(name):
        return fields[name] if name in fields else getattr(workshop, name)

    kind = value("organiser_kind")
    if kind == Workshop.Organiser.MEMBER and not value("organiser_organisation"):
        raise Refused(_("Name the member organisation that organises the workshop."))
    if kind == Workshop.Organiser.PARTNER and not (value("organiser_name") or "").strip():
        raise Refused(_("Name the partner that organises the workshop."))
    if not dates:
        raise Refused(_("Give the workshop at least one day."))
    for key, value in fields.items():
        setattr(workshop, key, value)
    workshop.save()
    dates = sorted(set(dates))
    gone = workshop.days.exclude(date__in=dates)
    if Attendance.objects.filter(day__in=gone).exists():
        raise Refused(_("Attendance was recorded on a day you took away: keep that day."))
    gone.delete()
    have = set(workshop.days.values_list("date", flat=True))
    WorkshopDay.objects.bulk_create([WorkshopDay(workshop=workshop, date=d) for d in dates if d not in have])
    audit.record(
        actor=actor, action=AuditEvent.Action.TRAINING_WORKSHOP_SAVED, target=workshop, data={"fields": sorted(fields)}
    )
    return workshop


@transaction.atomic
def invitation_set(*, actor, workshop: Workshop, organisation: Organisation, seats: int) -> InvitedOrganisation:
    if seats < 1:
        raise Refused(_("Invite at least one seat."))
    invited, _created = InvitedOrganisation.objects.update_or_create(
        workshop=workshop, organisation=organisation, defaults={"seats": seats}
    )
    audit.record(
        actor=actor,
        action=AuditEvent.Action.TRAINING_WORKSHOP_SAVED,
        target=workshop,
        data={"fields": ["invitations"], "organisation": organisation.slug},
    )
    return invited


@transaction.atomic
def trainer_add(*, actor, workshop: Workshop, fields: dict) -> Trainer:
    trainer = Trainer.objects.create(workshop=workshop, **fields)
    audit.record(actor=actor, action=AuditEvent.Action.TRAINING_TRAINER_ADDED, target=workshop)
    return trainer


@transaction.atomic
def trainee_add(*, actor, workshop: Workshop, fields: dict) -> Trainee:
    if fields.get("age_band") not in Trainee.AgeBand.values:
        raise Refused(_("Choose one of the age bands; a birth date is never asked."))
    if fields.get("gender") not in Trainee.Gender.values:
        raise Refused(_("Choose one of the genders offered."))
    for score in ("pre_score", "post_score"):
        if fields.get(score) is not None and not 0 <= fields[score] <= 100:
            raise Refused(_("A score is a share between 0 and 100."))
    trainee = Trainee.objects.create(workshop=workshop, name_key=normalise(fields["name"]), **fields)
    audit.record(
        actor=actor,
        action=AuditEvent.Action.TRAINING_TRAINEE_ADDED,
        target=workshop,
        data={"organisation": trainee.organisation.slug},
    )
    return trainee


@transaction.atomic
def attendance_record(*, actor, workshop: Workshop, date: datetime.date, present) -> list[Attendance]:
    """Who was present on one day of the workshop (the others are recorded absent). Refused for a day outside
    the workshop's days, and for a trainee recorded that day in another workshop (the same name in the same
    organisation)."""
    day = WorkshopDay.objects.filter(workshop=workshop, date=date).first()
    if day is None:
        raise Refused(_("This date is not one of the workshop's days."))
    present = list(present)
    if any(t.workshop_id != workshop.pk for t in present):
        raise Refused(_("Record only this workshop's trainees."))
    for trainee in present:
        elsewhere = Attendance.objects.filter(
            day__date=date,
            trainee__name_key=trainee.name_key,
            trainee__organisation_id=trainee.organisation_id,
        ).exclude(day__workshop=workshop)
        if elsewhere.exists():
            raise Refused(
                _("%(name)s is recorded in another workshop on the same day; a person is in one place at a time.")
                % {"name": trainee.name}
            )
    Attendance.objects.filter(day=day).exclude(trainee__in=present).delete()
    have = set(Attendance.objects.filter(day=day).values_list("trainee_id", flat=True))
    rows = Attendance.objects.bulk_create(
        [Attendance(trainee=t, day=day, recorded_by=actor) for t in present if t.pk not in have]
    )
    audit.record(
        actor=actor,
        action=AuditEvent.Action.TRAINING_ATTENDANCE_RECORDED,
        target=workshop,
        data={"date": date.isoformat(), "present": len(present)},
    )
    return rows


def completed(trainee: Trainee, *, day_count: int | None = None, attended: int | None = None) -> bool:
    """A trainee completed the workshop by attending at least its completion share of its days (all of them
    unless the workshop says otherwise)."""
    workshop = trainee.workshop
    if day_count is None:
        day_count = workshop.days.count()
    if attended is None:
        attended = trainee.attendances.count()
    return day_count > 0 and attended >= workshop.days_needed(day_count)


@transaction.atomic
def certificate_issue(*, actor, trainee: Trainee) -> Certificate:
    if not completed(trainee):
        raise Refused(
            _("%(name)s did not complete the workshop: a certificate needs the attendance the workshop asks.")
            % {"name": trainee.name}
        )
    certificate, created = Certificate.objects.get_or_create(trainee=trainee, defaults={"issued_by": actor})
    if created:
        audit.record(
            actor=actor,
            action=AuditEvent.Action.TRAINING_CERTIFICATES_ISSUED,
            target=trainee.workshop,
            data={"issued": 1},
        )
    return certificate


@transaction.atomic
def certificates_issue_all(*, actor, workshop: Workshop) -> int:
    """A certificate for every trainee who completed and has none yet; how many were issued."""
    day_count = workshop.days.count()
    issued = 0
    for trainee in workshop.trainees.filter(certificate__isnull=True).prefetch_related("attendances"):
        if completed(trainee, day_count=day_count, attended=len(trainee.attendances.all())):
            Certificate.objects.create(trainee=trainee, issued_by=actor)
            issued += 1
    if issued:
        audit.record(
            actor=actor,
            action=AuditEvent.Action.TRAINING_CERTIFICATES_ISSUED,
            target=workshop,
            data={"issued": issued},
        )
    return issued
