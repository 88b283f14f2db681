"""Moving existing plaintext columns and files under encryption at rest (used by migrations).

A column becomes sealed in three moves: a nullable binary column beside it, a data step that
seals every row's value into it with the row's case key, then the old column goes and the new
one takes its name and its final field class. Files under UPLOAD_ROOT are sealed in place.
"""

import json
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import migrations, models

from haertefall.cases.crypto import seal
from haertefall.cases.sealed import SealedJSONField
from haertefall.cases.storage import seal_file_in_place


def columns_before(model: str, names: Iterable[str]) -> list[migrations.operations.base.Operation]:
    return [
        migrations.AddField(model, f"{name}_sealed", models.BinaryField(null=True))
        for name in names
    ]


def columns_after(
    model: str, fields: dict[str, SealedJSONField]
) -> list[migrations.operations.base.Operation]:
    operations: list[migrations.operations.base.Operation] = []
    for name, field in fields.items():
        operations += [
            migrations.RemoveField(model, name),
            migrations.RenameField(model, f"{name}_sealed", name),
            migrations.AlterField(model, name, field),
        ]
    return operations


def seal_rows(
    apps: Any,
    label: str,
    names: Iterable[str],
    case_of: Callable[[Any], Any],
    file_field: str | None = None,
) -> None:
    """Seal `names` of every row of the model `label` ("app.model") and its file, if any."""
    names = list(names)
    model = apps.get_model(label)
    for row in model.objects.all().iterator():
        data_key = bytes(case_of(row).data_key)
        for name in names:
            plaintext = json.dumps(getattr(row, name), ensure_ascii=False).encode()
            setattr(row, f"{name}_sealed", seal(data_key, plaintext, f"{label.lower()}.{name}"))
        row.save(update_fields=[f"{name}_sealed" for name in names])
        stored = getattr(row, file_field).name if file_field else ""
        if stored and (Path(settings.UPLOAD_ROOT) / stored).is_file():
            seal_file_in_place(Path(settings.UPLOAD_ROOT) / stored, data_key)
