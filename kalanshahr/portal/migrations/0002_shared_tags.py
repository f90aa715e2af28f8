from django.db import migrations, models


def move_tags(apps, schema_editor):
    """Every news keeps its tags, now rows of network.Tag found or made by name."""
    News = apps.get_model("portal", "News")
    OldTag = apps.get_model("portal", "Tag")
    SharedTag = apps.get_model("network", "Tag")
    shared = {tag.pk: SharedTag.objects.get_or_create(name=tag.name)[0].pk for tag in OldTag.objects.all()}
    Through = News.shared_tags.through
    Through.objects.bulk_create(
        Through(news_id=row["news_id"], tag_id=shared[row["tag_id"]])
        for row in News.tags.through.objects.values("news_id", "tag_id")
    )


def keep_names_apart(apps, schema_editor):
    raise RuntimeError("Tags are shared from network 0007 on; this migration is not reversed.")


class Migration(migrations.Migration):
    """The portal tags become network.Tag: add the new relation, copy each news's tags by name, drop the old
    relation and model, and give the new relation the old name and table."""

    dependencies = [("portal", "0001_initial"), ("network", "0007_tag")]

    operations = [
        migrations.AddField(
            model_name="news", name="shared_tags",
            field=models.ManyToManyField(blank=True, related_name="+", to="network.tag"),
        ),
        migrations.RunPython(move_tags, keep_names_apart),
        migrations.RemoveField(model_name="news", name="tags"),
        migrations.DeleteModel(name="Tag"),
        migrations.RenameField(model_name="news", old_name="shared_tags", new_name="tags"),
        migrations.AlterField(
            model_name="news", name="tags",
            field=models.ManyToManyField(blank=True, related_name="news", to="network.tag", verbose_name="tags"),
        ),
    ]
