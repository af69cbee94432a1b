"""Governance's addresses: public pages (views), what people do with their own accounts, the counting committee
included (views_account), the technical team's office (views_office, everything under office/ and nothing else).
Nominations, complaints, documents and tally sheets are named by their code, never by their sequential id."""

from django.urls import path

from governance import views, views_account, views_office

app_name = "governance"
urlpatterns = [
    path("assemblies/", views.assemblies, name="assemblies"),
    path("assemblies/<slug:slug>/", views.assembly, name="assembly"),
    path("assemblies/<slug:slug>/documents/<uuid:code>/", views.document, name="document"),
    path("elections/<slug:slug>/", views.election, name="election"),
    path("elections/<slug:slug>/election.json", views.election_json, name="election_json"),
    path("elections/<slug:slug>/nominate/", views_account.nominate, name="nominate"),
    path("elections/<slug:slug>/nominations/<uuid:code>/consent/", views_account.consent, name="consent"),
    path("elections/<slug:slug>/nominations/<uuid:code>/withdraw/", views_account.withdraw, name="withdraw"),
    path("elections/<slug:slug>/complain/", views_account.complain, name="complain"),
    path("elections/<slug:slug>/committee/", views_account.committee, name="committee"),
    path("elections/<slug:slug>/committee/count/", views_account.count, name="count"),
    path("elections/<slug:slug>/committee/close-voting/", views_account.close_voting, name="close_voting"),
    path("elections/<slug:slug>/committee/roll/", views_account.roll_change, name="roll_change"),
    path("elections/<slug:slug>/committee/nominations/<uuid:code>/override/", views_account.override, name="override"),
    path("elections/<slug:slug>/committee/tie/", views_account.tie, name="tie"),
    path("elections/<slug:slug>/committee/sign/", views_account.sign, name="sign"),
    path("elections/<slug:slug>/committee/publish/", views_account.publish, name="publish"),
    path("elections/<slug:slug>/committee/sheets/", views_account.sheet_add, name="sheet_add"),
    path("elections/<slug:slug>/committee/sheets/<uuid:code>/", views_account.sheet, name="sheet"),
    path("elections/<slug:slug>/committee/complaints/<uuid:code>/", views_account.decide, name="decide"),
    path("elections/<slug:slug>/ballot-box/", views.ballot_box, name="ballot_box"),
    path("elections/<slug:slug>/online/<str:name>", views.online_file, name="online_file"),
    path("elections/<slug:slug>/vote/", views_account.booth, name="booth"),
    path("elections/<slug:slug>/committee/online/", views_account.online, name="online"),
    path("elections/<slug:slug>/committee/online/step/", views_account.trustee_step, name="trustee_step"),
    path("elections/<slug:slug>/committee/online/files/<str:name>", views_account.online_file, name="trustee_file"),
    path("elections/<slug:slug>/committee/online/credentials/", views_account.credentials, name="credentials"),
    path("elections/<slug:slug>/committee/online/revoke/", views_account.revoke, name="revoke"),
    path("elections/<slug:slug>/committee/online/decrypt/", views_account.decrypt, name="decrypt"),
    path("office/governance/", views_office.index, name="office"),
    path("office/governance/rules/new/", views_office.rules_new, name="office_rules_new"),
    path("office/governance/assemblies/new/", views_office.assembly_edit, name="office_assembly_new"),
    path("office/governance/assemblies/<slug:slug>/", views_office.assembly, name="office_assembly"),
    path("office/governance/assemblies/<slug:slug>/edit/", views_office.assembly_edit, name="office_assembly_edit"),
    path("office/governance/assemblies/<slug:slug>/agenda/", views_office.agenda_save, name="office_agenda_new"),
    path(
        "office/governance/assemblies/<slug:slug>/agenda/<uuid:code>/", views_office.agenda_save, name="office_agenda"
    ),
    path("office/governance/assemblies/<slug:slug>/documents/", views_office.document_add, name="office_document"),
    path("office/governance/assemblies/<slug:slug>/invite/", views_office.invite, name="office_invite"),
    path(
        "office/governance/assemblies/<slug:slug>/status/",
        views_office.assembly_advance,
        name="office_assembly_advance",
    ),
    path("office/governance/assemblies/<slug:slug>/minutes/", views_office.minutes, name="office_minutes"),
    path("office/governance/assemblies/<slug:slug>/attendance/", views_office.attendance, name="office_attendance"),
    path("office/governance/elections/new/", views_office.election_edit, name="office_election_new"),
    path("office/governance/elections/<slug:slug>/", views_office.election, name="office_election"),
    path("office/governance/elections/<slug:slug>/edit/", views_office.election_edit, name="office_election_edit"),
    path("office/governance/elections/<slug:slug>/committee/", views_office.committee_add, name="office_committee"),
    path(
        "office/governance/elections/<slug:slug>/online/",
        views_office.online_enable,
        name="office_online_enable",
    ),
    path(
        "office/governance/elections/<slug:slug>/advance/",
        views_office.election_advance,
        name="office_election_advance",
    ),
]
