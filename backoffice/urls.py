from django.urls import path

from backoffice import views

app_name = "backoffice"
urlpatterns = [
    path("", views.index, name="index"),
    path("applications/", views.applications, name="applications"),
    path("applications/<uuid:code>/", views.application, name="application"),
    path("organisations/", views.organisations, name="organisations"),
    path("organisations/<slug:slug>/", views.organisation, name="organisation"),
    path("regions/", views.regions, name="regions"),
    path("regions/<slug:slug>/", views.region_edit, name="region_edit"),
    path("bodies/", views.bodies, name="bodies"),
    path("bodies/new/", views.body_edit, name="body_new"),
    path("bodies/<slug:slug>/", views.body, name="body"),
    path("bodies/<slug:slug>/edit/", views.body_edit, name="body_edit"),
    path("mandates/<int:pk>/end/", views.mandate_end, name="mandate_end"),
    path("communities/", views.communities, name="communities"),
    path("audit/", views.audit_trail, name="audit"),
]
