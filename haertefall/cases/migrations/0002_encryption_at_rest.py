"""Encryption at rest: a data key per case; answers, file names and files sealed with it."""

from typing import Any

from django.db import migrations, models

import haertefall.cases.crypto
import haertefall.cases.sealed
from haertefall.cases.migration_sealing import columns_after, columns_before, seal_rows


def give_every_case_a_key(apps: Any, schema_editor: Any) -> None:
    case_model = apps.get_model("cases", "Case")
    for case in case_model.objects.filter(data_key__isnull=True).iterator():
        case.data_key = haertefall.cases.crypto.new_case_key()
        case.save(update_fields=["data_key"])


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
    dependencies = [("cases", "0001_initial")]

    operations = [
        migrations.AddField(
            "case", "data_key", models.BinaryField(editable=False, null=True)
        ),
        migrations.RunPython(give_every_case_a_key, elidable=False),
        migrations.AlterField(
            "case",
            "data_key",
            models.BinaryField(default=haertefall.cases.crypto.new_case_key, editable=False),
        ),
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
