from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = "CivNet core"

    def ready(self):
        from django.db.models.signals import m2m_changed, post_delete, post_save

        from coalition.models import Coalition, Region
        from core import reference
        from members.models import Sector
        from places.models import Place

        for model in (Coalition, Region, Sector, Place):
            post_save.connect(reference.clear, sender=model, dispatch_uid=f"reference-save-{model.__name__}")
            post_delete.connect(reference.clear, sender=model, dispatch_uid=f"reference-delete-{model.__name__}")
        m2m_changed.connect(reference.clear, sender=Region.places.through, dispatch_uid="reference-region-places")
