"""Addresses of information exchange: public pages, an organisation's activities under /my/, and the
technical team's office under /office/newsletters/."""

from django.urls import path

from newsletters import views, views_account, views_office

app_name = "newsletters"
urlpatterns = [
    path("activities/", views.activities, name="activities"),
    path("activities/feed/", views.activities_feed, name="activities_feed"),
    path("news/", views.news_index, name="news_index"),
    path("news/feed/", views.news_feed, name="news_feed"),
    path("news/<slug:slug>/", views.news, name="news"),
    path("comments/delete/<str:token>/", views.comment_delete, name="comment_delete"),
    path("comments/<str:kind>/<str:key>/", views.comment, name="comment"),
    path("newsletters/", views.archive, name="archive"),
    path("newsletters/subscribe/", views.subscribe, name="subscribe"),
    path("newsletters/confirm/<str:token>/", views.confirm, name="confirm"),
    path("newsletters/unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("newsletters/subscription/<str:token>/", views.subscription, name="subscription"),
    path("newsletters/<int:number>/", views.issue, name="issue"),
    path("my/<slug:slug>/activities/", views_account.activity_new, name="activity_new"),
    path("office/newsletters/", views_office.office, name="office"),
    path("office/newsletters/activities/<int:pk>/", views_office.activity_review, name="activity_review"),
    path("office/newsletters/news/new/", views_office.news_edit, name="news_new"),
    path("office/newsletters/news/<slug:slug>/", views_office.news_edit, name="news_edit"),
    path("office/newsletters/issues/new/", views_office.issue_start, name="issue_start"),
    path("office/newsletters/issues/<int:number>/", views_office.issue_edit, name="issue_edit"),
    path("office/newsletters/issues/<int:number>/entries/<int:pk>/", views_office.entry_action, name="entry_action"),
    path("office/newsletters/issues/<int:number>/publish/", views_office.issue_publish, name="issue_publish"),
    path("office/newsletters/issues/<int:number>/send/", views_office.issue_send, name="issue_send"),
    path("office/newsletters/comments/<int:pk>/", views_office.comment_moderate, name="comment_moderate"),
    path("office/newsletters/contacts/", views_office.contact_subscribe, name="contact_subscribe"),
]
