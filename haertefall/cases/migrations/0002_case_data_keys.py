"""Encryption at rest, first step: a data key for every case.

A migration of its own, so the keys are committed before 0003 seals a single file with them:
if sealing stops half-way, the files it sealed still open with keys that exist, and a second
run carries on (files already sealed are left alone).
"""

from typing import Any

from django.db import migrations, models

import haertefall.cases.crypto


def give_every_case_a_key(apps: Any, schema_editor: Any) -> None:
    case_model = apps.get_model("cases", "Case")
    for case in case_model.objects.filter(data_key__isnull=True).iterator():
        case.data_key = haertefall.cases.crypto.new_case_key()
        case.save(update_fields=["data_key"])


class Migration(migrations.Migration):
    dependencies = [("cases", "0001_initial")]

    operations = [
        migrations.AddField("case", "data_key", models.BinaryField(editable=False, null=True)),
        migrations.RunPython(give_every_case_a_key, elidable=False),
        migrations.AlterField(
            "case",
            "data_key",
            models.BinaryField(default=haertefall.cases.crypto.new_case_key, editable=False),
        ),
    ]
