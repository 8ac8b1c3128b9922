"""People get a stored name key (sorting, duplicates) and search key (accent- and case-free search),
filled here for the people already stored; Person.save() keeps them up to date afterwards."""

from django.db import migrations, models

from accounts.text import folded


def fill_keys(apps, schema_editor):
    Person = apps.get_model("meetings", "Person")
    people = list(Person.objects.all())
    for person in people:
        person.name_key = folded(f"{person.family_name} {person.given_name}")[:210]
        person.search_key = folded(
            " ".join((person.given_name, person.family_name, person.position))
        )
    Person.objects.bulk_update(people, ["name_key", "search_key"], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [
        ("meetings", "0009_person_withheld_at"),
    ]

    operations = [
        migrations.AlterModelOptions(
            name="person",
            options={
                "ordering": ["name_key", "pk"],
                "verbose_name": "person",
                "verbose_name_plural": "people",
            },
        ),
        migrations.AddField(
            model_name="person",
            name="name_key",
            field=models.CharField(
                blank=True,
                db_index=True,
                editable=False,
                max_length=210,
                verbose_name="name, as sorted",
            ),
        ),
        migrations.AddField(
            model_name="person",
            name="search_key",
            field=models.TextField(blank=True, editable=False, verbose_name="search key"),
        ),
        migrations.RunPython(fill_keys, migrations.RunPython.noop, elidable=True),
    ]
