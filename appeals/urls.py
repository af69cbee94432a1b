"""Appeals' addresses: public pages and the partner's one-time links (views), a point's people and the
coordinators (views_account), the technical team's office (views_office). Points, convoys, trucks and transfers
are named by their code, never by their sequential id."""

from django.urls import path

from appeals import views, views_account, views_office

app_name = "appeals"
urlpatterns = [
    path("appeals/", views.appeals, name="list"),
    path("appeals/<slug:slug>/", views.appeal, name="detail"),
    path("appeals/<slug:slug>/print/", views.appeal_print, name="print"),
    path("appeals/<slug:slug>/figures.<str:fmt>", views.appeal_export, name="export"),
    path("appeals/handover/<str:token>/", views.handover, name="handover"),
    path("appeals/cash-received/<str:token>/", views.cash_receive, name="cash_receive"),
    path("appeals/points/<uuid:code>/", views_account.point, name="point"),
    path("appeals/points/<uuid:code>/intake/", views_account.intake, name="intake"),
    path("appeals/points/<uuid:code>/cash/", views_account.cash, name="cash"),
    path("appeals/points/<uuid:code>/status/", views_account.point_status, name="point_status"),
    path(
        "appeals/points/<uuid:code>/<str:ledger>/<int:pk>/reverse/",
        views_account.reverse_entry,
        name="reverse",
    ),
    path("appeals/<slug:slug>/coordinate/", views_account.coordinate, name="coordinate"),
    path("appeals/<slug:slug>/coordinate/convoys/new/", views_account.convoy_new, name="convoy_new"),
    path("appeals/<slug:slug>/coordinate/goods/move/", views_account.goods_transfer, name="goods_transfer"),
    path("appeals/<slug:slug>/coordinate/cash/send/", views_account.cash_send, name="cash_send"),
    path("appeals/<slug:slug>/coordinate/cash/<uuid:code>/confirm/", views_account.cash_confirm, name="cash_confirm"),
    path("appeals/convoys/<uuid:code>/", views_account.convoy, name="convoy"),
    path("appeals/convoys/<uuid:code>/trucks/new/", views_account.truck_add, name="truck_add"),
    path("appeals/convoys/<uuid:code>/trucks/<uuid:truck>/load/", views_account.truck_load, name="truck_load"),
    path("appeals/convoys/<uuid:code>/<slug:step>/", views_account.convoy_step, name="convoy_step"),
    path("office/appeals/", views_office.index, name="office"),
    path("office/appeals/new/", views_office.appeal_edit, name="office_appeal_new"),
    path("office/appeals/partners/new/", views_office.partner_new, name="office_partner_new"),
    path("office/appeals/items/new/", views_office.item_new, name="office_item_new"),
    path("office/appeals/<slug:slug>/", views_office.appeal_edit, name="office_appeal"),
    path("office/appeals/<slug:slug>/close/", views_office.appeal_close, name="office_close"),
    path("office/appeals/<slug:slug>/needs/", views_office.need_save, name="office_need"),
    path("office/appeals/<slug:slug>/points/new/", views_office.point_new, name="office_point_new"),
    path("office/appeals/<slug:slug>/coordinators/", views_office.coordinator_add, name="office_coordinator"),
]
