"""Signatures and follow-ups get a code that addresses name them by, instead of their sequential id.

Adding a unique field with a callable default gives every existing row the same value, so the codes are added
empty, filled one row at a time, then made unique and required."""

import uuid

from django.db import migrations, models


def fill_codes(apps, schema_editor):
    for name in ("Signature", "FollowUp"):
        model = apps.get_model("campaigns", name)
        for pk in model.objects.filter(code__isnull=True).values_list("pk", flat=True):
            model.objects.filter(pk=pk).update(code=uuid.uuid4())


class Migration(migrations.Migration):
    dependencies = [
        ("campaigns", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="followup",
            name="code",
            field=models.UUIDField(null=True, editable=False),
        ),
        migrations.AddField(
            model_name="signature",
            name="code",
            field=models.UUIDField(null=True, editable=False),
        ),
        migrations.RunPython(fill_codes, migrations.RunPython.noop, elidable=True),
        migrations.AlterField(
            model_name="followup",
            name="code",
            field=models.UUIDField(default=uuid.uuid4, editable=False, unique=True),
        ),
        migrations.AlterField(
            model_name="signature",
            name="code",
            field=models.UUIDField(default=uuid.uuid4, editable=False, unique=True),
        ),
    ]
