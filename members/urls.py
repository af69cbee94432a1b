from django.urls import path

from members import views, views_account

app_name = "members"
urlpatterns = [
    path("members/", views.directory, name="directory"),
    path("members/apply/", views.apply, name="apply"),
    path("members/apply/thanks/", views.apply_done, name="apply_done"),
    path("members/<slug:slug>/", views.profile, name="profile"),
    path("my/", views_account.dashboard, name="dashboard"),
    path("my/<slug:slug>/profile/", views_account.edit_profile, name="edit_profile"),
    path("my/<slug:slug>/people/", views_account.people, name="people"),
    path("my/<slug:slug>/people/<int:pk>/remove/", views_account.people_remove, name="people_remove"),
]
