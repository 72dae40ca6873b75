from datetime import timedelta

from django.utils import timezone

from nestwell.accounts.models import Household, Membership, User
from nestwell.accounts.roles import Role
from nestwell.children.models import Child
from tests.conftest import PASSWORD


def sign_in(s, email):
    s.go("/login/")
    s.page.get_by_label("E-mail").fill(email)
    s.page.get_by_label("Password").fill(PASSWORD)
    s.page.get_by_role("button", name="Sign in").click()
    s.page.wait_for_url(lambda url: "/login/" not in url)


def signed_in_with_baby(s, name="Mila", role=Role.PARENT, email=None):
    household = Household.objects.create(name="Our family", time_zone="Europe/London")
    email = email or f"{name.lower()}-{s.viewport}-{role}@example.org"
    user = User.objects.create_user(email=email, password=PASSWORD, display_name="Jess")
    Membership.objects.create(user=user, household=household, role=role)
    child = Child.objects.create(household=household, name=name,
                                 birth_at=timezone.now() - timedelta(days=40))
    sign_in(s, email)
    return user, household, child
