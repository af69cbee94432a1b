"""Advocacy: issue rounds, campaigns, joint statements and their signatures, meetings with the authorities."""

from django.apps import AppConfig


class CampaignsConfig(AppConfig):
    name = "campaigns"
    verbose_name = "Advocacy campaigns"
