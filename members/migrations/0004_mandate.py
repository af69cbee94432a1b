# Mandate moves here from the coalition app (see coalition 0003): the model is declared in the state only, on the
# existing table "coalition_mandate", so no row moves. Its content type follows it, keeping its permissions.

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def move_content_type(apps, schema_editor, old='coalition', new='members'):
    ContentType = apps.get_model('contenttypes', 'ContentType')
    db = schema_editor.connection.alias
    if not ContentType.objects.using(db).filter(app_label=new, model='mandate').exists():
        ContentType.objects.using(db).filter(app_label=old, model='mandate').update(app_label=new)


def move_content_type_back(apps, schema_editor):
    move_content_type(apps, schema_editor, old='members', new='coalition')


class Migration(migrations.Migration):

    dependencies = [
        ('coalition', '0003_move_mandate_to_members'),
        ('contenttypes', '0002_remove_content_type_name'),
        ('members', '0003_organisation_iati_identifier'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='Mandate',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('role', models.CharField(choices=[('chair', 'Chair'), ('deputy', 'Deputy chair'), ('secretary', 'Secretary'), ('member', 'Member')], default='member', max_length=16)),
                        ('starts_on', models.DateField()),
                        ('ends_on', models.DateField(blank=True, null=True)),
                        ('end_reason', models.CharField(blank=True, max_length=300)),
                        ('show_person_publicly', models.BooleanField(default=False)),
                        ('created_at', models.DateTimeField(auto_now_add=True)),
                        ('body', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='mandates', to='coalition.body')),
                        ('organisation', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='mandates', to='members.organisation')),
                        ('person', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='mandates', to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        'db_table': 'coalition_mandate',
                        'ordering': ['body', 'starts_on'],
                        'constraints': [
                            models.CheckConstraint(condition=models.Q(('ends_on__isnull', True), ('ends_on__gte', models.F('starts_on')), _connector='OR'), name='mandate_ends_after_start'),
                        ],
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(move_content_type, move_content_type_back, elidable=True),
    ]
