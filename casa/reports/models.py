"""Problem reports: the categories (with their target time, team and urgency: the workflow is
data), the reports, who follows them, their append-only history, and the contractors the
repairs are sent to with what each was asked, answered and cost."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from casa.core.append_only import AppendOnlyModel

from .rules import OPEN, Place, Status, Team, plain_status


class Category(models.Model):
    """What a report is about. Its target time gives each report its due date; its team is who
    takes it by default; an urgent category puts its reports first in the staff's queue."""

    code = models.SlugField(_("code"), max_length=32, unique=True)
    name = models.CharField(_("name"), max_length=100)
    target_hours = models.PositiveIntegerField(_("target time (hours)"))
    team = models.CharField(_("team"), max_length=32, choices=Team.choices)
    urgent = models.BooleanField(_("urgent"), default=False)
    active = models.BooleanField(_("offered to tenants"), default=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("report category")
        verbose_name_plural = _("report categories")
        ordering = ["order", "code"]
        constraints = [models.CheckConstraint(condition=Q(target_hours__gte=1),
                                              name="report_category_has_a_target")]

    def __str__(self):
        return self.label

    @property
    def label(self):
        """The category's name in the reader's language (names are code, see categories.py)."""
        from .categories import LABELS

        return str(LABELS.get(self.code, self.name))


class Report(models.Model):
    category = models.ForeignKey(Category, verbose_name=_("category"), on_delete=models.PROTECT,
                                 related_name="reports")
    building = models.ForeignKey("registry.Building", verbose_name=_("building"),
                                 on_delete=models.PROTECT, related_name="problem_reports")
    # The flat, for a report about one; None for a common area.
    unit = models.ForeignKey("registry.Unit", verbose_name=_("flat"), null=True, blank=True,
                             on_delete=models.PROTECT, related_name="problem_reports")
    place = models.CharField(_("where"), max_length=16, choices=Place.choices)
    entrance = models.CharField(_("entrance"), max_length=20, blank=True)
    description = models.TextField(_("description"))
    # For whom: the household the report is about or made for (None: staff on their rounds).
    household = models.ForeignKey("registry.Household", verbose_name=_("household"), null=True,
                                  blank=True, on_delete=models.PROTECT,
                                  related_name="problem_reports")
    reported_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("reported by"),
                                    on_delete=models.PROTECT, related_name="+")
    # Staff reported it for the household (at the desk, on the phone).
    on_behalf = models.BooleanField(_("on the household's behalf"), default=False)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices,
                              default=Status.NEW)
    urgent = models.BooleanField(_("urgent"), default=False)
    team = models.CharField(_("team"), max_length=32, choices=Team.choices)
    assigned_to = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("assigned to"),
                                    null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="assigned_reports")
    created_at = models.DateTimeField(_("reported on"), default=timezone.now)
    due_at = models.DateTimeField(_("to be fixed by"))
    resolved_at = models.DateTimeField(_("resolved on"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed on"), null=True, blank=True)
    merged_into = models.ForeignKey("self", verbose_name=_("merged into"), null=True,
                                    blank=True, on_delete=models.PROTECT,
                                    related_name="merged")
    rejection_reason = models.TextField(_("why it was rejected"), blank=True)
    # The report this one was split from (a report about two problems becomes two).
    split_from = models.ForeignKey("self", verbose_name=_("split from"), null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="parts")
    # The form's own key: the same form sent twice (a double tap, a resend) saves one report.
    submission_key = models.UUIDField(_("submission key"), null=True, blank=True, unique=True,
                                      editable=False)

    class Meta:
        verbose_name = _("problem report")
        verbose_name_plural = _("problem reports")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["building", "status"], name="report_building_status_idx"),
            models.Index(fields=["status", "due_at"], name="report_status_due_idx"),
            models.Index(fields=["household", "created_at"], name="report_household_idx"),
            # The staff's queue (casa/reports/queue.py): its default page, the open reports
            # urgent first then by due date, read in index order without sorting them all;
            # and the category filter.
            models.Index(fields=["-urgent", "due_at", "id"], name="report_open_queue_idx",
                         condition=Q(status__in=sorted(OPEN))),
            models.Index(fields=["category", "status", "due_at"],
                         name="report_category_status_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(place=Place.FLAT, unit__isnull=False) | ~Q(place=Place.FLAT),
                name="report_about_a_flat_names_it"),
            models.CheckConstraint(
                condition=Q(status=Status.MERGED, merged_into__isnull=False)
                | (~Q(status=Status.MERGED) & Q(merged_into__isnull=True)),
                name="report_merged_names_where"),
        ]

    def __str__(self):
        return self.reference

    @property
    def reference(self):
        return f"S-{self.pk:06d}" if self.pk else "S-?"

    @property
    def is_common_area(self):
        return self.place != Place.FLAT

    @property
    def is_open(self):
        return self.status in OPEN

    @property
    def plain_status(self):
        """The status as the tenant's pages say it."""
        return plain_status(self.status)

    @property
    def audit_subject(self):
        """In the household's history when it is about or for one."""
        return f"household:{self.household.code}" if self.household_id else ""


class Photo(models.Model):
    """A photo of a report, as casa.core.uploads.check_photo left it: upright, resized,
    re-encoded as JPEG with no metadata, and its thumbnail. Stored through Django's storage API
    under a private path (MEDIA is never served); casa/reports/photo_views.py hands it out to
    who may see the report in full."""

    report = models.ForeignKey(Report, verbose_name=_("report"), on_delete=models.PROTECT,
                               related_name="photos")
    image = models.FileField(_("photo"), upload_to="reports/photos/%Y/%m/")
    thumbnail = models.FileField(_("thumbnail"), upload_to="reports/thumbnails/%Y/%m/")
    width = models.PositiveIntegerField(_("width"))
    height = models.PositiveIntegerField(_("height"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    sent_as = models.CharField(_("sent as"), max_length=32)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("sent by"),
                                    on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("sent on"), default=timezone.now)

    class Meta:
        verbose_name = _("report photo")
        verbose_name_plural = _("report photos")
        ordering = ["created_at", "id"]

    def __str__(self):
        return f"{self.report_id} {self.sha256[:12]}"


class Follower(models.Model):
    """A tenant who follows a report about a common area of their building (or their own
    household's), and is told of its progress."""

    report = models.ForeignKey(Report, verbose_name=_("report"), on_delete=models.CASCADE,
                               related_name="followers")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("follower"),
                             on_delete=models.CASCADE, related_name="followed_reports")
    household = models.ForeignKey("registry.Household", verbose_name=_("household"),
                                  on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("since"), default=timezone.now)

    class Meta:
        verbose_name = _("report follower")
        verbose_name_plural = _("report followers")
        constraints = [models.UniqueConstraint(fields=["report", "user"],
                                               name="report_followed_once_per_person")]

    def __str__(self):
        return f"{self.report_id} {self.user_id}"


class UpdateKind(models.TextChoices):
    CREATED = "created", _("Reported")
    STATUS = "status", _("Status changed")
    REPLY = "reply", _("Reply")
    NOTE = "note", _("Internal note")
    ASSIGNED = "assigned", _("Assigned")
    # Part of the report continues as another one (`related`); public, so that the reporter
    # can follow that part too.
    SPLIT = "split", _("Split")
    # Sent to a contractor, or the contractor's answer and costs recorded: staff only.
    CONTRACTOR = "contractor", _("Contractor")


class Update(AppendOnlyModel):
    """One entry of a report's history: who did what and when, with the public message to the
    reporter and followers and the staff's internal note. Append-only."""

    report = models.ForeignKey(Report, verbose_name=_("report"), on_delete=models.PROTECT,
                               related_name="updates")
    kind = models.CharField(_("kind"), max_length=16, choices=UpdateKind.choices)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("by"), null=True,
                              blank=True, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(_("at"), default=timezone.now)
    from_status = models.CharField(_("from"), max_length=16, choices=Status.choices, blank=True)
    to_status = models.CharField(_("to"), max_length=16, choices=Status.choices, blank=True)
    public_message = models.TextField(_("message to the reporter"), blank=True)
    internal_note = models.TextField(_("internal note"), blank=True)
    # The other report an entry is about: the part split off (SPLIT).
    related = models.ForeignKey(Report, verbose_name=_("other report"), null=True, blank=True,
                                on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("report update")
        verbose_name_plural = _("report updates")
        ordering = ["at", "id"]

    def __str__(self):
        return f"{self.report_id} {self.kind} {self.at:%Y-%m-%d %H:%M}"

    @property
    def is_public(self):
        """Shown to the reporter and followers: the report, its status changes and the replies,
        never an internal note or an assignment."""
        return self.kind in PUBLIC_KINDS


PUBLIC_KINDS = frozenset({UpdateKind.CREATED, UpdateKind.STATUS, UpdateKind.REPLY,
                          UpdateKind.SPLIT})


MONEY = {"max_digits": 12, "decimal_places": 2}


class Contractor(models.Model):
    """A company outside CASA that does repairs (lifts, plumbing, electrics, cleaning) and gets
    reports by e-mail. Kept by administrators; staff choose among the active ones."""

    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("e-mail for work orders"))
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    categories = models.ManyToManyField(Category, verbose_name=_("usually called for"),
                                        blank=True, related_name="contractors")
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("contractor")
        verbose_name_plural = _("contractors")
        ordering = ["name", "id"]

    def __str__(self):
        return self.name


class WorkOrder(models.Model):
    """A report sent to a contractor: what was sent (the e-mail is in the outbox), then the
    contractor's reference, their answer and the costs as staff record them. A report can be
    sent to more than one contractor, one after the other or together."""

    report = models.ForeignKey(Report, verbose_name=_("report"), on_delete=models.PROTECT,
                               related_name="work_orders")
    contractor = models.ForeignKey(Contractor, verbose_name=_("contractor"),
                                   on_delete=models.PROTECT, related_name="work_orders")
    instructions = models.TextField(_("instructions"), blank=True)
    with_photos = models.BooleanField(_("photos attached"), default=True)
    # The household's name and phone, for a repair in their flat: only when staff chose to.
    with_contact = models.BooleanField(_("household's contact given"), default=False)
    sent_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("sent by"),
                                on_delete=models.PROTECT, related_name="+")
    sent_at = models.DateTimeField(_("sent on"), default=timezone.now)
    contractor_reference = models.CharField(_("contractor's reference"), max_length=64,
                                            blank=True)
    answer = models.TextField(_("contractor's answer"), blank=True)
    answered_at = models.DateTimeField(_("answer recorded on"), null=True, blank=True)
    cost_eur = models.DecimalField(_("cost (€)"), null=True, blank=True, **MONEY)
    invoice = models.CharField(_("invoice or estimate"), max_length=64, blank=True)

    class Meta:
        verbose_name = _("work order")
        verbose_name_plural = _("work orders")
        ordering = ["sent_at", "id"]
        constraints = [models.CheckConstraint(
            condition=Q(cost_eur__isnull=True) | Q(cost_eur__gte=0),
            name="work_order_cost_not_negative")]
        indexes = [models.Index(fields=["contractor", "sent_at"],
                                name="work_order_contractor_idx")]

    def __str__(self):
        return f"{self.report} → {self.contractor}"

    @property
    def reference(self):
        return f"{self.report.reference}/{self.pk}" if self.pk else "?"
