"""Addresses of the gazetteer's pages: the technical team's communities page."""

from django.urls import path

from places import views_office

app_name = "places"
urlpatterns = [
    path("office/communities/", views_office.communities, name="office_communities"),
]
