"""Adoption evidence becomes a list of files: the one file an adoption held moves into it, then the field goes."""

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


def move_evidence(apps, schema_editor):
    Adoption = apps.get_model("meetings", "Adoption")
    AdoptionEvidence = apps.get_model("meetings", "AdoptionEvidence")
    for adoption in Adoption.objects.exclude(evidence=""):
        AdoptionEvidence.objects.create(adoption=adoption, file=adoption.evidence.name,
                                        name=adoption.evidence.name.rsplit("/", 1)[-1],
                                        uploaded=adoption.updated, uploaded_by_id=adoption.updated_by_id)


class Migration(migrations.Migration):

    dependencies = [
        ('meetings', '0004_verbose_names'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='AdoptionEvidence',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('file', models.FileField(upload_to='adoptions/%Y/', verbose_name='file')),
                ('name', models.CharField(max_length=200, verbose_name='file name')),
                ('size', models.PositiveIntegerField(default=0, verbose_name='size')),
                ('uploaded', models.DateTimeField(default=django.utils.timezone.now, verbose_name='uploaded')),
                ('adoption', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='evidence_files', to='meetings.adoption', verbose_name='adoption')),
                ('uploaded_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='uploaded by')),
            ],
            options={
                'verbose_name': 'adoption evidence',
                'verbose_name_plural': 'adoption evidence',
                'ordering': ['adoption', '-uploaded', '-id'],
            },
        ),
        migrations.RunPython(move_evidence, migrations.RunPython.noop),
        migrations.RemoveField(
            model_name='adoption',
            name='evidence',
        ),
    ]
