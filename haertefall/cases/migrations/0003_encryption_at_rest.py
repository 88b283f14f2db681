"""Encryption at rest, second step: answers, file names and files sealed with the case keys
that 0002 gave every case."""

from typing import Any

from django.db import migrations, models

import haertefall.cases.crypto
import haertefall.cases.sealed
from haertefall.cases.migration_sealing import columns_after, columns_before, seal_rows


def seal_existing(apps: Any, schema_editor: Any) -> None:
    seal_rows(apps, "cases.CaseRevision", ["document"], lambda row: row.case)
    seal_rows(
        apps,
        "cases.StoredFile",
        ["original_name", "case_path"],
        lambda row: row.case,
        file_field="file",
    )
    for stored in apps.get_model("cases", "StoredFile").objects.select_related("case"):
        data_key = haertefall.cases.crypto.unwrap_case_key(bytes(stored.case.data_key))
        stored.path_digest = haertefall.cases.crypto.keyed_digest(
            data_key, "case_path", stored.case_path
        )
        stored.save(update_fields=["path_digest"])


class Migration(migrations.Migration):
    dependencies = [("cases", "0002_case_data_keys")]

    operations = [
        *columns_before("caserevision", ["document"]),
        *columns_before("storedfile", ["original_name", "case_path"]),
        migrations.AddField(
            "storedfile",
            "path_digest",
            models.CharField(default="", editable=False, max_length=64),
            preserve_default=False,
        ),
        migrations.RemoveConstraint("storedfile", "unique_case_path"),
        migrations.AlterModelOptions(
            "storedfile",
            {
                "ordering": ["case", "created", "id"],
                "verbose_name": "stored file",
                "verbose_name_plural": "stored files",
            },
        ),
        migrations.RunPython(seal_existing, elidable=False),
        *columns_after(
            "caserevision",
            {"document": haertefall.cases.sealed.SealedJSONField(verbose_name="document")},
        ),
        *columns_after(
            "storedfile",
            {
                "original_name": haertefall.cases.sealed.SealedJSONField(
                    empty=str, verbose_name="original name"
                ),
                "case_path": haertefall.cases.sealed.SealedJSONField(
                    verbose_name="path in the case"
                ),
            },
        ),
        migrations.AddConstraint(
            "storedfile",
            models.UniqueConstraint(fields=("case", "path_digest"), name="unique_case_path"),
        ),
    ]
