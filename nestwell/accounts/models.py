import hashlib
import logging
import secrets
import weakref
import zoneinfo

from django.conf import settings
from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _

from nestwell.accounts.roles import Role
from nestwell.lib import prepared, statements

logger = logging.getLogger(__name__)


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create(self, email, password, **extra):
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra):
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create(email, password, **extra)

    def create_superuser(self, email, password=None, **extra):
        extra.update(is_staff=True, is_superuser=True)
        return self._create(email, password, **extra)


VOLUME_CHOICES = [("ml", _("ml")), ("oz", _("fl oz"))]
WEIGHT_CHOICES = [("metric", _("kg and cm")), ("imperial", _("lb, oz and inches"))]
CLOCK_CHOICES = [("24", _("24-hour (14:30)")), ("12", _("12-hour (2:30 PM)"))]
TEMPERATURE_CHOICES = [("C", _("°C")), ("F", _("°F"))]
WEEK_START_CHOICES = [("0", _("Monday")), ("6", _("Sunday")), ("5", _("Saturday"))]


class User(AbstractUser):
    """A person who signs in with an e-mail address."""

    username = None
    first_name = None
    last_name = None
    email = models.EmailField(_("e-mail address"), unique=True)
    display_name = models.CharField(_("your name"), max_length=60)
    # Her language on every screen; empty: as her browser or phone is set.
    language = models.CharField(_("language"), max_length=10, blank=True, default="")
    # How she reads amounts, weights, times and weeks; empty: as usual where the household
    # lives (nestwell/accounts/measures.py).
    volume_unit = models.CharField(_("bottle amounts in"), max_length=3, blank=True,
                                   default="", choices=VOLUME_CHOICES)
    weight_unit = models.CharField(_("weights and lengths in"), max_length=8, blank=True,
                                   default="", choices=WEIGHT_CHOICES)
    clock = models.CharField(_("clock"), max_length=2, blank=True, default="",
                             choices=CLOCK_CHOICES)
    week_start = models.CharField(_("first day of the week"), max_length=1, blank=True,
                                  default="", choices=WEEK_START_CHOICES)
    temperature_unit = models.CharField(_("temperatures in"), max_length=1, blank=True,
                                        default="", choices=TEMPERATURE_CHOICES)
    # How many times she signed out everywhere else: each time, every other session's
    # stamp no longer matches (``get_session_auth_hash``), as after a new password.
    sessions_ended = models.PositiveIntegerField(default=0, editable=False)

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = ["display_name"]
    objects = UserManager()

    def __str__(self):
        return self.display_name or self.email

    def get_short_name(self):
        return self.display_name

    def _get_session_auth_hash(self, secret=None):
        """Django's stamp of her password, kept in each session (and made with each older
        secret key); once she has signed out everywhere else, the count of times she did
        is in it too. Until then it is Django's own, so no one was signed out when this
        came in."""
        if not self.sessions_ended:
            return super()._get_session_auth_hash(secret=secret)
        return salted_hmac("nestwell.accounts.User.get_session_auth_hash",
                           f"{self.password}:{self.sessions_ended}", secret=secret,
                           algorithm="sha256").hexdigest()

    def save(self, *args, **kwargs):
        # ``set_password`` leaves the new raw password on ``_password`` until the save: a
        # change or reset of the password (web, command line, admin) ends every API token,
        # as it ends every other session.
        password_changed = self._password is not None and self.pk is not None
        super().save(*args, **kwargs)
        if password_changed:
            ApiToken.objects.filter(user=self, revoked_at__isnull=True).update(
                revoked_at=timezone.now())


def validate_time_zone(value):
    if value not in zoneinfo.available_timezones():
        raise ValidationError(_("%(value)s is not a time zone we know."), params={"value": value})


def validate_locale(value):
    if value not in dict(settings.LANGUAGES):
        raise ValidationError(_("That language is not available yet."))


class Household(models.Model):
    """The unit of privacy: everything a family logs belongs to one household."""

    name = models.CharField(_("household name"), max_length=80)
    time_zone = models.CharField(
        _("time zone"), max_length=64, default="UTC", validators=[validate_time_zone]
    )
    locale = models.CharField(
        _("language"), max_length=10, default="en", validators=[validate_locale]
    )
    country = models.CharField(
        _("country"), max_length=2, blank=True,
        help_text=_("Used to show the right support numbers. Guessed from the time zone."),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return self.name

    @property
    def tz(self) -> zoneinfo.ZoneInfo:
        """The household's zone. One the machine does not know (typed by hand at the
        command line, or gone from a newer tzdata) reads as UTC, with a warning in the
        log: every page of the household, its support page first, had failed with it."""
        try:
            return zoneinfo.ZoneInfo(self.time_zone)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            logger.warning("Household %s has an unknown time zone %r; using UTC.", self.pk,
                           self.time_zone)
            return zoneinfo.ZoneInfo("UTC")


class MembershipQuerySet(models.QuerySet):
    def by_seniority(self):
        """Earliest first: the person who made the household comes first."""
        return self.order_by("created_at", "pk")


class Membership(models.Model):
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships")
    household = models.ForeignKey(Household, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(_("role"), max_length=16, choices=Role.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "household"],
                                    name="one_membership_per_household")
        ]
        ordering = ["created_at"]

    def __str__(self):
        return f"{self.user} in {self.household} ({self.role})"

    def joined_before(self, other):
        return (self.created_at, self.pk) < (other.created_at, other.pk)


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class InvitationQuerySet(models.QuerySet):
    def usable(self):
        return self.filter(accepted_at__isnull=True, revoked_at__isnull=True,
                           expires_at__gt=timezone.now())


class Invitation(models.Model):
    """A one-time, expiring link that lets someone join a household with a role.

    Only a hash of the token is stored; the link is shown once, to the inviter.
    """

    household = models.ForeignKey(Household, on_delete=models.CASCADE, related_name="invitations")
    role = models.CharField(_("role"), max_length=16, choices=[
        (Role.CAREGIVER, Role.CAREGIVER.label), (Role.VIEWER, Role.VIEWER.label),
        (Role.PARENT, Role.PARENT.label),
    ])
    label = models.CharField(_("who is it for"), max_length=60, blank=True)
    token_hash = models.CharField(max_length=64, unique=True)
    created_by = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    revoked_at = models.DateTimeField(null=True, blank=True)

    objects = InvitationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.get_role_display()} invitation to {self.household}"

    @classmethod
    def issue(cls, household, role, created_by, label=""):
        """Create an invitation; returns it with the plain token on ``.token`` (once)."""
        token = secrets.token_urlsafe(32)
        invitation = cls.objects.create(
            household=household, role=role, label=label, created_by=created_by,
            token_hash=hash_token(token),
            expires_at=timezone.now() + settings.INVITATION_TTL,
        )
        invitation.token = token
        return invitation

    @property
    def is_usable(self):
        return (self.accepted_at is None and self.revoked_at is None
                and self.expires_at > timezone.now())


class AuditEvent(models.Model):
    """A record that someone read another person's sensitive data (check-ins,
    screenings), or that such data was shared or unshared."""

    household = models.ForeignKey(Household, on_delete=models.CASCADE, related_name="+")
    actor = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, related_name="+")
    subject = models.ForeignKey(User, on_delete=models.CASCADE, related_name="audit_events")
    action = models.CharField(max_length=40)
    detail = models.CharField(max_length=200, blank=True)
    at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-at"]

    def __str__(self):
        return f"{self.actor} {self.action} {self.subject} at {self.at:%Y-%m-%d %H:%M}"


class ApiToken(models.Model):
    """A personal key for the API and scripts, tied to one person in one household.

    Only a hash is stored; the token is shown once when it is made. It acts with the
    person's current role in that household, so a role change applies at once.
    """

    PREFIX = "nw_"

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    household = models.ForeignKey(Household, on_delete=models.CASCADE, related_name="+")
    name = models.CharField(_("name"), max_length=60)
    token_hash = models.CharField(max_length=64, unique=True)
    hint = models.CharField(max_length=12)  # the first characters, to recognise it by
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)


    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.name} ({self.hint}…)"

    @classmethod
    def issue(cls, user, household, name):
        """Make a token; returns it with the plain value on ``.token`` (shown once)."""
        token = cls.PREFIX + secrets.token_urlsafe(32)
        made = cls.objects.create(user=user, household=household, name=name.strip(),
                                  token_hash=hash_token(token), hint=token[:8])
        made.token = token
        return made

    @classmethod
    def membership_for(cls, token):
        """What an API call with this token acts as, in one query: the membership of the
        token's person in the token's household (with ``user`` and ``household`` loaded),
        or None. The token must be active (not revoked), its person active, and she must
        still belong to the household. The token itself comes along as ``token_id``
        and ``token_last_used_at``."""
        if not token or not token.startswith(cls.PREFIX) or len(token) > 100:
            return None
        return _token_lookup(hash_token(token))


def _token_sql(connection):
    """One statement for the token, its person, her membership and its household (the
    ORM took longer to build it than the database to answer: 40 % of a quick-log call).
    Names from the models' own metadata; the hash is a parameter."""
    quote = connection.ops.quote_name
    parts = {"m": Membership, "u": User, "h": Household}
    columns = [c for alias, model in parts.items()
               for c in prepared.columns(connection, model, alias)]
    table = {alias: quote(model._meta.db_table) for alias, model in
             {**parts, "t": ApiToken}.items()}
    c = {name: quote(name) for name in ("id", "user_id", "household_id", "token_hash",
                                        "revoked_at", "is_active", "last_used_at")}
    # Only quoted names from the models go into the text.
    return (
        f"SELECT {', '.join(columns)}, t.{c['id']}, t.{c['last_used_at']} "  # noqa: S608
        f"FROM {table['t']} t "
        f"JOIN {table['u']} u ON u.{c['id']} = t.{c['user_id']} "
        f"JOIN {table['m']} m ON m.{c['user_id']} = t.{c['user_id']} "
        f"AND m.{c['household_id']} = t.{c['household_id']} "
        f"JOIN {table['h']} h ON h.{c['id']} = m.{c['household_id']} "
        f"WHERE t.{c['token_hash']} = %s AND t.{c['revoked_at']} IS NULL "
        f"AND u.{c['is_active']} = %s")


_prepared = weakref.WeakKeyDictionary()  # per database connection: the SQL and converters


def _prepare(connection):
    """The statement and the loaders of its models (``lib.prepared``: the value converters
    Django applies when it reads them, times on SQLite for one)."""
    plan = _prepared.get(connection)
    if plan is None:
        token_time = ApiToken._meta.get_field("last_used_at").get_col(ApiToken._meta.db_table)
        plan = (_token_sql(connection),
                [prepared.loader(connection, model) for model in (Membership, User, Household)],
                (token_time, connection.ops.get_db_converters(token_time)
                 + token_time.get_db_converters(connection)))
        _prepared[connection] = plan
    return plan


def _token_lookup(token_hash):
    from django.db import connections, router

    connection = connections[router.db_for_read(Membership)]
    sql, loaders, (token_time, time_converters) = _prepare(connection)
    with statements.cursor(connection) as cursor:
        cursor.execute(sql, [token_hash, True])
        row = cursor.fetchone()
    if row is None:
        return None
    made, at = [], 0
    for load in loaders:
        instance, at = prepared.build(connection, load, row, at)
        made.append(instance)
    membership, user, household = made
    membership.user, membership.household = user, household
    membership.token_id = row[at]
    membership.token_last_used_at = prepared.convert(connection, token_time,
                                                     time_converters, row[at + 1])
    return membership


class SubmittedForm(models.Model):
    """A create form already saved, by the key it carried: the same form sent again (Back
    and re-save, a double tap, a retry on a slow line) leads to what was made the first
    time instead of making it twice. Kept a few days; see ``accounts.idempotency``."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="+")
    key = models.CharField(max_length=36)
    result_url = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "key"],
                                               name="one_submission_per_key")]
        indexes = [models.Index(fields=["created_at"], name="submitted_form_age")]

    def __str__(self):
        return f"{self.key} by {self.user_id}"
