"""Emergency appeals: collection points, in-kind and cash donations, convoys, and the public account of them."""

from django.apps import AppConfig


class AppealsConfig(AppConfig):
    name = "appeals"
    verbose_name = "Emergency appeals"

    def ready(self):
        from appeals import todo as appeals_todo
        from core import todo

        todo.register(appeals_todo.items)
