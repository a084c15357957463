import getpass

from django.contrib.auth import get_user_model, password_validation
from django.contrib.auth.models import Group, Permission
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from companies.roles import DESK, EDITORS, VIEWERS, roles_apply

ROLE_NAMES = {"editor": EDITORS, "desk": DESK, "viewer": VIEWERS}


class Command(BaseCommand):
    help = (
        "Create a staff account in one of the roles: editor (Ministry editors), desk "
        "(Registration desk) or viewer (Ministry viewers). The password is asked for."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("email")
        parser.add_argument("role", choices=sorted(ROLE_NAMES))

    def handle(self, *args, username, email, role, **options):
        User = get_user_model()  # noqa: N806 - Django's idiom
        if User.objects.filter(username=username).exists():
            raise CommandError(f"A user called {username!r} already exists.")
        roles_apply(Group, Permission)
        user = User(username=username, email=email, is_staff=True)
        password = self._ask_password(user)
        user.set_password(password)
        user.save()
        user.groups.add(Group.objects.get(name=ROLE_NAMES[role]))
        self.stdout.write(
            self.style.SUCCESS(f"{username} can now log in at /admin/ as {ROLE_NAMES[role]}.")
        )

    def _ask_password(self, user) -> str:
        for _attempt in range(3):
            password = getpass.getpass("Password: ")
            if password != getpass.getpass("Password (again): "):
                self.stderr.write("The two passwords differ.")
                continue
            try:
                password_validation.validate_password(password, user)
            except ValidationError as error:
                self.stderr.write(" ".join(error.messages))
                continue
            return password
        raise CommandError("No valid password given.")
