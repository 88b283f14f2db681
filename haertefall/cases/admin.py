from django.contrib import admin
from django.http import HttpRequest

from haertefall.cases.models import Case, CaseRevision, StoredFile

REVISION_FIELDS = ("number", "step", "author", "created")
# Metadata only: what a person answered or called a file is theirs and their counsellors' to
# see, through the pages that check access; the admin site does not bypass that.
STORED_FILE_FIELDS = ("id", "content_type", "size", "page_count", "sha256", "created")


class CaseRevisionInline(admin.TabularInline[CaseRevision, Case]):
    model = CaseRevision
    fields = readonly_fields = REVISION_FIELDS
    extra = 0
    can_delete = False
    show_change_link = True

    # Content changes go through do_save_revision so that the version check and the history
    # hold; the admin only looks.
    def has_add_permission(self, request: HttpRequest, obj: Case | None = None) -> bool:
        return False


class StoredFileInline(admin.TabularInline[StoredFile, Case]):
    model = StoredFile
    fields = readonly_fields = STORED_FILE_FIELDS
    extra = 0
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: Case | None = None) -> bool:
        return False


@admin.register(Case)
class CaseAdmin(admin.ModelAdmin[Case]):
    list_display = ["id", "owner", "target", "status", "version", "updated"]
    list_filter = ["target", "status"]
    search_fields = ["id", "owner__email"]
    readonly_fields = ["id", "target", "version", "created", "updated"]
    fields = ["id", "owner", "target", "status", "version", "created", "updated"]
    inlines = [CaseRevisionInline, StoredFileInline]


@admin.register(CaseRevision)
class CaseRevisionAdmin(admin.ModelAdmin[CaseRevision]):
    list_display = ["case", "number", "step", "author", "created"]
    list_select_related = ["case"]
    readonly_fields = ["case", "number", "step", "author", "created"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: CaseRevision | None = None) -> bool:
        return False
