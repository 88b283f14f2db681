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
        apps, "cases.StoredFile", ["original_name"], lambda row: row.case, file_field="file"
    )


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
        *columns_before("storedfile", ["original_name"]),
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
                )
            },
        ),
    ]
