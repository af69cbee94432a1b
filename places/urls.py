"""Addresses of the gazetteer's pages: the picker's search (JSON), asking for a place, and the technical team's
pages for communities and requested places."""

from django.urls import path

from places import views, views_account, views_office

app_name = "places"
urlpatterns = [
    path("places/search/", views.search, name="search"),
    path("places/request/", views_account.request_place, name="request"),
    path("office/communities/", views_office.communities, name="office_communities"),
    path("office/places/requests/", views_office.requests, name="office_requests"),
    path("office/places/requests/<int:pk>/decline/", views_office.request_decline, name="office_request_decline"),
]
