"""The 4W app: figures, map, charts and exports of projects by place and sector, and imports of 4W tables and IATI files."""

from django.apps import AppConfig


class FourwConfig(AppConfig):
    name = "fourw"
    verbose_name = "4W (who does what, where, when): figures, exports and imports"
