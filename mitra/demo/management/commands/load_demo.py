"""Load the demo data (canonical story, spread, users). Safe to run again: nothing duplicates."""

from django.core.management.base import BaseCommand
from django.db import transaction

from mitra.accounts.models import User
from mitra.deadlines.services import reminders_send
from mitra.demo.canonical import load_canonical
from mitra.demo.spread import load_spread
from mitra.demo.users import DEMO_PASSWORD, ensure_demo_users, government_usernames
from mitra.iati.demo import load_iati_demo
from mitra.risk.services import risk_indicators_refresh
from mitra.sanctions.demo import load_ford_warning_demo, load_sanctions_demo
from mitra.staff.demo import load_staff_demo
from mitra.workplans.demo import acknowledge_demo_notices


class Command(BaseCommand):
    help = "Load the canonical story of 4 April 2024, a spread of other records and demo users."

    def handle(self, *args: object, **options: object) -> None:
        with transaction.atomic():
            # The operator and the government users first (they need only the reference
            # data): the member agencies' officers give their own opinions in the permits
            # demo, Biro KTLN clears UCLG ASPAC for the working group.
            ensure_demo_users(only=government_usernames())
            actor = User.objects.get(username="operator")
            load_canonical(actor)
            spread = load_spread(actor)
            load_sanctions_demo(actor)  # after the spread: the case is against Rikolto
            load_ford_warning_demo(actor)  # a written warning Ford can answer (issue 15 §3)
            load_staff_demo(actor)  # Ford's three foreign staff, the cap (issue 15 §2)
            load_iati_demo(actor)  # Ford's US-EIN identifier for the IATI demo file (issue 17)
            users = ensure_demo_users()  # then the organizations' representatives
            # After the users: acknowledgements by Kemendagri and Jateng, and what is due today
            # (reminders, overdue notices, opened windows) reaches the demo users' bells.
            acknowledge_demo_notices()
            reminders_send()
            risk_indicators_refresh()  # the supervisor's risk list, as the daily job would
        self.stdout.write(f"Demo data ready ({spread} agreements in the spread).")
        self.stdout.write(f"Demo logins (password for all: {DEMO_PASSWORD}):")
        for username, role, where in users:
            self.stdout.write(f"  {username:<18} {role:<40} {where}")
