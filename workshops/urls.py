from django.urls import include, path

from workshops.views import board, interviews, participants, phone, rounds, themes, voting_phone
from workshops.views import workshops as workshop_views

app_name = "workshops"

participant_urls = [
    path("", participants.participant_list, name="participant.list"),
    path("ny/", participants.participant_create, name="participant.create"),
    path("import/", participants.participant_import, name="participant.import"),
    path("links.csv", participants.participant_export_links, name="participant.export_links"),
    path("qr-kort/", participants.participant_qr_sheet, name="participant.qr_sheet"),
    path("send-links/", participants.participant_send_links, name="participant.send_links"),
    path("<int:pk>/", participants.participant_edit, name="participant.edit"),
    path("<int:pk>/aktiv/", participants.participant_deactivate, name="participant.deactivate"),
    path("<int:pk>/link/", participants.participant_link, name="participant.link"),
    path("<int:pk>/link/tilbagekald/", participants.participant_revoke, name="participant.revoke"),
]

interview_urls = [
    path("", interviews.interview_list, name="interview.list"),
    path("ny/", interviews.interview_create, name="interview.create"),
    path("<int:pk>/", interviews.interview_detail, name="interview.detail"),
    path("<int:pk>/rediger/", interviews.interview_edit, name="interview.edit"),
    path("<int:pk>/indsigter/", interviews.insight_create, name="interview.insight.create"),
]

insight_urls = [
    path("<int:pk>/rediger/", interviews.insight_edit, name="insight.edit"),
    path("<int:pk>/slet/", interviews.insight_delete, name="insight.delete"),
]

workshop_urls = [
    path("", workshop_views.workshop_list, name="workshop.list"),
    path("ny/", workshop_views.workshop_create, name="workshop.create"),
    path("<int:pk>/", workshop_views.workshop_detail, name="workshop.detail"),
    path("<int:pk>/rediger/", workshop_views.workshop_edit, name="workshop.edit"),
    path("<int:pk>/status/", workshop_views.workshop_status, name="workshop.status"),
    path("<int:pk>/projektor/", workshop_views.workshop_projector, name="workshop.projector"),
    path("<int:pk>/tavle/", board.board, name="board.detail"),
    path("<int:pk>/tavle/noter/", board.board_notes, name="board.notes"),
    path("<int:pk>/tavle/tildel/", board.board_assign, name="board.assign"),
    path("<int:pk>/tavle/nyt-tema/", board.board_create_theme, name="board.create_theme"),
    path("<int:pk>/tavle/dubletter/", board.board_duplicates, name="board.duplicates"),
    path("<int:pk>/tavle/fortryd/", board.board_undo, name="board.undo"),
]

theme_urls = [
    path("", themes.theme_list, name="theme.list"),
    path("ny/", themes.theme_create, name="theme.create"),
    path("<int:pk>/", themes.theme_detail, name="theme.detail"),
    path("<int:pk>/rediger/", themes.theme_edit, name="theme.edit"),
    path("<int:pk>/status/", themes.theme_status, name="theme.status"),
    path("<int:pk>/saml/", themes.theme_merge, name="theme.merge"),
]

round_urls = [
    path("", rounds.round_list, name="round.list"),
    path("ny/", rounds.round_create, name="round.create"),
    path("<int:pk>/", rounds.round_detail, name="round.detail"),
    path("<int:pk>/rediger/", rounds.round_edit, name="round.edit"),
    path("<int:pk>/aabn/", rounds.round_open, name="round.open"),
    path("<int:pk>/luk/", rounds.round_close, name="round.close"),
    path("<int:pk>/papir/", rounds.round_paper, name="round.paper"),
    path("<int:pk>/resultat/", rounds.round_results, name="round.results"),
    path("<int:pk>/resultat.json", rounds.round_results_json, name="round.results_json"),
    path("<int:pk>/projektor/", rounds.round_projector, name="round.projector"),
    path("<int:pk>/projektor/status/", rounds.round_projector_panel, name="round.projector_panel"),
    path("<int:pk>/vedtag/", rounds.round_adopt, name="round.adopt"),
]

process_urls = [
    path("deltagere/", include(participant_urls)),
    path("interviews/", include(interview_urls)),
    path("indsigter/", include(insight_urls)),
    path("workshops/", include(workshop_urls)),
    path("temaer/", include(theme_urls)),
    path("runder/", include(round_urls)),
]

urlpatterns = [
    path("p/<slug:slug>/", include(process_urls)),
    # A participant's phone: no account, a participant session instead.
    path("v/<str:token>/", phone.link_redeem, name="link.redeem"),
    path("join/", phone.join, name="join"),
    path("deltager/", phone.phone_home, name="phone.home"),
    path("deltager/workshops/<int:pk>/", phone.phone_workshop, name="phone.workshop"),
    path("deltager/noter/<int:pk>/", phone.phone_note_edit, name="phone.note_edit"),
    path("deltager/log-ud/", phone.phone_logout, name="phone.logout"),
    path("deltager/runder/<int:pk>/", voting_phone.phone_round, name="phone.round"),
]
