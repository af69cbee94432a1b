"""Advocacy: issue rounds, campaigns, joint statements and their signatures, meetings with the authorities. On
start-up it gives "My organisations" its to-do items and has statements to sign and votes announced."""

from django.apps import AppConfig


class CampaignsConfig(AppConfig):
    name = "campaigns"
    verbose_name = "Advocacy campaigns"

    def ready(self):
        from campaigns import todo as campaigns_todo
        from core import audit, todo
        from core.models import AuditEvent

        todo.register(campaigns_todo.items)
        audit.listen(AuditEvent.Action.STATEMENT_VERSION_FROZEN, campaigns_todo.announce_statement)
        audit.listen(AuditEvent.Action.ROUND_CREATED, campaigns_todo.schedule_vote)
        audit.listen(AuditEvent.Action.ROUND_UPDATED, campaigns_todo.schedule_vote)
