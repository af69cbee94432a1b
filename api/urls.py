from django.urls import path

from projects import api

urlpatterns = [
    path("openapi.json", api.openapi, name="api_openapi"),
    path("projects/", api.projects, name="api_projects"),
    path("projects/<slug:code>/", api.project, name="api_project"),
    path("organisations/", api.organisations, name="api_organisations"),
    path("organisations/<slug:slug>/", api.organisation, name="api_organisation"),
]
