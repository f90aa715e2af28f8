from django.db import migrations, models


def rank_again_with_gains(apps, schema_editor):
    # The gains of the values ranked before the column existed; later changes keep them (standings.py).
    from kalanshahr.benchmarking import standings

    standings.rebuild()


class Migration(migrations.Migration):

    dependencies = [
        ('benchmarking', '0006_standings'),
    ]

    operations = [
        migrations.AddField(
            model_name='standing',
            name='gain',
            field=models.DecimalField(decimal_places=4, max_digits=20, null=True),
        ),
        migrations.AddField(
            model_name='standingsummary',
            name='best_gain',
            field=models.DecimalField(decimal_places=4, max_digits=20, null=True),
        ),
        migrations.AddIndex(
            model_name='standing',
            index=models.Index(fields=['indicator', 'period', 'gain'], name='standing_gain'),
        ),
        migrations.RunPython(rank_again_with_gains, migrations.RunPython.noop),
    ]
