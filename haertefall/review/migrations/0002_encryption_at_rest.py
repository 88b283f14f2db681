"""Encryption at rest: comments sealed with the case key."""

from typing import Any

from django.db import migrations

import haertefall.cases.sealed
from haertefall.cases.migration_sealing import columns_after, columns_before, seal_rows


def seal_existing(apps: Any, schema_editor: Any) -> None:
    seal_rows(apps, "review.Comment", ["text"], lambda row: row.case)


class Migration(migrations.Migration):
    dependencies = [("cases", "0003_encryption_at_rest"), ("review", "0001_initial")]

    operations = [
        *columns_before("comment", ["text"]),
        migrations.RunPython(seal_existing, elidable=False),
        *columns_after(
            "comment", {"text": haertefall.cases.sealed.SealedJSONField(verbose_name="comment")}
        ),
    ]
