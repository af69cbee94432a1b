"""Compute the comparison keys of the names already stored (members.names), so that look-alike names are found
among existing organisations too, including names saved with invisible characters before forms refused them."""

from django.db import migrations

from members.names import comparison_keys

NAME_FIELDS = ("name_ar", "name_ku", "name_syr", "name_en")


def fill(apps, schema_editor):
    Organisation = apps.get_model("members", "Organisation")
    for organisation in Organisation.objects.all().only("pk", *NAME_FIELDS):
        keys = sorted({key for field in NAME_FIELDS for key in comparison_keys(getattr(organisation, field) or "")})
        name_keys = "\n" + "\n".join(keys) + "\n" if keys else ""
        Organisation.objects.filter(pk=organisation.pk).update(name_keys=name_keys)


class Migration(migrations.Migration):
    dependencies = [("members", "0005_name_keys_name_changes_invitations")]

    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]
