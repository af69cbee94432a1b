"""Capacity building's addresses: public pages (views), an organisation's people and trainers (views_account),
the technical team's office (views_office, everything under office/ and nothing else). A certificate is named by
its random code."""

from django.urls import path

from trainings import views, views_account, views_office

app_name = "trainings"
urlpatterns = [
    path("trainings/", views.index, name="index"),
    path("trainings/needs/<slug:slug>/", views.needs, name="needs"),
    path("trainings/needs/<slug:slug>/needs.<str:fmt>", views.needs_file, name="needs_file"),
    path("trainings/workshops/<slug:slug>/", views.workshop, name="workshop"),
    path("certificates/<str:code>/", views.certificate, name="certificate"),
    path("my/trainings/", views_account.my_workshops, name="my_workshops"),
    path("my/trainings/needs/<slug:slug>/<slug:organisation>/", views_account.answer, name="answer"),
    path("my/organisations/<slug:organisation>/capacity/", views_account.capacity, name="capacity"),
    path("my/trainings/workshops/<slug:slug>/attendance/", views_account.attendance, name="attendance"),
    path(
        "my/trainings/workshops/<slug:slug>/attendance/<str:date>/",
        views_account.attendance_day,
        name="attendance_day",
    ),
    path("office/trainings/", views_office.index, name="office"),
    path("office/trainings/questionnaires/new/", views_office.questionnaire_edit, name="questionnaire_new"),
    path(
        "office/trainings/questionnaires/<slug:slug>/v<int:version>/",
        views_office.questionnaire_edit,
        name="questionnaire_edit",
    ),
    path(
        "office/trainings/questionnaires/<slug:slug>/v<int:version>/questions/",
        views_office.question_add,
        name="question_add",
    ),
    path(
        "office/trainings/questionnaires/<slug:slug>/v<int:version>/new-version/",
        views_office.questionnaire_version,
        name="questionnaire_version",
    ),
    path(
        "office/trainings/questionnaires/<slug:slug>/v<int:version>/xlsform.xlsx",
        views_office.xlsform,
        name="xlsform",
    ),
    path("office/trainings/rounds/new/", views_office.round_edit, name="round_new"),
    path("office/trainings/rounds/<slug:slug>/", views_office.round_results, name="round_results"),
    path("office/trainings/rounds/<slug:slug>/edit/", views_office.round_edit, name="round_edit"),
    path("office/trainings/rounds/<slug:slug>/needs.<str:fmt>", views_office.round_file, name="round_file"),
    path("office/trainings/workshops/new/", views_office.workshop_edit, name="workshop_new"),
    path("office/trainings/workshops/<slug:slug>/", views_office.workshop_edit, name="workshop_edit"),
    path("office/trainings/workshops/<slug:slug>/trainers/", views_office.trainer_add, name="trainer_add"),
    path("office/trainings/workshops/<slug:slug>/trainees/", views_office.trainee_add, name="trainee_add"),
    path("office/trainings/workshops/<slug:slug>/invitations/", views_office.invitation_set, name="invitation_set"),
    path(
        "office/trainings/workshops/<slug:slug>/certificates/",
        views_office.certificates_issue,
        name="certificates_issue",
    ),
    path("office/trainings/workshops/<slug:slug>/report/", views_office.report_workshop, name="report_workshop"),
    path("office/trainings/projects/<slug:code>/report/", views_office.report_project, name="report_project"),
    path("office/trainings/report/", views_office.report_period, name="report_period"),
]
