# Mandate (a seat in a body, held for an organisation) moves to the members app so that coalition needs nothing
# from members. Only Django's idea of the model moves: the table stays "coalition_mandate" (members 0004 takes it).

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('coalition', '0002_initial'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name='Mandate')],
            database_operations=[],
        ),
    ]
