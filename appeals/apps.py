"""Emergency appeals: collection points, in-kind and cash donations, convoys, and the public account of them."""

from django.apps import AppConfig


class AppealsConfig(AppConfig):
    name = "appeals"
    verbose_name = "Emergency appeals"

    def ready(self):
        from django.db.models.signals import post_save

        from appeals import selectors
        from appeals import todo as appeals_todo
        from core import happening, reference, todo
        from core.models import AuditEvent

        todo.register(appeals_todo.items)
        happening.register(selectors.happening)

        # Every write to an appeal is audited: in the same transaction, it retires the cached public accounts
        # (appeals.selectors.public_account); a write that rolls back retires nothing.
        def retire_accounts(sender, instance, created, **kwargs):
            if created and instance.action.startswith("appeal."):
                reference.bump("appeals")

        post_save.connect(retire_accounts, sender=AuditEvent, weak=False, dispatch_uid="appeals-retire-accounts")
