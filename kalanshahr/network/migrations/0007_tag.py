from django.db import migrations, models


class Migration(migrations.Migration):
    """One tag table for every app that tags things; benchmarking and portal move their tags here (their 0002)."""

    dependencies = [("network", "0006_dataversion_rows")]

    operations = [
        migrations.CreateModel(
            name="Tag",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("name", models.CharField(max_length=60, unique=True, verbose_name="name")),
            ],
            options={"ordering": ["name"]},
        ),
    ]
