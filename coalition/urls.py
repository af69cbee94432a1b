from django.urls import path

from coalition import views

app_name = "coalition"
urlpatterns = [
    path("", views.home, name="home"),
    path("about/", views.about, name="about"),
    path("regions/", views.regions, name="regions"),
    path("regions/<slug:slug>/", views.region, name="region"),
    path("bodies/", views.bodies, name="bodies"),
    path("bodies/<slug:slug>/", views.body, name="body"),
]
