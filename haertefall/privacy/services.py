"""The person's rights over their data: a copy of everything, and deletion for good."""

from __future__ import annotations

import contextlib
import json
import logging
import os
import tempfile
import zipfile
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import IO, Any
from uuid import UUID

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from haertefall.accounts.models import User
from haertefall.cases.casefiles import (
    CASE_JSON,
    CaseFileError,
    case_contents,
    case_members,
    dump_document,
)
from haertefall.cases.models import Case, Status
from haertefall.cases.storage import upload_storage
from haertefall.packages.models import BuiltPackage
from haertefall.packages.services import delete_packages
from haertefall.privacy.models import DeletionReason, DeletionRecord, InactivityWarning
from haertefall.review.models import AuditEvent, Comment

logger = logging.getLogger(__name__)


# --- Export ------------------------------------------------------------------------------


def _iso(value: datetime | None) -> str | None:
    return None if value is None else value.isoformat()


def account_data(user: User) -> dict[str, Any]:
    return {
        "email": user.email,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "date_joined": _iso(user.date_joined),
        "last_login": _iso(user.last_login),
    }


def review_data(case: Case) -> dict[str, Any]:
    """The audit events and comments of a case, as the owner may see them."""
    events = AuditEvent.objects.filter(case_id=case.pk).order_by("created", "pk")
    comments = (
        Comment.objects.filter(case=case).select_related("organisation").order_by("created", "pk")
    )
    return {
        "case": str(case.pk),
        "audit_events": [
            {
                "time": _iso(event.created),
                "action": event.action,
                # Counsellors are named by role, not by their own e-mail address.
                "actor_role": event.actor_role,
                "detail": event.detail,
            }
            for event in events
        ],
        "comments": [
            {
                "time": _iso(comment.created),
                "organisation": comment.organisation.name if comment.organisation else None,
                "step": comment.step,
                "person_id": comment.person_id,
                "field": comment.field,
                "text": comment.text,
                "revision": comment.revision,
                "resolved": _iso(comment.resolved),
            }
            for comment in comments
        ],
    }


def _dump(data: Any) -> bytes:
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def _add_other_files(archive: zipfile.ZipFile, case: Case, written: set[str]) -> None:
    """Uploads no document of the case names (yet) are the person's data too: they go to
    other-files/<case id>/, outside the case folder, so that folder stays a clean case."""
    for stored in case.files.all():
        if stored.case_path in written:
            continue
        try:
            with stored.file.open("rb") as handle:
                data = handle.read()
        except OSError:
            continue
        archive.writestr(f"other-files/{case.pk}/{stored.case_path}", data)


def build_export(user: User) -> IO[bytes]:
    """A ZIP of everything about `user`, in an anonymous temporary file, positioned at 0.

    Layout: account.json; cases/<case id>/ as a haertefall-case/1 folder (case.json and its
    attachments); review/<case id>.json with the case's audit events and comments. The review
    data sits outside the case folder so it can never collide with an attachment's path.
    """
    cases = list(Case.objects.filter(owner=user).order_by("created", "pk"))
    summary: list[dict[str, Any]] = []
    # Handed to the response, which closes (and so removes) it once it is sent.
    output = tempfile.TemporaryFile(dir=settings.FILE_UPLOAD_TEMP_DIR)  # noqa: SIM115
    try:
        # Attachments go from memory into the archive: their plaintext never lies in a
        # folder on disk, where a killed worker would leave it.
        with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as archive:
            for case in cases:
                folder = f"cases/{case.pk}"
                entry: dict[str, Any] = {
                    "id": str(case.pk),
                    "target": case.target,
                    "status": case.status,
                    "created": _iso(case.created),
                    "updated": _iso(case.updated),
                    "folder": folder,
                    "review": f"review/{case.pk}.json",
                    "problem": None,
                }
                written: set[str] = set()
                try:
                    document, files = case_contents(case)
                except CaseFileError as error:
                    # A missing or damaged attachment must not cost the person the rest of the
                    # copy: the answers still go in, the bytes there are go to other-files/,
                    # and the problem is named.
                    entry["problem"] = str(error)
                    answers = case.document
                    if answers is None:
                        entry["folder"] = None
                    else:
                        archive.writestr(f"{folder}/{CASE_JSON}", dump_document(answers))
                else:
                    for member, data in sorted(case_members(document, files).items()):
                        archive.writestr(f"{folder}/{member}", data)
                    written = set(files)
                _add_other_files(archive, case, written)
                archive.writestr(entry["review"], _dump(review_data(case)))
                summary.append(entry)
            archive.writestr(
                "account.json",
                _dump({"format": "haertefall-account/1", **account_data(user), "cases": summary}),
            )
        output.seek(0)
    except BaseException:
        output.close()
        raise
    return output


# --- Deletion ----------------------------------------------------------------------------


def _delete_bytes(names: list[str], folders: list[str]) -> None:
    for name in names:
        try:
            upload_storage.delete(name)
        except OSError:
            # The row is gone; nothing serves these bytes any more. The name holds only UUIDs.
            logger.warning("a stored file could not be removed from disk: %s", name)
    for folder in folders:
        # Not there or not empty: either way nothing of the case is left in it to remove.
        with contextlib.suppress(OSError):
            os.rmdir(upload_storage.path(folder))


def do_delete_case(case: Case, actor: User | None = None, *, reason: str) -> None:
    """Delete a case for good: rows, revisions, review data, packages, and the bytes on disk.

    The case's audit events go too; one DeletionRecord (ids only) says that it was deleted.
    """
    case_id = case.pk
    # Packages first: delete_packages removes each row and then its files.
    delete_packages(list(BuiltPackage.objects.filter(case=case)))
    names = [name for name in case.files.values_list("file", flat=True) if name]
    with transaction.atomic():
        AuditEvent.objects.filter(case_id=case_id).delete()
        # Revisions, stored-file rows, comments, shares, invitations, notifications, review
        # marks and the inactivity warning go with the case (on_delete=CASCADE).
        case.delete()
        DeletionRecord.objects.create(case_id=case_id, reason=reason)
        # The bytes only once the rows are surely gone, so no row points at missing bytes.
        transaction.on_commit(
            lambda: _delete_bytes(names, [str(case_id), f"packages/{case_id}"]),
        )
    logger.info(
        "case %s deleted (%s) by %s", case_id, reason, "the owner" if actor else "the system"
    )


def do_delete_account(user: User) -> None:
    """Delete the user's own cases and then the account.

    Only cases the user owns are deleted: a counsellor's account going leaves the clients'
    cases alone (comments and revisions they wrote there lose their author, nothing more).
    """
    with transaction.atomic():
        for case in Case.objects.filter(owner=user):
            do_delete_case(case, actor=user, reason=DeletionReason.ACCOUNT_DELETED)
        user.delete()


# --- Inactive drafts ---------------------------------------------------------------------


@dataclass(frozen=True)
class PurgedCase:
    # Ids only: the command's output ends up in logs.
    case_id: UUID
    updated: datetime


@dataclass
class PurgeResult:
    warned: list[PurgedCase] = field(default_factory=list)
    deleted: list[PurgedCase] = field(default_factory=list)
    # Uploads Django spooled to FILE_UPLOAD_TEMP_DIR and a killed worker never removed.
    spooled_removed: int = 0


# A request spools for as long as the upload takes; anything older was left behind.
SPOOL_MAX_AGE = timedelta(hours=1)


def purge_inactive(now: datetime, *, dry_run: bool = False) -> PurgeResult:
    """Warn the owners of drafts unchanged for (period − warning) days; delete drafts unchanged
    for the whole period once their warning is at least `warning` days old.

    Idempotent: a warning counts while the case has not changed since it was sent, so a second
    run neither warns again nor deletes more. A draft that was never warned is warned first,
    even when it is already older than the period: nobody loses a case without notice.
    """
    period = timedelta(days=settings.INACTIVE_DRAFT_DAYS)
    notice = timedelta(days=settings.INACTIVE_WARNING_DAYS)
    result = PurgeResult()
    candidates = (
        Case.objects.filter(status=Status.DRAFT, updated__lte=now - (period - notice))
        .select_related("owner", "inactivity_warning")
        .order_by("updated", "pk")
    )
    for case in candidates:
        warning = getattr(case, "inactivity_warning", None)
        current = warning is not None and warning.sent >= case.updated
        if not current:
            result.warned.append(PurgedCase(case.pk, case.updated))
            if not dry_run:
                _warn(case, now)
        elif warning is not None and case.updated <= now - period and warning.sent <= now - notice:
            result.deleted.append(PurgedCase(case.pk, case.updated))
            if not dry_run:
                do_delete_case(case, reason=DeletionReason.INACTIVE)
    result.spooled_removed = _remove_stale_spool(now, dry_run=dry_run)
    return result


def _remove_stale_spool(now: datetime, *, dry_run: bool) -> int:
    """Remove spooled uploads older than SPOOL_MAX_AGE: they are plaintext, and normally
    removed at the end of their request, unless the worker was killed during it."""
    removed = 0
    # Django names them tmpXXXX.upload.<ext> (TemporaryUploadedFile); nothing else is touched.
    for path in Path(settings.FILE_UPLOAD_TEMP_DIR).glob("*.upload*"):
        try:
            changed = datetime.fromtimestamp(path.stat().st_mtime, tz=UTC)
            if path.is_file() and changed <= now - SPOOL_MAX_AGE:
                if not dry_run:
                    path.unlink()
                removed += 1
        except FileNotFoundError:
            continue
    return removed


def _warn(case: Case, now: datetime) -> None:
    deletion_day = max(
        case.updated + timedelta(days=settings.INACTIVE_DRAFT_DAYS),
        now + timedelta(days=settings.INACTIVE_WARNING_DAYS),
    )
    link = f"{settings.SITE_URL}{reverse('wizard:case_list')}"
    # No stored language per person; German is the site's default.
    with translation.override(settings.LANGUAGE_CODE):
        subject = gettext("Your draft application will be deleted soon")
        body = render_to_string(
            "privacy/inactivity_warning_email.txt",
            {"link": link, "deletion_day": timezone.localtime(deletion_day).date()},
        )
    try:
        send_mail(subject, body, None, [case.owner.email])
    except Exception:
        # Not recorded as sent, so the next run tries again. The address stays out of the log.
        logger.exception("could not send an inactivity warning for case %s", case.pk)
        return
    InactivityWarning.objects.update_or_create(case=case, defaults={"sent": now})
