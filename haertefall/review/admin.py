"""Staff set up advice centres and their first admin here; counsellors work in the app."""

from django.contrib import admin
from django.http import HttpRequest

from haertefall.review.models import (
    AuditEvent,
    CaseShare,
    CounsellorInvitation,
    Membership,
    Organisation,
)


class MembershipInline(admin.TabularInline[Membership, Organisation]):
    model = Membership
    fields = ["user", "role", "joined", "left"]
    readonly_fields = ["joined"]
    autocomplete_fields = ["user"]
    extra = 1


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin[Organisation]):
    list_display = ["name", "city", "created"]
    search_fields = ["name", "city"]
    inlines = [MembershipInline]


@admin.register(CounsellorInvitation)
class CounsellorInvitationAdmin(admin.ModelAdmin[CounsellorInvitation]):
    list_display = ["email", "organisation", "role", "created", "expires", "accepted"]
    list_filter = ["organisation"]
    # Invitations are made in the app, which e-mails the link; the hash alone is useless here.
    readonly_fields = [
        "organisation",
        "email",
        "role",
        "invited_by",
        "created",
        "expires",
        "accepted",
        "accepted_by",
    ]
    exclude = ["token_hash"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False


@admin.register(CaseShare)
class CaseShareAdmin(admin.ModelAdmin[CaseShare]):
    """Read only: consent is given and withdrawn by the applicant, never by staff."""

    list_display = ["case", "organisation", "basis", "consent_given", "can_edit", "withdrawn"]
    list_filter = ["organisation", "basis"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: CaseShare | None = None) -> bool:
        return False


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin[AuditEvent]):
    list_display = ["created", "case", "actor", "actor_role", "action"]
    list_filter = ["action"]
    search_fields = ["case__id"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: AuditEvent | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: AuditEvent | None = None) -> bool:
        return False
