"""Encryption at rest: package details and package files sealed with the case key."""

from typing import Any

from django.db import migrations

import haertefall.cases.sealed
from haertefall.cases.migration_sealing import columns_after, columns_before, seal_rows

PACKAGE = ["download_name", "parts", "notices"]
EMAIL_PART = ["download_name", "subject", "body", "anlagen"]


def seal_existing(apps: Any, schema_editor: Any) -> None:
    seal_rows(apps, "packages.BuiltPackage", PACKAGE, lambda row: row.case, file_field="file")
    seal_rows(
        apps, "packages.EmailPart", EMAIL_PART, lambda row: row.package.case, file_field="file"
    )


def sealed(verbose_name: str, **kwargs: Any) -> haertefall.cases.sealed.SealedJSONField:
    return haertefall.cases.sealed.SealedJSONField(verbose_name=verbose_name, **kwargs)


class Migration(migrations.Migration):
    dependencies = [("cases", "0003_encryption_at_rest"), ("packages", "0001_initial")]

    operations = [
        *columns_before("builtpackage", PACKAGE),
        *columns_before("emailpart", EMAIL_PART),
        migrations.RunPython(seal_existing, elidable=False),
        *columns_after(
            "builtpackage",
            {
                "download_name": sealed("file name"),
                "parts": sealed("parts", empty=list),
                "notices": sealed("notices", empty=list),
            },
        ),
        *columns_after(
            "emailpart",
            {
                "download_name": sealed("file name", case_via="package.case"),
                "subject": sealed("subject", case_via="package.case"),
                "body": sealed("text", case_via="package.case"),
                "anlagen": sealed("Anlagen", case_via="package.case", empty=list),
            },
        ),
    ]
