"""Every idea gets a tracking number; the ideas submitted before it get theirs here, one each (a unique field
cannot be added with one default for every existing row)."""

from django.db import migrations, models

import kalanshahr.ideas.models


def number_existing(apps, schema_editor):
    Idea = apps.get_model("ideas", "Idea")
    taken = set()
    for idea in Idea.objects.only("pk"):
        number = kalanshahr.ideas.models.new_tracking_number()
        while number in taken:
            number = kalanshahr.ideas.models.new_tracking_number()
        taken.add(number)
        Idea.objects.filter(pk=idea.pk).update(tracking_number=number)


class Migration(migrations.Migration):

    dependencies = [
        ("ideas", "0002_verbose_names"),
    ]

    operations = [
        migrations.AddField(
            model_name="idea",
            name="tracking_number",
            field=models.CharField(editable=False, max_length=9, null=True, verbose_name="tracking number"),
        ),
        migrations.RunPython(number_existing, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="idea",
            name="tracking_number",
            field=models.CharField(default=kalanshahr.ideas.models.new_tracking_number, editable=False, max_length=9,
                                   unique=True, verbose_name="tracking number"),
        ),
    ]
