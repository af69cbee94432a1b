"""Capacity building: training-needs questionnaires and their rounds, workshops, trainers, trainees, attendance,
certificates and the figures a donor report needs. On start-up it reminds organisations of an open round, and
has the round announced by email when it opens."""

from django.apps import AppConfig


class TrainingsConfig(AppConfig):
    name = "trainings"
    verbose_name = "Trainings"

    def ready(self):
        from core import audit, happening, todo
        from core.models import AuditEvent
        from trainings import selectors
        from trainings import todo as trainings_todo

        todo.register(trainings_todo.items)
        happening.register(selectors.happening)
        audit.listen(AuditEvent.Action.TRAINING_ROUND_SAVED, trainings_todo.schedule_round)
