"""The mother's own space: private by default, shared only when she chooses."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from nestwell.accounts.models import Household
from nestwell.wellbeing.harm_words import mentions_harm

SCALE = [MinValueValidator(1), MaxValueValidator(5)]

# The words for 1 to 5 on each check-in scale: she answers in words and sees words back.
SCALES = {
    # The same English word means different things on different scales ("Some" energy,
    # "Some" stress): each scale's words carry its name as context for translators.
    "mood": [_("Very low"), pgettext_lazy("mood", "Low"), _("Okay"),
             pgettext_lazy("mood", "Good"), _("Very good")],
    "connection": [_("Far away"), pgettext_lazy("closeness", "A little"), _("Somewhat"),
                   pgettext_lazy("closeness", "Close"), _("Very close")],
    "energy": [_("Empty"), pgettext_lazy("energy", "Low"), pgettext_lazy("energy", "Some"),
               pgettext_lazy("energy", "Good"), _("Plenty")],
    "stress": [_("Calm"), pgettext_lazy("stress", "A little"), pgettext_lazy("stress", "Some"),
               _("A lot"), _("Overwhelmed")],
    "support": [_("Alone"), _("A little"), _("Somewhat"), _("Well"), _("Very well")],
}


class Safety(models.TextChoices):
    SAFE = "safe", _("Yes, I feel safe")
    UNSURE = "unsure", _("I'm not sure")
    NOT_SAFE = "not_safe", _("No")


class CheckInKind(models.TextChoices):
    FULL = "full", _("Full check-in")
    # Four taps and the safety question: a partner's (or anyone's) quick word with
    # themselves. Energy and stress are not asked, so they stay empty.
    SHORT = "short", _("Short check-in")


class CheckIn(models.Model):
    # Her own: when the household is deleted (or she leaves it) this stays hers, reachable
    # on her account page, until she deletes it herself.
    household = models.ForeignKey(Household, on_delete=models.SET_NULL, null=True,
                                  blank=True, related_name="+")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                               related_name="checkins")
    created_at = models.DateTimeField(default=timezone.now)
    kind = models.CharField(_("kind"), max_length=8, choices=CheckInKind.choices,
                            default=CheckInKind.FULL)
    mood = models.PositiveSmallIntegerField(_("mood"), validators=SCALE)
    # Empty when it was not asked: every baby of the household had died (asks_closeness).
    connection = models.PositiveSmallIntegerField(_("connection with your baby"),
                                                  validators=SCALE, null=True, blank=True)
    sleep_hours = models.DecimalField(_("hours of sleep"), max_digits=3, decimal_places=1,
                                      null=True, blank=True,
                                      validators=[MinValueValidator(0),
                                                  MaxValueValidator(24)])
    energy = models.PositiveSmallIntegerField(_("energy"), validators=SCALE, null=True,
                                              blank=True)
    stress = models.PositiveSmallIntegerField(_("stress"), validators=SCALE, null=True,
                                              blank=True)
    support = models.PositiveSmallIntegerField(_("support"), validators=SCALE)
    safety = models.CharField(_("feeling safe"), max_length=10, choices=Safety.choices)
    note = models.TextField(_("note"), max_length=2000, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["author", "created_at"], name="checkin_author_time")]

    def __str__(self):
        return f"Check-in by {self.author_id} at {self.created_at:%Y-%m-%d %H:%M}"

    # The household's babies' names, set by whoever saves or shows a check-in and has read
    # them (one query, never one a row): a note may call the baby by name ("I'm scared I'll
    # hurt Cian").
    baby_names = ()

    @property
    def needs_support(self):
        return signals_risk(self.kind, {"safety": self.safety, "mood": self.mood,
                                        "note": self.note}, self.baby_names)

    @property
    def heavy(self):
        """A hard time said in other words than the safety question: a very low mood, or
        feeling alone while overwhelmed. Her own page then offers who she can reach (she
        said she is safe, so it offers; it does not send her there)."""
        return self.mood == VERY_LOW_MOOD or (self.stress == OVERWHELMED
                                              and self.support == ALONE)

    @property
    def tiring(self):
        """A hard stretch short of ``heavy``: a low mood, or a lot of stress with little
        support (Sophie: low, empty, a lot, a little, safe, and only "thank you"). Her page
        answers it gently, with small things and who would want to know if it goes on."""
        if self.heavy or self.needs_support:
            return False
        return self.mood == LOW_MOOD or ((self.stress or 0) >= A_LOT
                                         and (self.support or 99) <= A_LITTLE)

    def word(self, scale):
        value = getattr(self, scale)
        return SCALES[scale][value - 1] if value else ""

    @property
    def words(self):
        return {name: self.word(name) for name in SCALES}


def asks_closeness(household) -> bool:
    """Whether her check-in asks how close she feels to her baby: yes, unless every baby of
    the household has died (one query). With a living twin, or a new pregnancy, it asks."""
    died = list(household.children.values_list("died_on", flat=True))
    return not died or any(day is None for day in died)


VERY_LOW_MOOD = 1
OVERWHELMED = 5
ALONE = 1
LOW_MOOD, A_LOT, A_LITTLE = 2, 4, 2


def signals_risk(kind, answers, names=()) -> bool:
    """True when answers (as entered or saved) call for the support page at once: a safety
    answer other than "safe", in the short check-in, which asks less, a very low mood, and
    in either, a note that speaks of ending her life, of self-harm or of harming the baby
    (she may answer "safe" and write what the question did not reach), the baby called by
    one of ``names`` too."""
    # As sent by hand too: "NOT_SAFE", "not safe", "not-safe" (refused as a value, still
    # heard as what it says).
    safety = "_".join(str(answers.get("safety", "")).lower().replace("-", " ").split())
    if safety in (Safety.UNSURE, Safety.NOT_SAFE):
        return True
    if kind == CheckInKind.SHORT and str(answers.get("mood", "")) == str(VERY_LOW_MOOD):
        return True
    note = answers.get("note")
    return isinstance(note, str) and mentions_harm(note, names)


class Entry(models.TextChoices):
    APP = "app", _("Answered in Nestwell")
    PAPER = "paper", _("Entered from paper")


class ScreeningResponse(models.Model):
    """A completed questionnaire. Answers are option positions in published order;
    the scores are derived from them by the instrument's key and stored for history."""

    # Her own: when the household is deleted (or she leaves it) this stays hers, reachable
    # on her account page, until she deletes it herself.
    household = models.ForeignKey(Household, on_delete=models.SET_NULL, null=True,
                                  blank=True, related_name="+")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                               related_name="screenings")
    instrument = models.CharField(max_length=20)
    version = models.CharField(max_length=160)
    answers = models.JSONField(null=True, blank=True)
    total = models.PositiveSmallIntegerField()
    subscales = models.JSONField(default=dict, blank=True)
    band = models.CharField(max_length=40, blank=True)
    band_label = models.CharField(max_length=120, blank=True)
    safety = models.JSONField(default=list, blank=True)
    # A total from paper without the score of a safety question (the EPDS's 10 left
    # empty): its answer is unknown, never a 0, wherever the result is read again.
    safety_unanswered = models.JSONField(default=list, blank=True)
    entry = models.CharField(max_length=10, choices=Entry.choices, default=Entry.APP)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["author", "instrument", "created_at"],
                                name="screening_author_time")]

    def __str__(self):
        return f"{self.instrument} by {self.author_id} at {self.created_at:%Y-%m-%d}"


class ContactRole(models.TextChoices):
    MIDWIFE = "midwife", _("Midwife")
    HEALTH_VISITOR = "health_visitor", _("Health visitor")
    GP = "gp", _("Family doctor")
    PAEDIATRICIAN = "paediatrician", _("Baby's doctor (paediatrician)")
    MATERNITY_UNIT = "maternity_unit", _("Maternity unit or labour ward")
    COUNSELLOR = "counsellor", _("Counsellor or therapist")
    TRUSTED = "trusted", _("Someone I trust")
    OTHER = "other", _("Other")


class SupportContact(models.Model):
    # Her own: when the household is deleted (or she leaves it) this stays hers, reachable
    # on her account page, until she deletes it herself.
    household = models.ForeignKey(Household, on_delete=models.SET_NULL, null=True,
                                  blank=True, related_name="+")
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                              related_name="support_contacts")
    name = models.CharField(_("name"), max_length=80)
    role = models.CharField(_("who they are"), max_length=20, choices=ContactRole.choices)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    note = models.CharField(_("note"), max_length=200, blank=True,
                            help_text=_("For example: opening hours, or 'call the ward'."))
    # Her choice, for the baby's care team: whoever is with the baby (a partner, a
    # grandmother at night) finds the number on the support page and the crying card.
    # Only while she is in the household; her other contacts stay hers alone.
    for_household = models.BooleanField(
        _("everyone in the household can call this number"), default=False,
        help_text=_("For your baby's midwife, health visitor or doctor: whoever is with "
                    "your baby finds the number when they are worried. Your other "
                    "contacts stay yours alone."))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["role", "name"]

    def __str__(self):
        return self.name

    @property
    def tel(self):
        """The number for a tel: link: digits and a leading +."""
        digits = "".join(ch for ch in self.phone if ch.isdigit())
        return ("+" + digits) if self.phone.strip().startswith("+") else digits


class Share(models.Model):
    """She lets one member of her household see her check-ins and/or screenings."""

    household = models.ForeignKey(Household, on_delete=models.CASCADE, related_name="+")
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                              related_name="shares_given")
    member = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                               related_name="shares_received")
    checkins = models.BooleanField(_("check-ins"), default=False)
    screenings = models.BooleanField(_("questionnaires"), default=False)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["household", "owner", "member"],
                                               name="one_share_per_member")]

    def __str__(self):
        return f"{self.owner_id} shares with {self.member_id}"
