"""The projects app: member organisations' project records, their review, and reading projects out of pasted text."""

from django.apps import AppConfig


class ProjectsConfig(AppConfig):
    name = "projects"
    verbose_name = "Projects (who does what, where, when)"
