"""How the register's events read in the audit trail (households, members, ISEE, charges,
imports), and the audit trail's searches by household and by person."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from casa.core.audit_search import SubjectSearch, register_subject_search
from casa.core.audit_sentences import RecordSentences, register, register_actor, register_note

from .models import ChargeBasis, Household, Member
from .selectors import FISCAL_CODE_RE, _prefix_q, normalize_query

HOUSEHOLD = "household:"
# A name shared by more households than this is not a search for one person.
PERSON_HOUSEHOLDS_LIMIT = 20

register_actor("import_registry")
register_note("api", gettext_lazy("through the API"))


def household_of(event):
    """The household code of an event's subject ("household:H0001234"), or ""."""
    return event.subject[len(HOUSEHOLD):] if event.subject.startswith(HOUSEHOLD) else ""


@register("registry.household")
class HouseholdSentences(RecordSentences):
    def record(self, event):
        return _("household %(code)s") % {"code": event.target_id}


@register("registry.member")
class MemberSentences(RecordSentences):
    """`target_id` is the fiscal code; `target_repr` the name when a page wrote the event."""

    def record(self, event):
        values = {"code": event.target_id, "name": event.target_repr,
                  "household": household_of(event)}
        named = event.target_repr and event.target_repr != event.target_id
        if values["household"]:
            if named:
                return _("member %(name)s (%(code)s) of household %(household)s") % values
            return _("member %(code)s of household %(household)s") % values
        if named:
            return _("household member %(name)s (%(code)s)") % values
        return _("household member %(code)s") % values


@register("registry.iseedeclaration")
class IseeSentences(RecordSentences):
    def record(self, event):
        values = {"protocol": event.target_id, "household": household_of(event)}
        if values["household"]:
            return _("ISEE declaration %(protocol)s of household %(household)s") % values
        return _("ISEE declaration %(protocol)s") % values


@register("registry.heatingcharge")
class HeatingChargeSentences(RecordSentences):
    """`target_id` ends with ":<season>:<basis>"."""

    def record(self, event):
        parts = event.target_id.rsplit(":", 2)
        if len(parts) != 3:
            return super().record(event)
        season, basis = parts[1], parts[2]
        values = {"season": season, "household": household_of(event),
                  "basis": str(dict(ChargeBasis.choices).get(basis, basis))}
        if values["household"]:
            return _("heating charges %(season)s, %(basis)s, of household %(household)s") % (
                values)
        return _("heating charges %(season)s, %(basis)s") % values


@register("registry.building")
class BuildingSentences(RecordSentences):
    def record(self, event):
        return _("building %(code)s") % {"code": event.target_id}


@register("registry.unit")
class UnitSentences(RecordSentences):
    def record(self, event):
        return _("unit %(code)s") % {"code": event.target_id}


@register("registry.import")
class ImportSentences(RecordSentences):
    """One event per import run: `target_repr` is the folder read, the changes count the
    rows of each file (importing/load.py `summary_event`)."""

    type_label = gettext_lazy("register import")

    def record(self, event):
        return _("the register from %(folder)s") % {
            "folder": event.target_repr or event.target_id}

    def changes(self, event):
        changes = event.changes if isinstance(event.changes, dict) else {}
        texts = []
        # By file name, the count of ended tenancies last (jsonb keeps no order).
        for name, counts in sorted(changes.items(), key=lambda item: (
                not isinstance(item[1], dict), item[0])):
            if isinstance(counts, dict):
                texts.append(_("%(file)s: %(read)s read, %(created)s new, %(updated)s "
                               "updated, %(unchanged)s unchanged, %(rejected)s rejected") % {
                    "file": name, **{key: counts.get(key, 0) for key in (
                        "read", "created", "updated", "unchanged", "rejected")}})
            elif name == "ended_households":
                texts.append(ngettext("%(count)s tenancy ended", "%(count)s tenancies ended",
                                      counts) % {"count": counts})
            elif name == "ended_members":
                texts.append(ngettext("%(count)s membership ended",
                                      "%(count)s memberships ended", counts)
                             % {"count": counts})
        return texts


# -- Searches of the audit trail ----------------------------------------------------------------

def household_subjects(text):
    codes = list(Household.objects.filter(code__iexact=text).values_list("code", flat=True))
    if not codes:
        raise ValidationError(_("No household has the code %(code)s."), params={"code": text})
    return [f"{HOUSEHOLD}{code}" for code in codes]


def person_subjects(text):
    """The households of the member with this fiscal code, or of the members whose name
    starts with `text` (surname first or not), through the name indexes."""
    upper = text.upper().replace(" ", "")
    if FISCAL_CODE_RE.match(upper):
        # Every household the person has belonged to: the audit trail reads history, so
        # past memberships count here (the one read of members that is not `current()`).
        codes = list(Member.objects.filter(fiscal_code=upper).order_by()  # history
                     .values_list("household__code", flat=True).distinct())
        if not codes:
            raise ValidationError(_("No household member has the fiscal code %(code)s."),
                                  params={"code": upper})
        return [f"{HOUSEHOLD}{code}" for code in codes]
    name = normalize_query(text)
    # history: past members' names find the households they belonged to.
    codes = list(Member.objects.filter(_prefix_q("search_name", name)  # history
                                       | _prefix_q("search_name_reversed", name))
                 .order_by().values_list("household__code", flat=True)
                 .distinct()[:PERSON_HOUSEHOLDS_LIMIT + 1])
    if not codes:
        raise ValidationError(_("No household member is called %(name)s."),
                              params={"name": text})
    if len(codes) > PERSON_HOUSEHOLDS_LIMIT:
        raise ValidationError(
            _("Members of more than %(limit)s households are called %(name)s: type the full "
              "name or the fiscal code."),
            params={"limit": PERSON_HOUSEHOLDS_LIMIT, "name": text})
    return [f"{HOUSEHOLD}{code}" for code in codes]


register_subject_search(SubjectSearch(
    name="household", label=gettext_lazy("Household code"),
    help_text=gettext_lazy("Every event of the household: its members, ISEE, charges, "
                           "applications and messages."),
    subjects=household_subjects, prefix=HOUSEHOLD, max_length=32))
register_subject_search(SubjectSearch(
    name="person", label=gettext_lazy("Person"),
    help_text=gettext_lazy("A household member's fiscal code or name: the events of their "
                           "household."),
    subjects=person_subjects))
