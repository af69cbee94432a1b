from django.urls import path

from projects import views, views_4w

app_name = "projects"
urlpatterns = [
    path("projects/", views.registry, name="registry"),
    path("4w/", views_4w.four_w, name="fourw"),
    path("4w/import/", views_4w.import_table, name="import"),
    path("projects/<slug:code>/", views.detail, name="detail"),
    path("my/<slug:slug>/projects/", views.org_projects, name="org_projects"),
    path("my/<slug:slug>/projects/new/", views.create, name="create"),
    path("my/<slug:slug>/projects/paste/", views.paste, name="paste"),
    path("my/<slug:slug>/projects/<slug:code>/", views.edit, name="edit"),
    path("my/<slug:slug>/projects/<slug:code>/submit/", views.submit, name="submit"),
]
