"""Mounted by the project at the root (namespace "review").

Counsellors' pages live under /beratung/, the applicant's pages of a case beside the wizard's
under /antraege/<uuid>/. Cases are named by their UUID, comments and shares by their number
inside the case, invitations by a secret token that is stored only as a hash.
"""

from django.urls import path

from haertefall.review.views import (
    applicant,
    counsellor,
    history,
    notifications,
    organisation,
)

app_name = "review"

CASE = "antraege/<uuid:case_id>"
REVIEW = "beratung/faelle/<uuid:case_id>"

urlpatterns = [
    # Counsellors
    path("beratung/", counsellor.queue, name="queue"),
    path("beratung/neu/", counsellor.case_new, name="case_new"),
    path(f"{REVIEW}/", counsellor.case_overview, name="case"),
    path(f"{REVIEW}/schritt/<slug:step>/", counsellor.step_review, name="step"),
    path(f"{REVIEW}/aenderungen/", counsellor.changes, name="changes"),
    path(f"{REVIEW}/aenderungen-anfordern/", counsellor.request_changes, name="request_changes"),
    path(f"{REVIEW}/freigeben/", counsellor.approve, name="approve"),
    # Organisations
    path(
        "beratung/organisationen/<uuid:organisation_id>/",
        organisation.organisation,
        name="organisation",
    ),
    path(
        "beratung/organisationen/<uuid:organisation_id>/einladen/",
        organisation.invite,
        name="invite",
    ),
    path(
        "beratung/organisationen/<uuid:organisation_id>/mitglieder/<int:membership_id>/beenden/",
        organisation.end_membership,
        name="end_membership",
    ),
    path(
        "beratung/einladung/<str:token>/", organisation.accept_invitation, name="accept_invitation"
    ),
    # The applicant
    path(f"{CASE}/beratung/", applicant.overview, name="applicant"),
    path(f"{CASE}/teilen/", applicant.share, name="share"),
    path(f"{CASE}/teilen/<int:share_id>/widerrufen/", applicant.withdraw, name="withdraw"),
    path(f"{CASE}/teilen/<int:share_id>/aendern/", applicant.edit_consent, name="edit_consent"),
    path(f"{CASE}/zur-pruefung/", applicant.submit, name="submit"),
    path("antraege/uebernehmen/<str:token>/", applicant.accept_case, name="accept_case"),
    # Both
    path(f"{CASE}/protokoll/", history.audit_log, name="audit"),
    path(f"{CASE}/versionen/", history.revisions, name="revisions"),
    path(f"{CASE}/versionen/<int:number>/", history.revision, name="revision"),
    path(
        f"{CASE}/kommentare/<int:comment_id>/erledigt/",
        history.resolve_comment,
        name="resolve_comment",
    ),
    # Notifications
    path("benachrichtigungen/", notifications.notification_list, name="notifications"),
    path("benachrichtigungen/gelesen/", notifications.mark_all_read, name="notifications_read"),
    path(
        "benachrichtigungen/<int:notification_id>/",
        notifications.notification_open,
        name="notification",
    ),
]
