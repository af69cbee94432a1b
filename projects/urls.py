"""Projects' addresses: the public registry and pages, an organisation's own project pages under /my/, and
the technical team's review under /office/projects/ (with the changes to published projects)."""

from django.urls import path

from projects import views, views_account, views_office

app_name = "projects"
urlpatterns = [
    path("projects/", views.registry, name="registry"),
    path("projects/<slug:code>/", views.detail, name="detail"),
    path("my/<slug:slug>/projects/", views_account.org_projects, name="org_projects"),
    path("my/<slug:slug>/projects/new/", views_account.create, name="create"),
    path("my/<slug:slug>/projects/paste/", views_account.paste, name="paste"),
    path("my/<slug:slug>/projects/<slug:code>/", views_account.edit, name="edit"),
    path("my/<slug:slug>/projects/<slug:code>/submit/", views_account.submit, name="submit"),
    path("my/<slug:slug>/projects/<slug:code>/delete/", views_account.delete, name="delete"),
    path("office/projects/", views_office.office_list, name="office_list"),
    path("office/projects/<slug:code>/", views_office.office_review, name="office_review"),
    path("office/projects/<slug:code>/changes/", views_office.office_revision, name="office_revision"),
]
