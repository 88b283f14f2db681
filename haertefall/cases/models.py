import uuid
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from haertefall.cases.crypto import SealBroken, keyed_digest, new_case_key
from haertefall.cases.sealed import Sealed, SealedJSONField, open_sealed
from haertefall.cases.storage import data_key_for_case, sha256_hex, upload_storage


class Target(models.TextChoices):
    HFK_NRW = "hfk_nrw", _("Hardship petition (§ 23a), Härtefallkommission NRW")
    ABH_HANNOVER_25B = "abh_hannover_25b", _("Residence permit (§ 25b), Ausländerbehörde Hannover")


class Status(models.TextChoices):
    DRAFT = "draft", _("Draft")
    IN_REVIEW = "in_review", _("In review")
    CHANGES_REQUESTED = "changes_requested", _("Changes requested")
    APPROVED = "approved", _("Approved")
    EXPORTED = "exported", _("Exported")


class Case(models.Model):
    """What lists and permissions need; the content lives in the newest CaseRevision."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    # A case is deleted through its own action (which leaves an audit trace), never as a side
    # effect of removing a user account.
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="cases"
    )
    target = models.CharField(_("target"), max_length=32, choices=Target.choices)
    status = models.CharField(
        _("status"), max_length=32, choices=Status.choices, default=Status.DRAFT
    )
    created = models.DateTimeField(_("created"), auto_now_add=True)
    updated = models.DateTimeField(_("updated"), auto_now=True)
    # Bumped on every save; a form carries the version it was loaded with, so a save based on
    # an outdated page is refused instead of overwriting someone else's change.
    version = models.PositiveIntegerField(_("version"), default=1)
    # The case's own data key, wrapped by a master key from the environment
    # (haertefall/cases/crypto.py). It seals the case's files, answers and comments; deleting
    # the row makes every copy of them unreadable.
    data_key = models.BinaryField(default=new_case_key, editable=False)

    class Meta:
        verbose_name = _("case")
        verbose_name_plural = _("cases")
        ordering = ["-updated"]

    def __str__(self) -> str:
        return f"{self.get_target_display()} ({self.id})"

    def latest_revision(self) -> "CaseRevision | None":
        return self.revisions.order_by("-number").first()

    @property
    def document(self) -> dict[str, Any] | None:
        """The case's content: the haertefall-case/1 document of the newest revision."""
        revision = self.latest_revision()
        return None if revision is None else revision.document


class CaseRevision(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="revisions")
    number = models.PositiveIntegerField(_("number"))
    # Kept when the author's account goes: the content must survive, the name need not.
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="case_revisions",
    )
    created = models.DateTimeField(_("created"), auto_now_add=True)
    step = models.CharField(_("step"), max_length=64)
    # Everything the person answered, health and offences included: sealed with the case key.
    document = SealedJSONField(_("document"))

    class Meta:
        verbose_name = _("revision")
        verbose_name_plural = _("revisions")
        ordering = ["case", "number"]
        constraints = [
            models.UniqueConstraint(fields=["case", "number"], name="unique_revision_number"),
        ]

    def __str__(self) -> str:
        return f"{self.case_id} #{self.number} ({self.step})"


def open_annotated_document(case: Case, value: object) -> dict[str, Any] | None:
    """A revision's document annotated onto its case by a subquery (which cannot open it)."""
    if not isinstance(value, Sealed):
        return None
    field = CaseRevision._meta.get_field("document")
    assert isinstance(field, SealedJSONField)
    document: dict[str, Any] = open_sealed(case.data_key, value, field.purpose)
    return document


def stored_file_name(instance: "StoredFile", filename: str) -> str:
    # The uploaded name is ignored on purpose: it often contains the person's name.
    return f"{instance.case_id}/{instance.id}"


class StoredFileQuerySet(models.QuerySet["StoredFile"]):
    def at_paths(self, case: Case, paths: Iterable[str]) -> "StoredFileQuerySet":
        """The files of `case` that these documents[].file values point at."""
        digests = [case_path_digest(case.pk, path) for path in paths]
        return self.filter(case=case, path_digest__in=digests)

    def at_path(self, case: Case, path: str) -> "StoredFileQuerySet":
        return self.at_paths(case, [path])


class StoredFile(models.Model):
    """The bytes of one attachment. What the document means lives in the content's documents[]."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="files")
    # The value documents[].file uses to point at these bytes, e.g. "files/dtz.pdf". A name
    # inside the case, never a path on disk. The wizard names uploads "files/<uuid>.<ext>", but
    # an imported case file keeps its author's names ("files/Attest Zahra (Psychiatrie).pdf"),
    # so the name is sealed, and files are found by a keyed digest of it (`at_paths`).
    case_path = SealedJSONField(_("path in the case"))
    path_digest = models.CharField(max_length=64, editable=False)
    file = models.FileField(storage=upload_storage, upload_to=stored_file_name, max_length=100)
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    content_type = models.CharField(_("detected type"), max_length=100)
    page_count = models.PositiveIntegerField(_("pages"), null=True, blank=True)
    size = models.PositiveBigIntegerField(_("size in bytes"))
    # Often carries the person's name ("Pass_Mustermann.jpg"): sealed like the content.
    original_name = SealedJSONField(_("original name"), empty=str)
    created = models.DateTimeField(_("created"), auto_now_add=True)

    objects = StoredFileQuerySet.as_manager()

    class Meta:
        verbose_name = _("stored file")
        verbose_name_plural = _("stored files")
        ordering = ["case", "created", "id"]
        constraints = [
            models.UniqueConstraint(fields=["case", "path_digest"], name="unique_case_path"),
        ]

    def __str__(self) -> str:
        return str(self.id)

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.path_digest = case_path_digest(self.case_id, self.case_path)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "case_path" in update_fields:
            kwargs["update_fields"] = {*update_fields, "path_digest"}
        super().save(*args, **kwargs)

    def read_verified(self) -> bytes | None:
        """The stored bytes, or None if they changed on disk: they no longer open with the
        case key or no longer match the checksum. FileNotFoundError if they are gone."""
        try:
            with self.file.open("rb") as handle:
                data: bytes = handle.read()
        except SealBroken:
            return None
        return data if sha256_hex(data) == self.sha256 else None


def case_path_digest(case_id: uuid.UUID, case_path: str) -> str:
    return keyed_digest(data_key_for_case(case_id), "case_path", case_path)
