"""Writing an imported register to the database, a chunk of rows at a time.

For each chunk: validate the rows (parse.py), resolve the codes they refer to with one query
per referenced table, fetch the existing records for the chunk's keys with one query, then
`bulk_create` the new rows and `bulk_update` only the changed ones, with an audit event per
change. Memory stays flat: besides one chunk, the loader keeps only a bitmap of the record ids
seen in this run and the keys of rejected rows.
"""

import datetime as dt
import functools
import itertools
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from django.db import connection, reset_queries, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from casa.core.audit import AuditAction, audit_event
from casa.core.models import AuditEvent
from casa.core.spreadsheet import csv_writer
from casa.core.text import visible
from casa.registry import signals
from casa.registry.models import (
    Building,
    HeatingCharge,
    Household,
    Hub,
    IseeDeclaration,
    Member,
    Unit,
)

from . import parse

CHUNK_ROWS = 5000


@dataclass(frozen=True)
class Ref:
    """A column holding the code of a record in another table."""

    column: str
    field: str  # the ForeignKey's name on the model
    model: type
    parent_file: str | None  # the file that imports the parents, if any


@dataclass(frozen=True)
class Table:
    spec: parse.FileSpec
    model: type
    columns: dict[str, str]  # model attname -> CSV column (key and plain fields)
    key_fields: tuple[str, ...]  # model attnames identifying a record
    refs: tuple[Ref, ...] = ()
    subject: Callable[[dict], str] = lambda values: ""
    target_id: Callable[[dict], str] = lambda values: ""
    constants: dict = field(default_factory=dict)  # attname -> value set on every row
    # Rows are dated memberships (started_on, ended_on): a key matches only the current row,
    # and a row whose `moves_on` changes ends that row and starts a new one (a person moving
    # to another household), so that history stays.
    moves_on: str | None = None
    # Attnames whose value a blank cell does not clear: the hub of a building that staff
    # assigned because the register left it without one (casa/hubs) stays until the register
    # names a hub itself.
    kept_when_blank: tuple[str, ...] = ()

    def __post_init__(self):
        # A record is a tuple of attname values in this order; the fetch of existing records
        # returns ("id", *attnames, *parent codes) so that one comparison finds what changed.
        ref_ids = [f"{ref.field}_id" for ref in self.refs]
        object.__setattr__(self, "attnames", (*self.columns, *ref_ids, *self.constants))
        object.__setattr__(self, "sources", (*self.columns.values(), *ref_ids))
        object.__setattr__(self, "constant_values", tuple(self.constants.values()))
        object.__setattr__(self, "key_indexes",
                           tuple(self.attnames.index(name) for name in self.key_fields))
        object.__setattr__(self, "ref_of", {f"{ref.field}_id": ref for ref in self.refs})
        object.__setattr__(self, "kept_indexes",
                           tuple(self.attnames.index(name) for name in self.kept_when_blank))

    def keep_blanks(self, old, record):
        """`record` with the existing value (`old` is the fetched row, id first) wherever a
        kept attname is blank in the file."""
        if not any(record[i] is None and old[1 + i] is not None for i in self.kept_indexes):
            return record
        values = list(record)
        for i in self.kept_indexes:
            if values[i] is None:
                values[i] = old[1 + i]
        return tuple(values)


def _household_subject(values):
    return f"household:{values['household_code']}"


TABLES = (
    Table(parse.BUILDINGS, Building,
          columns={"code": "building_code", "address": "address",
                   "municipality": "municipality", "neighbourhood": "neighbourhood",
                   "heating": "heating", "gas_pdr": "gas_pdr", "managed_by": "managed_by"},
          key_fields=("code",),
          refs=(Ref("hub_code", "hub", Hub, None),),
          kept_when_blank=("hub_id",),
          subject=lambda v: f"building:{v['building_code']}",
          target_id=lambda v: v["building_code"]),
    Table(parse.UNITS, Unit,
          columns={"code": "unit_code", "entrance": "entrance", "floor": "floor",
                   "door": "door", "rooms": "rooms", "area_sqm": "area_sqm"},
          key_fields=("code",),
          refs=(Ref("building_code", "building", Building, "buildings.csv"),),
          subject=lambda v: f"unit:{v['unit_code']}",
          target_id=lambda v: v["unit_code"]),
    Table(parse.HOUSEHOLDS, Household,
          columns={"code": "household_code", "tenancy_start": "tenancy_start",
                   "rent_band": "rent_band", "isee_erp_eur": "isee_erp_eur",
                   "arrears_eur": "arrears_eur", "repayment_plan": "repayment_plan",
                   "email": "email", "phone": "phone", "language": "language"},
          key_fields=("code",),
          refs=(Ref("unit_code", "unit", Unit, "units.csv"),),
          # A household listed again is current again, even if a --full run had ended it.
          constants={"tenancy_end": None},
          subject=_household_subject,
          target_id=lambda v: v["household_code"]),
    Table(parse.MEMBERS, Member,
          columns={"fiscal_code": "fiscal_code", "first_name": "first_name",
                   "last_name": "last_name", "birth_date": "birth_date", "sex": "sex",
                   "relation": "relation", "citizenship": "citizenship"},
          key_fields=("fiscal_code",),
          refs=(Ref("household_code", "household", Household, "households.csv"),),
          subject=_household_subject,
          target_id=lambda v: v["fiscal_code"],
          moves_on="household_id"),
    Table(parse.ISEE, IseeDeclaration,
          columns={"dsu_protocol": "dsu_protocol", "kind": "kind", "value_eur": "value_eur",
                   "issued_on": "issued_on", "valid_until": "valid_until"},
          key_fields=("dsu_protocol",),
          refs=(Ref("household_code", "household", Household, "households.csv"),),
          subject=_household_subject,
          target_id=lambda v: v["dsu_protocol"]),
    Table(parse.HEATING_CHARGES, HeatingCharge,
          columns={"season": "season", "basis": "basis", "amount_eur": "amount_eur",
                   "other_aid_eur": "other_aid_eur"},
          key_fields=("household_id", "season", "basis"),
          refs=(Ref("household_code", "household", Household, "households.csv"),),
          subject=_household_subject,
          target_id=lambda v: f"{v['household_code']}:{v['season']}:{v['basis']}"),
)


# --- Results ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Rejection:
    file: str
    line: int
    column: str
    reason: str
    value: str = ""


@dataclass
class FileStats:
    name: str
    present: bool = False
    read: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: int = 0


@dataclass
class ImportResult:
    directory: Path
    files: dict[str, FileStats]
    rejections: list[Rejection] = field(default_factory=list)
    ended: int = 0  # households ended by --full
    ended_members: int = 0  # memberships ended by --full (members missing from members.csv)
    moved: int = 0  # members who moved to another household (counted as updated too)
    rolled_back: bool = False
    report_path: Path | None = None

    @property
    def ok(self):
        return not self.rejections

    @property
    def rejected_rows(self):
        return sum(stats.rejected for stats in self.files.values())

    @property
    def missing_files(self):
        return [name for name, stats in self.files.items() if not stats.present]


REPORT_HEADER = ["file", "line", "column", "reason", "value"]


def write_report(path, rejections):
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv_writer(handle)
        writer.writerow(REPORT_HEADER)
        for rejection in rejections:
            writer.writerow([rejection.file, rejection.line, rejection.column,
                             rejection.reason, rejection.value])


# --- The loader ------------------------------------------------------------------------------


class _SeenIds:
    """Which records of one table this run has met, so that a duplicate row in a later chunk
    is caught without keeping every key in memory: a byte per id for the records that existed
    before the run, and every id above the table's highest id before the run (ids only grow)
    for the records created by it."""

    def __init__(self, model):
        self.created_above = model.objects.aggregate(top=Max("id"))["top"] or 0
        self.flags = bytearray()

    def add(self, pk):
        if pk >= len(self.flags):
            self.flags.extend(bytes(max(pk + 1 - len(self.flags), 65536)))
        self.flags[pk] = 1

    def __contains__(self, pk):
        return pk > self.created_above or (pk < len(self.flags) and self.flags[pk] == 1)


def _insert(model, names, rows):
    """Insert rows (tuples of the attnames `names`) fast: COPY on PostgreSQL, executemany
    elsewhere. Django's bulk_create spends most of its time preparing values one by one;
    these values are already the right Python types."""
    columns = ", ".join(connection.ops.quote_name(model._meta.get_field(name).column)
                        for name in names)
    table = connection.ops.quote_name(model._meta.db_table)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        else:
            marks = ", ".join(["%s"] * len(names))
            cursor.executemany(f"INSERT INTO {table} ({columns}) VALUES ({marks})",  # noqa: S608
                               rows)


def _where_in(queryset, attname, values):
    """queryset.filter(<attname>__in=values) without Django preparing each of the thousands
    of values one by one (they are already plain strings or ids)."""
    if not values:
        return queryset.none()
    model = queryset.model
    column = (f"{connection.ops.quote_name(model._meta.db_table)}."
              f"{connection.ops.quote_name(model._meta.get_field(attname).column)}")
    if connection.vendor == "postgresql":
        # One array parameter: PostgreSQL parses and plans thousands of IN parameters slowly.
        field = model._meta.get_field(attname)
        array = "bigint[]" if field.get_internal_type().endswith("AutoField") or (
            field.is_relation) else "text[]"
        return queryset.extra(where=[f"{column} = ANY(%s::{array})"],  # noqa: S610
                              params=[list(values)])
    marks = ", ".join(["%s"] * len(values))
    return queryset.extra(where=[f"{column} IN ({marks})"], params=list(values))  # noqa: S610


def _show(value):
    """A value as the audit trail's `changes` show it."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


class _Run:
    def __init__(self, directory, *, actor, skip_invalid, progress):
        self.directory = Path(directory)
        self.actor = actor
        self.skip_invalid = skip_invalid
        self.progress = progress
        self.result = ImportResult(
            directory=self.directory,
            files={spec.name: FileStats(spec.name) for spec in parse.FILES})
        # file name -> keys (tuples of CSV values) of its rejected rows
        self.rejected_keys = {spec.name: set() for spec in parse.FILES}
        self.seen = {table.spec.name: _SeenIds(table.model) for table in TABLES}
        self.complete = set()  # the files read to their end
        self.heating_households = set()  # households whose heating charges changed

    def reject(self, spec, line, errors, cells=None):
        stats = self.result.files[spec.name]
        stats.rejected += 1
        for column, reason in errors:
            value = ""
            if cells and column in spec.column_names:
                # As read, with any control character shown as <U+0000>.
                value = visible(cells[spec.column_names.index(column)])
            self.result.rejections.append(Rejection(spec.name, line, column, reason, value))

    # -- one file --

    def load_table(self, table):
        spec = table.spec
        path = self.directory / spec.name
        stats = self.result.files[spec.name]
        if not path.exists():
            return
        stats.present = True
        rows = parse.read_csv(path, spec)
        if self.progress:
            from tqdm import tqdm

            rows = tqdm(rows, desc=spec.name, unit=" rows", file=sys.stderr, leave=False)
        try:
            while True:
                chunk = list(itertools.islice(rows, CHUNK_ROWS))
                if not chunk:
                    break
                stats.read += len(chunk)
                self.load_chunk(table, chunk)
                reset_queries()  # with DEBUG on, Django's query log would grow with the file
        except parse.CsvFileError as error:
            stats.rejected += 1
            self.result.rejections.append(
                Rejection(spec.name, error.line, error.column, error.message))
            return
        finally:
            if self.progress:
                rows.close()
        self.complete.add(spec.name)

    def load_chunk(self, table, chunk):
        spec = table.spec
        stats = self.result.files[spec.name]
        rejected_keys = self.rejected_keys[spec.name]
        key_of = spec.key_of
        in_chunk = {}
        valid = []  # (line, cells, values)
        for row in chunk:
            if row.cells is None:
                self.reject(spec, row.line, [("", row.error)])
                continue
            values, errors = parse.validate_row(spec, row.cells)
            if errors:
                self.reject(spec, row.line, errors, row.cells)
                if all(name in values for name in spec.key):
                    rejected_keys.add(key_of(values))
                continue
            key = key_of(values)
            if key in in_chunk or key in rejected_keys:
                self.reject(spec, row.line, [self._duplicate(spec, in_chunk.get(key))],
                            row.cells)
                continue
            in_chunk[key] = row.line
            valid.append((row.line, row.cells, values))

        # Resolve the codes the rows refer to, one query per referenced table.
        for ref in table.refs:
            codes = {row[2][ref.column] for row in valid if row[2][ref.column]}
            ids = dict(_where_in(ref.model.objects, "code", codes).values_list("code", "id"))
            parent_rejected = self.rejected_keys.get(ref.parent_file, ())
            id_name = f"{ref.field}_id"
            kept = []
            for line, cells, values in valid:
                code = values[ref.column]
                if code is None:
                    values[id_name] = None
                elif code in ids and (code,) not in parent_rejected:
                    values[id_name] = ids[code]
                else:
                    if (code,) in parent_rejected:
                        reason = (_("refers to %(column)s %(code)s, whose row in %(file)s was "
                                    "rejected")
                                  % {"column": ref.column, "code": code,
                                     "file": ref.parent_file})
                    elif ref.parent_file:
                        reason = (_("unknown %(column)s %(code)s: not in %(file)s nor in the "
                                    "register")
                                  % {"column": ref.column, "code": code,
                                     "file": ref.parent_file})
                    else:
                        reason = (_("unknown %(column)s %(code)s: no such Spazio CASA in CASA")
                                  % {"column": ref.column, "code": code})
                    self.reject(spec, line, [(ref.column, reason)], cells)
                    rejected_keys.add(key_of(values))
                    continue
                kept.append((line, cells, values))
            valid = kept

        # The existing records for this chunk's keys, one query.
        sources, constants, key_indexes = table.sources, table.constant_values, table.key_indexes
        records = [tuple(values[source] for source in sources) + constants
                   for _line, _cells, values in valid]
        first = key_indexes[0]
        fetch = ["id", *table.attnames, *[f"{ref.field}__code" for ref in table.refs]]
        existing = {}
        width = len(table.attnames)
        matched = table.model.objects.current() if table.moves_on else table.model.objects
        rows = _where_in(matched, table.attnames[first],
                         {record[first] for record in records}).values_list(*fetch)
        for found in rows:
            existing[tuple(found[1 + i] for i in key_indexes)] = found

        seen = self.seen[spec.name]
        now = timezone.now()
        to_create, to_update, events, changed_fields = [], [], [], set()
        moving = []  # (old row, values) of members moving to another household
        moves_at = table.attnames.index(table.moves_on) if table.moves_on else None
        for (line, cells, values), record in zip(valid, records, strict=True):
            old = existing.get(tuple(record[i] for i in key_indexes))
            if old is None:
                to_create.append(record)
                continue
            if old[0] in seen:
                self.reject(spec, line, [self._duplicate(spec, None)], cells)
                continue
            seen.add(old[0])
            record = table.keep_blanks(old, record)
            if moves_at is not None and old[1 + moves_at] != record[moves_at]:
                moving.append((old, values))
                to_create.append(record)
                continue
            if old[1:1 + width] == record:
                stats.unchanged += 1
                continue
            changes = {}
            for index, name in enumerate(table.attnames):
                before = old[1 + index]
                if before == record[index]:
                    continue
                changed_fields.add(name)
                ref = table.ref_of.get(name)
                if ref:
                    code_at = 1 + width + table.refs.index(ref)
                    changes[ref.field] = [_show(old[code_at]), _show(values[ref.column])]
                else:
                    changes[name] = [_show(before), _show(record[index])]
            instance = table.model(id=old[0], **dict(zip(table.attnames, record, strict=True)))
            to_update.append(instance)
            target = table.target_id(values)
            events.append(audit_event(
                actor=self.actor, action=AuditAction.UPDATE,
                target_type=table.model._meta.label_lower, target_id=target,
                target_repr=target, subject=table.subject(values), changes=changes))

        has_updated_at = any(f.name == "updated_at" for f in table.model._meta.fields)
        if table.model is HeatingCharge:
            at = table.attnames.index("household_id")
            self.heating_households.update(record[at] for record in to_create)
            self.heating_households.update(instance.household_id for instance in to_update)
        if moving:
            # End the old membership first: a fiscal code has one current membership.
            events.extend(self.end_moved(table, moving, width))
            stats.updated += len(moving)
            self.result.moved += len(moving)
        if to_create:
            names = list(table.attnames)
            if has_updated_at:
                stamp = connection.ops.adapt_datetimefield_value(now)
                names.append("updated_at")
                to_create = [record + (stamp,) for record in to_create]
            if table.moves_on:
                names.append("started_on")
                to_create = self.with_start(to_create, table.attnames.index(table.moves_on))
            _insert(table.model, names, to_create)
            stats.created += len(to_create) - len(moving)
        if to_update:
            fields = sorted(changed_fields)
            if has_updated_at:
                for instance in to_update:
                    instance.updated_at = now
                fields.append("updated_at")
            table.model.objects.bulk_update(to_update, fields, batch_size=500)
            stats.updated += len(to_update)
        if events:
            AuditEvent.objects.bulk_create(events, batch_size=1000)

    def with_start(self, records, household_at):
        """Each new membership with its start: the tenancy start for the members of a
        household this run created (the first import of a household brings its people), else
        today, the day CASA learned of it."""
        today = timezone.localdate()
        created_above = self.seen[parse.HOUSEHOLDS.name].created_above
        new = {record[household_at] for record in records
               if record[household_at] > created_above}
        starts = dict(Household.objects.filter(id__in=new).values_list("id", "tenancy_start"))
        return [record + (starts.get(record[household_at], today),) for record in records]

    def end_moved(self, table, moving, width):
        """End today the current membership of each person moving to another household;
        returns the audit events: the end on the old household's history, the new membership
        on the new one's."""
        today = timezone.localdate()
        table.model.objects.filter(id__in=[old[0] for old, _values in moving]).update(
            ended_on=today)
        code_at = 1 + width + table.refs.index(table.ref_of[table.moves_on])
        events = []
        for old, values in moving:
            target = table.target_id(values)
            before, after = old[code_at], values["household_code"]
            common = {"actor": self.actor, "target_type": table.model._meta.label_lower,
                      "target_id": target, "target_repr": target}
            events.append(audit_event(
                action=AuditAction.END, subject=f"household:{before}",
                changes={"ended_on": ["", today.isoformat()]},
                note=_("moved to household %(code)s") % {"code": after}, **common))
            events.append(audit_event(
                action=AuditAction.CREATE, subject=f"household:{after}",
                changes={"started_on": today.isoformat()},
                note=_("moved from household %(code)s") % {"code": before}, **common))
        return events

    @staticmethod
    def _duplicate(spec, first_line):
        columns = ", ".join(spec.key)
        if first_line:
            return (spec.key[-1], _("duplicate %(columns)s: already on line %(line)s")
                    % {"columns": columns, "line": first_line})
        return (spec.key[-1], _("duplicate %(columns)s: already earlier in the file")
                % {"columns": columns})

    # -- --full --

    def end_missing_households(self):
        """Households that the export no longer lists: tenancy ended today, never deleted."""
        ended = self.end_missing(
            Household.objects.current().values_list("id", "code", "code"),
            self.seen[parse.HOUSEHOLDS.name], self.rejected_keys[parse.HOUSEHOLDS.name],
            Household, "tenancy_end")
        self.result.ended = ended

    def end_missing_members(self):
        """Memberships that the export no longer lists: ended today, never deleted."""
        self.result.ended_members = self.end_missing(
            Member.objects.current().values_list("id", "fiscal_code", "household__code"),
            self.seen[parse.MEMBERS.name], self.rejected_keys[parse.MEMBERS.name],
            Member, "ended_on")

    def end_missing(self, current, seen, rejected, model, end_field):
        """End today the records of `current` (id, key, household code) that this run
        neither met nor rejected; an audit event each. Returns how many."""
        today = timezone.localdate()
        ending = [(pk, key, household)
                  for pk, key, household in current.order_by("id").iterator(
                      chunk_size=CHUNK_ROWS)
                  if pk not in seen and (key,) not in rejected]
        note = _("not in the full export")
        has_updated_at = any(f.name == "updated_at" for f in model._meta.fields)
        for start in range(0, len(ending), CHUNK_ROWS):
            batch = ending[start:start + CHUNK_ROWS]
            stamp = {"updated_at": timezone.now()} if has_updated_at else {}
            model.objects.filter(id__in=[pk for pk, _key, _household in batch]).update(
                **{end_field: today}, **stamp)
            AuditEvent.objects.bulk_create([
                audit_event(actor=self.actor, action=AuditAction.END,
                            target_type=model._meta.label_lower, target_id=key,
                            target_repr=key, subject=f"household:{household}",
                            changes={end_field: ["", today.isoformat()]},
                            note=note)
                for _pk, key, household in batch])
        return len(ending)

    def summary_event(self):
        files = self.result.files
        result = self.result
        if not (any(s.created or s.updated for s in files.values()) or result.ended
                or result.ended_members):
            return
        changes = {name: {"read": s.read, "created": s.created, "updated": s.updated,
                          "unchanged": s.unchanged, "rejected": s.rejected}
                   for name, s in files.items() if s.present}
        if result.ended:
            changes["ended_households"] = result.ended
        if result.ended_members:
            changes["ended_members"] = result.ended_members
        audit_event(actor=self.actor, action=AuditAction.IMPORT, target_type="registry.import",
                    target_id=timezone.now().strftime("%Y%m%dT%H%M%S"),
                    target_repr=str(self.directory), changes=changes).save()


def import_registry(directory, *, full=False, skip_invalid=False, report_path=None,
                    actor="import_registry", progress=False) -> ImportResult:
    """Import the register's CSV files from `directory` (see docs/registry-import.md).

    With any rejected row, nothing is written unless `skip_invalid`. Never raises for
    invalid rows: the result lists them and says whether the run was rolled back. With
    `report_path`, the rejected rows are written there as CSV. `full` ends the tenancy of
    current households missing from households.csv, and the membership of current members
    missing from members.csv when that file is there; it needs households.csv (ValueError).
    """
    directory = Path(directory)
    if not directory.is_dir():
        raise ValueError(_("%(directory)s is not a directory") % {"directory": directory})
    if full and not (directory / parse.HOUSEHOLDS.name).exists():
        raise ValueError(_("--full needs households.csv, the whole register"))
    run = _Run(directory, actor=actor, skip_invalid=skip_invalid, progress=progress)
    with transaction.atomic():
        for table in TABLES:
            run.load_table(table)
        if full and parse.HOUSEHOLDS.name in run.complete:
            run.end_missing_households()
        if full and parse.MEMBERS.name in run.complete:
            run.end_missing_members()
        if run.result.rejections and not skip_invalid:
            run.result.rolled_back = True
            transaction.set_rollback(True)
        else:
            run.summary_event()
            if run.heating_households:
                transaction.on_commit(functools.partial(
                    signals.heating_charges_changed.send, sender=import_registry,
                    household_ids=sorted(run.heating_households), actor=actor))
    if report_path:
        write_report(report_path, run.result.rejections)
        run.result.report_path = Path(report_path)
    return run.result
