"""The projects app: member organisations' project records, their review, and reading projects out of pasted text.
On start-up it gives "My organisations" its to-do items and has returned or published projects (and changes to them) announced."""

from django.apps import AppConfig


class ProjectsConfig(AppConfig):
    name = "projects"
    verbose_name = "Projects (who does what, where, when)"

    def ready(self):
        from core import audit, todo
        from projects import todo as projects_todo

        todo.register(projects_todo.items)
        for action in projects_todo.TEMPLATES:
            audit.listen(action, projects_todo.announce)
