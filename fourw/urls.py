"""The 4W page and the import page, at the same paths as before (/<lang>/4w/ and /<lang>/4w/import/)."""

from django.urls import path

from fourw import views, views_account

app_name = "fourw"
urlpatterns = [
    path("4w/", views.index, name="index"),
    path("4w/import/", views_account.import_table, name="import"),
]
