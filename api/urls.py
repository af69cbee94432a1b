"""The JSON API's addresses under /api/ (not per language: the data carry every language)."""

from django.urls import path

from api import views

urlpatterns = [
    path("openapi.json", views.openapi, name="api_openapi"),
    path("projects/", views.projects, name="api_projects"),
    path("projects/<slug:code>/", views.project, name="api_project"),
    path("organisations/", views.organisations, name="api_organisations"),
    path("organisations/<slug:slug>/", views.organisation, name="api_organisation"),
]
