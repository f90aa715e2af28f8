"""Helpers the migrations share: written once here, imported by each migration that needs them."""

from django.db import migrations

from .persian import sort_key


def fill_name_order(app_label, *model_names):
    """A RunPython operation giving the stored rows of these models their Persian sort key (`name_order`, kept on
    every later save by network.models.PersianOrderedName)."""

    def fill(apps, schema_editor):
        for name in model_names:
            model = apps.get_model(app_label, name)
            rows = list(model.objects.only("pk", "name_fa"))
            for row in rows:
                row.name_order = sort_key(row.name_fa)
            model.objects.bulk_update(rows, ["name_order"], batch_size=500)

    return migrations.RunPython(fill, migrations.RunPython.noop)
