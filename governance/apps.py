"""Governance: assemblies of the member organisations, candidacy rules, and elections of the coalition's bodies
counted by a committee of the members. On start-up it gives "My organisations" its to-do items."""

from django.apps import AppConfig


class GovernanceConfig(AppConfig):
    name = "governance"
    verbose_name = "Governance"

    def ready(self):
        from core import happening, todo
        from governance import selectors
        from governance import todo as governance_todo

        todo.register(governance_todo.items)
        happening.register(selectors.happening)
