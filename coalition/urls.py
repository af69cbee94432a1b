"""Addresses of the coalition's public pages and of the technical team's pages for regions and bodies."""

from django.urls import path

from coalition import views, views_office

app_name = "coalition"
urlpatterns = [
    path("", views.home, name="home"),
    path("about/", views.about, name="about"),
    path("regions/", views.regions, name="regions"),
    path("regions/<slug:slug>/", views.region, name="region"),
    path("bodies/", views.bodies, name="bodies"),
    path("bodies/<slug:slug>/", views.body, name="body"),
    path("office/regions/", views_office.regions, name="office_regions"),
    path("office/regions/<slug:slug>/", views_office.region_edit, name="office_region_edit"),
    path("office/bodies/", views_office.bodies, name="office_bodies"),
    path("office/bodies/new/", views_office.body_edit, name="office_body_new"),
    path("office/bodies/<slug:slug>/edit/", views_office.body_edit, name="office_body_edit"),
]
