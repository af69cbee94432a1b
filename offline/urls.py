from django.urls import path

from offline import views, views_account

app_name = "offline"

urlpatterns = [
    path("offline/", views.page, name="page"),
    path("offline/status/", views_account.status, name="status"),
    path("offline/submit/", views_account.submit, name="submit"),
    path("offline/reopen/", views_account.reopen, name="reopen"),
    path("my/outbox/", views_account.outbox, name="outbox"),
]
