"""The projects app: member organisations' project records, their review, and reading projects out of pasted text.
On start-up it gives "My organisations" its to-do items and has returned or published projects announced."""

from django.apps import AppConfig


class ProjectsConfig(AppConfig):
    name = "projects"
    verbose_name = "Projects (who does what, where, when)"

    def ready(self):
        from core import audit, todo
        from core.models import AuditEvent
        from projects import todo as projects_todo

        todo.register(projects_todo.items)
        audit.listen(AuditEvent.Action.PROJECT_RETURNED, projects_todo.announce)
        audit.listen(AuditEvent.Action.PROJECT_PUBLISHED, projects_todo.announce)
