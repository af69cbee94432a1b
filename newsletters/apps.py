"""Information exchange: members' activities, coalition news, the newsletter and its subscribers. On start-up it
gives "My organisations" its to-do items and has returned or approved activities announced."""

from django.apps import AppConfig


class NewslettersConfig(AppConfig):
    name = "newsletters"
    verbose_name = "Information exchange"

    def ready(self):
        from core import audit, todo
        from core.models import AuditEvent
        from newsletters import todo as newsletters_todo

        todo.register(newsletters_todo.items)
        audit.listen(AuditEvent.Action.ACTIVITY_RETURNED, newsletters_todo.announce)
        audit.listen(AuditEvent.Action.ACTIVITY_APPROVED, newsletters_todo.announce)
