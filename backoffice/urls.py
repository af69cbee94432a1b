"""Addresses of the technical team's dashboard and audit trail (each app declares its own office pages)."""

from django.urls import path

from backoffice import views

app_name = "backoffice"
urlpatterns = [
    path("", views.index, name="index"),
    path("audit/", views.audit_trail, name="audit"),
]
