"""A model field whose JSON value is stored sealed with the data key of its case.

The database column holds only `crypto.seal(...)` bytes. Reading the attribute opens them on
first use (the instance's case supplies the key); a value assigned in Python is sealed when the
row is saved, so the field behaves like a JSONField in code (assign, mutate, save) while the
database never sees the plaintext. The column cannot be searched or filtered on; nothing in the
product does. `.values()` on such a field returns `Sealed` objects, opened with `open_sealed`.
"""

import base64
import json
from collections.abc import Callable
from functools import reduce
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models.query_utils import DeferredAttribute
from django.db.models.signals import post_save, pre_save
from django.dispatch import receiver

from haertefall.cases.crypto import is_sealed, seal_with, unseal, unseal_with, unwrap_case_key
from haertefall.cases.storage import data_key_for_case


class Sealed:
    """A value as read from the database, not opened yet."""

    __slots__ = ("raw",)

    def __init__(self, raw: bytes) -> None:
        self.raw = raw

    def __repr__(self) -> str:
        # Never the plaintext, not even in a debugger or an error page.
        return f"<Sealed {len(self.raw)} bytes>"


class _OpeningAttribute(DeferredAttribute):
    def __get__(self, instance: Any, cls: Any = None) -> Any:
        if instance is None:
            return self
        value = super().__get__(instance, cls)
        if isinstance(value, Sealed) and instance.__dict__.get(_RAW_SAVE):
            # loaddata saves "raw" and reads the attribute itself: the bytes, as they came.
            return value
        if isinstance(value, Sealed):
            field = self.field
            assert isinstance(field, SealedJSONField)
            value = json.loads(unseal_with(field.data_key_of(instance), value.raw, field.purpose))
            instance.__dict__[field.attname] = value
        return value

    # Defining __set__ makes this a data descriptor, consulted even when the instance's
    # __dict__ holds the value; otherwise the sealed bytes would be handed out unopened.
    def __set__(self, instance: Any, value: Any) -> None:
        instance.__dict__[self.field.attname] = value


class SealedJSONField(models.Field):  # type: ignore[type-arg]
    """JSON sealed with the case key. `case_via` says how to reach the case from an instance
    ("case" or "package.case"); the field's name is part of what is sealed, so a value cannot
    be moved into another field."""

    descriptor_class = _OpeningAttribute

    def __init__(
        self,
        *args: Any,
        case_via: str = "case",
        empty: Callable[[], Any] | None = None,
        **kwargs: Any,
    ) -> None:
        self.case_via = case_via
        # The value of a new instance (like `default`, which the field cannot have: a database
        # default would have to be sealed without knowing the case).
        self.empty = empty
        kwargs.setdefault("editable", False)
        super().__init__(*args, **kwargs)

    def get_default(self) -> Any:
        return self.empty() if self.empty is not None else super().get_default()

    @property
    def purpose(self) -> str:
        return f"{self.model._meta.label_lower}.{self.name}"

    def data_key_of(self, instance: models.Model) -> bytes:
        """The unwrapped key of the instance's case, without loading the case when it is not
        at hand already (a list of fifty comments must not cost fifty queries)."""
        *path, last = self.case_via.split(".")
        holder = reduce(getattr, path, instance)
        relation = holder._meta.get_field(last)
        assert isinstance(relation, models.ForeignKey)
        if relation.is_cached(holder):
            return unwrap_case_key(bytes(getattr(holder, last).data_key))
        return data_key_for_case(getattr(holder, relation.attname))

    def deconstruct(self) -> Any:
        name, path, args, kwargs = super().deconstruct()
        if self.case_via != "case":
            kwargs["case_via"] = self.case_via
        if self.empty is not None:
            kwargs["empty"] = self.empty
        kwargs.pop("editable", None)
        return name, path, args, kwargs

    def get_internal_type(self) -> str:
        return "BinaryField"

    def from_db_value(self, value: Any, expression: Any, connection: BaseDatabaseWrapper) -> Any:
        return None if value is None else Sealed(bytes(value))

    def pre_save(self, model_instance: models.Model, add: bool) -> Any:
        value = model_instance.__dict__.get(self.attname)
        if isinstance(value, Sealed) or (value is None and self.null):
            return value
        plaintext = json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode()
        return Sealed(seal_with(self.data_key_of(model_instance), plaintext, self.purpose))

    def get_db_prep_value(
        self, value: Any, connection: BaseDatabaseWrapper, prepared: bool = False
    ) -> Any:
        if value is None:
            return None
        if not isinstance(value, Sealed):
            raise TypeError(f"{self.purpose} is sealed when saved; it cannot be compared")
        return connection.Database.Binary(value.raw)  # type: ignore[attr-defined]

    def value_to_string(self, obj: models.Model) -> str:
        # dumpdata writes the sealed bytes (base64), never the plaintext; loaddata into a site
        # with the same master keys (and the Case rows with their data keys) reads them back.
        value = self.pre_save(obj, add=False)
        return "" if value is None else base64.b64encode(value.raw).decode("ascii")

    def to_python(self, value: Any) -> Any:
        if isinstance(value, str):
            # What value_to_string wrote; a serialised plaintext would not be sealed data.
            try:
                raw = base64.b64decode(value.encode("ascii"), validate=True)
            except (ValueError, UnicodeEncodeError):
                raw = b""
            if not is_sealed(raw):
                raise ValidationError(f"{self.purpose}: not sealed data", code="not_sealed")
            return Sealed(raw)
        return value


def open_sealed(data_key: bytes | memoryview, value: Sealed, purpose: str) -> Any:
    return json.loads(unseal(bytes(data_key), value.raw, purpose))


_RAW_SAVE = "_sealed_raw_save"


def _has_sealed_fields(model: type[models.Model]) -> bool:
    return any(isinstance(field, SealedJSONField) for field in model._meta.concrete_fields)


@receiver(pre_save, dispatch_uid="haertefall.cases.sealed.raw_save_started")
def _raw_save_started(sender: type[models.Model], instance: Any, raw: bool, **kwargs: Any) -> None:
    if raw and _has_sealed_fields(sender):
        instance.__dict__[_RAW_SAVE] = True


@receiver(post_save, dispatch_uid="haertefall.cases.sealed.raw_save_ended")
def _raw_save_ended(sender: type[models.Model], instance: Any, **kwargs: Any) -> None:
    instance.__dict__.pop(_RAW_SAVE, None)
