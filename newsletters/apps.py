"""Information exchange: members' activities, coalition news, the newsletter and its subscribers."""

from django.apps import AppConfig


class NewslettersConfig(AppConfig):
    name = "newsletters"
    verbose_name = "Information exchange"
