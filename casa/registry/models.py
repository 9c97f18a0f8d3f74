"""The tenant register as imported from the agency's exports (see docs/registry-import.md).

CASA is not the system of record for rents: these rows mirror the agency's register, keyed by
the agency's own codes, and are only changed by an import.
"""

from django.db import models
from django.db.models import F, Q, Value
from django.db.models.functions import Concat, Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

MONEY = {"max_digits": 12, "decimal_places": 2}


class Hub(models.Model):
    """A Spazio CASA: a neighbourhood hub staffed by Community Managers."""

    code = models.SlugField(_("code"), max_length=32, unique=True)
    name = models.CharField(_("name"), max_length=120)
    address = models.CharField(_("address"), max_length=200)
    municipality = models.CharField(_("municipality"), max_length=80)
    opening_hours = models.TextField(_("opening hours"), blank=True)
    phone = models.CharField(_("phone"), max_length=32, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)

    class Meta:
        verbose_name = _("Spazio CASA")
        verbose_name_plural = _("Spazi CASA")
        ordering = ["name"]

    def __str__(self):
        return self.name


class Heating(models.TextChoices):
    CENTRAL = "central", _("central")
    AUTONOMOUS = "autonomous", _("autonomous")


class ManagedBy(models.TextChoices):
    ALER = "aler", _("Aler Milano")
    ADMINISTRATOR = "administrator", _("building administrator")


class Building(models.Model):
    code = models.CharField(_("code"), max_length=32, unique=True)
    address = models.CharField(_("address"), max_length=200, db_index=True)
    municipality = models.CharField(_("municipality"), max_length=80)
    neighbourhood = models.CharField(_("neighbourhood"), max_length=80, blank=True)
    hub = models.ForeignKey(Hub, verbose_name=_("Spazio CASA"), null=True, blank=True,
                            on_delete=models.PROTECT, related_name="buildings")
    heating = models.CharField(_("heating"), max_length=16, choices=Heating.choices)
    gas_pdr = models.CharField(_("gas PDR"), max_length=14, blank=True)
    managed_by = models.CharField(_("managed by"), max_length=16, choices=ManagedBy.choices)

    class Meta:
        verbose_name = _("building")
        verbose_name_plural = _("buildings")
        ordering = ["code"]

    def __str__(self):
        return f"{self.address}, {self.municipality}"


class Unit(models.Model):
    code = models.CharField(_("code"), max_length=32, unique=True)
    building = models.ForeignKey(Building, verbose_name=_("building"), on_delete=models.PROTECT,
                                 related_name="units")
    entrance = models.CharField(_("entrance"), max_length=16, blank=True)
    floor = models.CharField(_("floor"), max_length=8, blank=True)
    door = models.CharField(_("door"), max_length=16, blank=True)
    rooms = models.PositiveSmallIntegerField(_("rooms"), null=True, blank=True)
    area_sqm = models.DecimalField(_("area (m²)"), max_digits=7, decimal_places=2,
                                   null=True, blank=True)

    class Meta:
        verbose_name = _("unit")
        verbose_name_plural = _("units")
        ordering = ["code"]

    def __str__(self):
        return self.code


class RentBand(models.TextChoices):
    PROTEZIONE = "protezione", _("protection (protezione)")
    ACCESSO = "accesso", _("access (accesso)")
    PERMANENZA = "permanenza", _("permanence (permanenza)")
    DECADENZA = "decadenza", _("over the limit (decadenza)")


class HouseholdQuerySet(models.QuerySet):
    def current(self):
        return self.filter(tenancy_end__isnull=True)


class Household(models.Model):
    code = models.CharField(_("code"), max_length=32, unique=True)
    unit = models.ForeignKey(Unit, verbose_name=_("unit"), on_delete=models.PROTECT,
                             related_name="households")
    tenancy_start = models.DateField(_("tenancy start"))
    # Set when a full export no longer lists the household: never deleted, history stays.
    tenancy_end = models.DateField(_("tenancy end"), null=True, blank=True)
    rent_band = models.CharField(_("rent band"), max_length=16, choices=RentBand.choices)
    isee_erp_eur = models.DecimalField(_("ISEE-ERP (€)"), null=True, blank=True, **MONEY)
    arrears_eur = models.DecimalField(_("arrears (€)"), default=0, **MONEY)
    repayment_plan = models.BooleanField(_("repayment plan signed"), default=False)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=32, blank=True)
    language = models.CharField(_("language"), max_length=8, default="it")
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = HouseholdQuerySet.as_manager()

    class Meta:
        verbose_name = _("household")
        verbose_name_plural = _("households")
        ordering = ["code"]

    def __str__(self):
        return self.code

    @property
    def audit_key(self):
        return self.code

    @property
    def audit_subject(self):
        return f"household:{self.code}"

    @property
    def is_current(self):
        return self.tenancy_end is None


class Sex(models.TextChoices):
    F = "F", _("female")
    M = "M", _("male")


class Relation(models.TextChoices):
    HEAD = "head", _("head of household")
    SPOUSE = "spouse", _("spouse or partner")
    CHILD = "child", _("child")
    OTHER = "other", _("other")


class MemberQuerySet(models.QuerySet):
    def current(self):
        """The memberships that have not ended: who is in a household today. Every read of
        the people of a household goes through this (`household.members.current()`); only the
        audit trail's search by person reads past memberships too."""
        return self.filter(ended_on__isnull=True)


class Member(models.Model):
    """A person's membership of a household, from `started_on` to `ended_on` (None while it
    lasts). A person who moves to another household, or leaves the register, gets their row
    ended and, if they move, a new row: history stays, and a fiscal code has at most one
    current membership."""

    household = models.ForeignKey(Household, verbose_name=_("household"),
                                  on_delete=models.PROTECT, related_name="members")
    fiscal_code = models.CharField(_("fiscal code"), max_length=16, db_index=True)
    first_name = models.CharField(_("first name"), max_length=80)
    last_name = models.CharField(_("last name"), max_length=80, db_index=True)
    birth_date = models.DateField(_("date of birth"))
    sex = models.CharField(_("sex"), max_length=1, choices=Sex.choices)
    relation = models.CharField(_("relation"), max_length=8, choices=Relation.choices)
    citizenship = models.CharField(_("citizenship"), max_length=2)
    # Lowercased "last first" and "first last", kept by the database itself (importers need
    # not fill them), so the staff search finds a name by an indexed prefix match.
    search_name = models.GeneratedField(
        expression=Lower(Concat("last_name", Value(" "), "first_name")),
        output_field=models.CharField(max_length=161), db_persist=True,
    )
    search_name_reversed = models.GeneratedField(
        expression=Lower(Concat("first_name", Value(" "), "last_name")),
        output_field=models.CharField(max_length=161), db_persist=True,
    )
    # The day CASA learned of the membership (an import), or the tenancy start for the
    # members imported with their household; the day an import no longer listed them here.
    started_on = models.DateField(_("member since"), default=timezone.localdate)
    ended_on = models.DateField(_("member until"), null=True, blank=True)

    objects = MemberQuerySet.as_manager()

    class Meta:
        verbose_name = _("household member")
        verbose_name_plural = _("household members")
        ordering = ["household", "relation", "last_name", "first_name"]
        constraints = [
            models.UniqueConstraint(fields=["fiscal_code"], condition=Q(ended_on__isnull=True),
                                    name="member_one_current_membership"),
            models.CheckConstraint(condition=Q(ended_on__isnull=True)
                                   | Q(ended_on__gte=F("started_on")),
                                   name="member_ends_after_it_starts"),
        ]
        # varchar_pattern_ops lets PostgreSQL use the index for LIKE 'prefix%' whatever the
        # database collation; other databases ignore opclasses and get a plain index.
        indexes = [
            models.Index(fields=["search_name"], opclasses=["varchar_pattern_ops"],
                         name="member_search_name_idx"),
            models.Index(fields=["search_name_reversed"], opclasses=["varchar_pattern_ops"],
                         name="member_search_name_rev_idx"),
        ]

    def __str__(self):
        return f"{self.first_name} {self.last_name}"

    @property
    def audit_key(self):
        return self.fiscal_code

    @property
    def audit_subject(self):
        return f"household:{self.household.code}"

    @property
    def is_current(self):
        return self.ended_on is None


class IseeKind(models.TextChoices):
    ORDINARIO = "ordinario", _("ordinary (ordinario)")
    CORRENTE = "corrente", _("current (corrente)")


class IseeDeclaration(models.Model):
    household = models.ForeignKey(Household, verbose_name=_("household"),
                                  on_delete=models.PROTECT, related_name="isee_declarations")
    kind = models.CharField(_("kind"), max_length=16, choices=IseeKind.choices)
    value_eur = models.DecimalField(_("ISEE (€)"), **MONEY)
    dsu_protocol = models.CharField(_("DSU protocol"), max_length=32, unique=True)
    issued_on = models.DateField(_("issued on"))
    valid_until = models.DateField(_("valid until"))

    class Meta:
        verbose_name = _("ISEE declaration")
        verbose_name_plural = _("ISEE declarations")
        ordering = ["household", "-issued_on"]

    def __str__(self):
        return self.dsu_protocol

    @property
    def audit_key(self):
        return self.dsu_protocol


class ChargeBasis(models.TextChoices):
    ESTIMATE = "estimate", _("estimate (preventivo)")
    ACTUAL = "actual", _("actual (consuntivo)")


class HeatingCharge(models.Model):
    """Heating costs a household owes for a season, on an estimate or on actual costs."""

    household = models.ForeignKey(Household, verbose_name=_("household"),
                                  on_delete=models.PROTECT, related_name="heating_charges")
    season = models.CharField(_("season"), max_length=7)
    basis = models.CharField(_("basis"), max_length=16, choices=ChargeBasis.choices)
    amount_eur = models.DecimalField(_("amount (€)"), **MONEY)
    other_aid_eur = models.DecimalField(_("other heating aid (€)"), null=True, blank=True,
                                        **MONEY)

    class Meta:
        verbose_name = _("heating charge")
        verbose_name_plural = _("heating charges")
        ordering = ["household", "-season", "basis"]
        constraints = [
            models.UniqueConstraint(fields=["household", "season", "basis"],
                                    name="heating_charge_unique_per_season_basis"),
        ]

    def __str__(self):
        return f"{self.season} {self.basis}"

    @property
    def audit_key(self):
        return f"{self.household_id}:{self.season}:{self.basis}"
