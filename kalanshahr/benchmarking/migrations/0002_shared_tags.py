from django.db import migrations, models


def move_tags(apps, schema_editor):
    """Every experience keeps its tags, now rows of network.Tag found or made by name."""
    Experience = apps.get_model("benchmarking", "Experience")
    OldTag = apps.get_model("benchmarking", "Tag")
    SharedTag = apps.get_model("network", "Tag")
    shared = {tag.pk: SharedTag.objects.get_or_create(name=tag.name)[0].pk for tag in OldTag.objects.all()}
    Through = Experience.shared_tags.through
    Through.objects.bulk_create(
        Through(experience_id=row["experience_id"], tag_id=shared[row["tag_id"]])
        for row in Experience.tags.through.objects.values("experience_id", "tag_id")
    )


def keep_names_apart(apps, schema_editor):
    raise RuntimeError("Tags are shared from network 0007 on; this migration is not reversed.")


class Migration(migrations.Migration):
    """The benchmarking tags become network.Tag: add the new relation, copy each experience's tags by name, drop the old
    relation and model, and give the new relation the old name and table."""

    dependencies = [("benchmarking", "0001_initial"), ("network", "0007_tag")]

    operations = [
        migrations.AddField(
            model_name="experience", name="shared_tags",
            field=models.ManyToManyField(blank=True, related_name="+", to="network.tag"),
        ),
        migrations.RunPython(move_tags, keep_names_apart),
        migrations.RemoveField(model_name="experience", name="tags"),
        migrations.DeleteModel(name="Tag"),
        migrations.RenameField(model_name="experience", old_name="shared_tags", new_name="tags"),
        migrations.AlterField(
            model_name="experience", name="tags",
            field=models.ManyToManyField(blank=True, related_name="experiences", to="network.tag", verbose_name="tags"),
        ),
    ]
