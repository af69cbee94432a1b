"""Advocacy's addresses: public pages (views), an organisation's people's actions (views_account), the technical
team's office (views_office, everything under office/ and nothing else). A signature or a follow-up is named by its
code, never by its sequential id."""

from django.urls import path

from campaigns import views, views_account, views_office

app_name = "campaigns"
urlpatterns = [
    path("campaigns/", views.campaigns, name="list"),
    path("campaigns/<slug:slug>/", views.campaign, name="detail"),
    path("campaigns/<slug:slug>/meetings/new/", views_account.meeting_new, name="meeting_new"),
    path("campaigns/<slug:slug>/follow-ups/<uuid:code>/", views_account.follow_up_status, name="follow_up_status"),
    path("statements/<slug:slug>/", views.statement, name="statement"),
    path("statements/<slug:slug>/sign/", views_account.sign, name="sign"),
    path("statements/<slug:slug>/signatures.csv", views.signatures_csv, name="signatures_csv"),
    path("statements/<slug:slug>/signatures.json", views.signatures_json, name="signatures_json"),
    path("statements/<slug:slug>/signed/", views.signed_print, name="signed_print"),
    path("statements/<slug:slug>/signatures/<uuid:code>/withdraw/", views_account.withdraw, name="withdraw"),
    path("rounds/<slug:slug>/", views.issue_round, name="round"),
    path("rounds/<slug:slug>/propose/", views_account.propose, name="propose"),
    path("rounds/<slug:slug>/vote/", views_account.vote, name="vote"),
    path("office/advocacy/", views_office.index, name="office"),
    path("office/advocacy/statements/new/", views_office.statement_edit, name="statement_new"),
    path("office/advocacy/statements/<slug:slug>/", views_office.statement_edit, name="statement_edit"),
    path("office/advocacy/statements/<slug:slug>/text/", views_office.statement_text, name="statement_text"),
    path("office/advocacy/statements/<slug:slug>/freeze/", views_office.statement_freeze, name="statement_freeze"),
    path("office/advocacy/statements/<slug:slug>/publish/", views_office.statement_publish, name="statement_publish"),
    path("office/advocacy/signatures/<uuid:code>/takedown/", views_office.takedown, name="takedown"),
    path("office/advocacy/rounds/new/", views_office.round_edit, name="round_new"),
    path("office/advocacy/rounds/<slug:slug>/", views_office.round_edit, name="round_edit"),
    path("office/advocacy/rounds/<slug:slug>/conclude/", views_office.round_conclude, name="round_conclude"),
    path("office/advocacy/campaigns/new/", views_office.campaign_edit, name="campaign_new"),
    path("office/advocacy/campaigns/<slug:slug>/", views_office.campaign_edit, name="campaign_edit"),
    path("office/advocacy/campaigns/<slug:slug>/events/new/", views_office.event_new, name="event_new"),
]
