from django.db import migrations

APPS = ["network", "meetings", "strategy", "benchmarking", "ideas", "portal"]


def create_rows(apps, schema_editor):
    DataVersion = apps.get_model("network", "DataVersion")
    DataVersion.objects.bulk_create([DataVersion(app=app) for app in APPS], ignore_conflicts=True)


class Migration(migrations.Migration):
    """One counter per app from the start, so that the first change of an app bumps a row that exists."""

    dependencies = [("network", "0005_dataversion")]

    operations = [migrations.RunPython(create_rows, migrations.RunPython.noop)]
