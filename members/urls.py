"""Addresses of the members app: the public directory and profiles, the account holders' pages under /my/, the
page an invitation's link opens, and the technical team's pages under /office/."""

from django.urls import path

from members import views, views_account, views_office

app_name = "members"
urlpatterns = [
    path("members/", views.directory, name="directory"),
    path("members/apply/", views.apply, name="apply"),
    path("members/apply/thanks/", views.apply_done, name="apply_done"),
    path("members/<slug:slug>/", views.profile, name="profile"),
    path("my/", views_account.dashboard, name="dashboard"),
    path("my/language/", views_account.language, name="language"),
    path("my/<slug:slug>/profile/", views_account.edit_profile, name="edit_profile"),
    path("my/<slug:slug>/people/", views_account.people, name="people"),
    path("my/<slug:slug>/people/<int:pk>/remove/", views_account.people_remove, name="people_remove"),
    path("my/<slug:slug>/invitations/<uuid:code>/resend/", views_account.invitation_resend, name="invitation_resend"),
    path("my/<slug:slug>/invitations/<uuid:code>/cancel/", views_account.invitation_cancel, name="invitation_cancel"),
    path("invitations/<str:token>/", views_account.invitation, name="invitation"),
    path("office/applications/", views_office.applications, name="office_applications"),
    path("office/applications/<uuid:code>/", views_office.application, name="office_application"),
    path(
        "office/applications/<uuid:code>/resend/",
        views_office.application_email_resend,
        name="office_application_resend",
    ),
    path("office/organisations/", views_office.organisations, name="office_organisations"),
    path("office/organisations/<slug:slug>/", views_office.organisation, name="office_organisation"),
    path("office/name-changes/", views_office.name_changes, name="office_name_changes"),
    path("office/name-changes/<uuid:code>/", views_office.name_change, name="office_name_change"),
    # /office/bodies/new/ and /office/bodies/<slug>/edit/ belong to coalition, included before members.
    path("office/bodies/<slug:slug>/", views_office.body, name="office_body"),
    path("office/mandates/<int:pk>/end/", views_office.mandate_end, name="office_mandate_end"),
]
