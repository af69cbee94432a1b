"""Capacity building: training-needs questionnaires and their rounds, workshops, trainers, trainees, attendance,
certificates and the figures a donor report needs. On start-up it reminds organisations of an open round."""

from django.apps import AppConfig


class TrainingsConfig(AppConfig):
    name = "trainings"
    verbose_name = "Trainings"

    def ready(self):
        from core import todo
        from trainings import todo as trainings_todo

        todo.register(trainings_todo.items)
