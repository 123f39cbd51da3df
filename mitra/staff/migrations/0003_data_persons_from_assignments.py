"""A person for every foreign staff assignment recorded before persons existed (Biro KTLN's
after-the-fact records): one person per organization, name and nationality, each linked to
their assignments. Their passport and stay-permit numbers are unknown: the organization or
Biro KTLN records them on the person's page."""

from django.db import migrations


def link_persons(apps, schema_editor):
    Assignment = apps.get_model("permits", "ForeignStaffAssignment")
    Person = apps.get_model("staff", "ForeignStaffPerson")
    Link = apps.get_model("staff", "PersonAssignment")
    persons = {}
    for assignment in Assignment.objects.filter(person_link__isnull=True).order_by("start_date", "pk"):
        key = (assignment.organization_id, assignment.name.strip().casefold(), assignment.nationality.upper())
        person = persons.get(key)
        if person is None:
            person = Person.objects.create(
                name=assignment.name.strip(),
                nationality=assignment.nationality.upper(),
                organization_id=assignment.organization_id,
                created_by_id=assignment.created_by_id,
            )
            persons[key] = person
        Link.objects.create(person=person, assignment=assignment)


class Migration(migrations.Migration):
    dependencies = [("staff", "0002_data_deadline_rules")]

    operations = [migrations.RunPython(link_persons, migrations.RunPython.noop)]
