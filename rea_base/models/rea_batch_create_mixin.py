# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import api, fields, models
from odoo.tools import float_repr, float_round

# Key, in the cursor's cache, of the columns ``_compute_stored_columns``
# reads ahead for the related fields it computes: {model: {fname: {id: value}}}.
COLUMNS_AHEAD_KEY = "rea_batch_create_columns_ahead"


class Facts(dict):
    """Plain values of a record (ids for relations), read for many records
    at once: checks and effects written over them cost a dictionary lookup
    per value instead of an ORM attribute access (cache, conversion, browse
    of a relation). Values read as attributes: ``facts.action_id`` (keys
    named like a dict method, e.g. ``values``, only as ``facts["values"]``)."""

    __slots__ = ()

    def __getattr__(self, name):
        try:
            return self[name]
        except KeyError:
            raise AttributeError(name)


class ReaBatchCreateMixin(models.AbstractModel):
    """Create many records of a model in a few queries.

    Odoo 11 creates records one by one (an INSERT, then the stored computed
    fields row by row). Events of a distribution and the money accounts it
    opens come by the thousand: this inserts their rows in one query and then
    does what the ORM does after an insert, together for all of them. Only
    plain column values are accepted (``_has_column_vals_only``); other lists
    are created one by one with ``create``.

    ``create_batch`` is the one implementation; a model adapts it through
    the hooks below (``_prepare_create_vals``, ``_can_create_batch``,
    ``_create_batch_rows``...), see readme/DEVELOP.rst.
    """

    _name = "rea.batch.create.mixin"
    _description = "REA batch creation"

    @api.model
    def create_batch(self, vals_list):
        """Create several records; return them in the order of ``vals_list``.

        Each gets what ``create`` gives it (``_prepare_create_vals``,
        defaults, stored computed values, constraints, record rules), but the
        rows and their stored computed values are written in a few queries
        whatever their number (``_create_batch_rows``). Lists the batch path
        does not cover (``_can_create_batch``) are created one by one
        (``_create_one_by_one``).
        """
        self.check_access_rights("create")
        prepared = self._add_missing_default_values_batch(
            [self._prepare_create_batch_vals(vals) for vals in vals_list]
        )
        if not prepared:
            return self.browse()
        if not self._can_create_batch(prepared):
            return self._create_one_by_one(vals_list)
        return self._create_batch_rows(prepared)

    @api.model
    def _prepare_create_vals(self, vals):
        """``vals`` completed as every creation of this model completes them
        (extension hook: the model's ``create`` calls it too); by default
        unchanged."""
        return vals

    @api.model
    def _prepare_create_batch_vals(self, vals):
        """One of the values given to ``create_batch``, completed (and
        checked) as ``create`` would: by default ``_prepare_create_vals``.
        Extension hook for a ``create`` that does more before its insert."""
        return self._prepare_create_vals(vals)

    @api.model
    def _can_create_batch(self, vals_list):
        """Whether ``create_batch`` may insert the rows of ``vals_list``
        (prepared, with their defaults) together: by default when they hold
        column values only. Extension hook: a model refuses more."""
        return self._has_column_vals_only(vals_list)

    @api.model
    def _create_one_by_one(self, vals_list):
        """``create_batch`` of a list the batch path does not cover: each
        of ``vals_list`` (as given) created with ``create``."""
        return self.browse([self.create(vals).id for vals in vals_list])

    @api.model
    def _create_batch_rows(self, vals_list):
        """``create_batch`` of ``vals_list`` (prepared, with their defaults):
        the rows inserted together (``_insert_batch``). Extension hook: a
        model makes it atomic or records more with the rows."""
        return self._insert_batch(vals_list)

    @api.model
    def _has_column_vals_only(self, vals_list):
        """Whether every value of ``vals_list`` is a column of this model's
        own table (no relational lists, no inherited or non-stored field)."""
        columns = {
            name
            for name, field in self._fields.items()
            if field.store and field.column_type and not field.inherited
        }
        return all(columns.issuperset(vals) for vals in vals_list)

    @api.model
    def _add_missing_default_values_batch(self, vals_list):
        """``_add_missing_default_values`` of each of ``vals_list``, computed
        once per set of given fields: defaults depend on the context and on
        which fields are missing, not on the given values (a thousand
        default_get calls cost more than inserting the rows)."""
        defaults_by_fields = {}
        result = []
        for vals in vals_list:
            key = frozenset(vals)
            defaults = defaults_by_fields.get(key)
            if defaults is None:
                completed = self._add_missing_default_values(dict(vals))
                defaults = defaults_by_fields[key] = {
                    name: value for name, value in completed.items() if name not in key
                }
            completed = dict(defaults)
            completed.update(vals)
            result.append(completed)
        return result

    @api.model
    def _draw_ids(self, count):
        """``count`` new ids from this table's sequence, in order."""
        self.env.cr.execute(
            "SELECT nextval(%s) FROM generate_series(1, %s)", (self._sequence, count)
        )
        return [row[0] for row in self.env.cr.fetchall()]

    @api.model
    def _insert_batch(self, vals_list, pending=None, ids=None, computed=None):
        """Insert the rows in one query (ids drawn from the sequence first, so
        that they follow ``vals_list``), then do what the ORM does after an
        insert: stored computed values, fields of other records that depend
        on these records, Python constraints, record rules.

        Stored computed values known before the insert are inserted with the
        rows: those of ``computed`` (``{fname: {id: value}}``, values as the
        field's compute gives them, for ``ids`` drawn by ``_draw_ids``) and
        the related fields through a many2one column
        (``_compute_related_from_vals``). Updating rows inserted in the same
        transaction costs as much as inserting them: PostgreSQL writes a new
        version of each, indexes included, and checks its foreign keys again.

        ``pending``: a dict to receive the other stored computed values
        (``{field: {id: column value}}``) instead of writing them now, for a
        caller that writes more columns of the new rows later: it then
        writes all in one UPDATE (``_write_columns_batch``)."""
        if ids is None:
            ids = self._draw_ids(len(vals_list))
        computed = dict(computed or {})
        for fname, values in self._compute_related_from_vals(ids, vals_list).items():
            computed.setdefault(fname, values)
        if computed:
            vals_list = [
                dict(vals, **{fname: computed[fname][new_id] for fname in computed})
                for new_id, vals in zip(ids, vals_list)
            ]
        cr = self.env.cr
        booleans = [
            name
            for name, field in self._fields.items()
            if field.type == "boolean" and field.store and field.column_type
        ]
        selections = [
            name for name, field in self._fields.items() if hasattr(field, "selection")
        ]
        for vals in vals_list:
            # As in create: the ORM sets the log columns itself.
            for name in models.MAGIC_COLUMNS:
                vals.pop(name, None)
            for name in booleans:
                vals.setdefault(name, False)
            for name in selections:
                if vals.get(name):
                    self._check_selection_field_value(name, vals[name])
        names = sorted(set().union(*vals_list))
        now = "(now() at time zone 'UTC')"
        formats = [self._fields[name].column_format for name in names]
        converters = [self._get_column_converter(self._fields[name]) for name in names]
        row_format = "(%s)" % ", ".join(["%s"] + formats + ["%s", "%s", now, now])
        params = []
        for new_id, vals in zip(ids, vals_list):
            params.append(new_id)
            for name, convert in zip(names, converters):
                params.append(convert(vals[name], vals) if name in vals else None)
            params.extend([self._uid, self._uid])
        columns = ["id"] + names + ["create_uid", "write_uid"]
        columns += ["create_date", "write_date"]
        cr.execute(
            'INSERT INTO "%s" (%s) VALUES %s'
            % (
                self._table,
                ", ".join('"%s"' % column for column in columns),
                ", ".join([row_format] * len(vals_list)),
            ),
            params,
        )
        records = self.browse(ids)
        # Marked to compute in the batch reader: the computation runs on the
        # records as marked.
        batch = records._batch_reader()
        batch.modified(self._fields)
        for fname in computed:
            batch._recompute_done(self._fields[fname])
        if pending is None:
            batch._store_computed_batch()
        else:
            pending.update(batch._compute_stored_columns())
        batch._validate_fields(names)
        if self.env.recompute and self._context.get("recompute", True):
            batch.recompute()
        records.check_access_rule("create")
        return records

    @api.model
    def _get_column_converter(self, field):
        """``convert(value, vals)``: ``field.convert_to_column`` for the rows
        of a batch. A float's digits are looked up once, not once per row
        (a decimal precision lookup per value costs more than the insert)."""
        if field.type == "float" and field.digits:
            # As fields.Float.convert_to_column, with the digits of this batch.
            digits = field.digits[1]

            def convert(value, vals):
                return float_repr(
                    float_round(float(value or 0.0), precision_digits=digits),
                    precision_digits=digits,
                )

            return convert
        # The same as these fields' convert_to_column, without a method call
        # per value.
        plain = {
            fields.Many2one: lambda value, vals: value or None,
            fields.Boolean: lambda value, vals: bool(value),
            fields.Integer: lambda value, vals: int(value or 0),
        }
        for field_class, convert in plain.items():
            if (
                isinstance(field, field_class)
                and type(field).convert_to_column is field_class.convert_to_column
            ):
                return convert
        return lambda value, vals: field.convert_to_column(value, self, vals)

    @api.model
    def _read_facts(self, model_name, ids, fnames, prefetch_fields=False):
        """``{id: Facts}`` of these records of ``model_name``: ``fnames``
        read through the ORM (cache, access rules), each field in one query
        for all of them (with ``prefetch_fields``, a field missing from the
        cache reads all of them); relations as ids (many2one fields only)."""
        records = (
            self.env[model_name]
            .browse(sorted(ids))
            .with_context(prefetch_fields=prefetch_fields)
        )
        facts = {}
        for record in records:
            values = Facts(id=record.id)
            for fname in fnames:
                value = record[fname]
                values[fname] = (
                    value.id if isinstance(value, models.BaseModel) else value
                )
            facts[record.id] = values
        return facts

    @api.multi
    def _cache_empty_one2many(self):
        """Put these just inserted records' one2many fields in cache, empty:
        no row can refer to them yet. Computations reading them (counts of
        validations...) then neither query nor convert anything."""
        cache = self.env.cache
        # Those the stored computed fields depend on (the others may never
        # be read).
        read = {
            dependency.split(".")[0]
            for field in self._fields.values()
            if field.store and field.compute
            for dependency in field.depends
        }
        for fname in read:
            field = self._fields.get(fname)
            if field and field.type == "one2many":
                for record in self:
                    cache.set(record, field, ())

    @api.multi
    def _batch_reader(self):
        """These records, reading only the fields asked for. By default the
        first field read on a record reads all its columns for the whole
        batch, and Odoo 11 converts each value as ``read`` does: for a
        thousand events or partners that costs more than the checks
        themselves. Each field asked is still read for the whole batch in one
        query."""
        return self.with_context(prefetch_fields=False)

    @api.multi
    def _compute_stored_batch(self, field):
        """``{id: value}`` of the stored computed ``field`` for these new
        records (values as ``convert_to_write`` gives them), or None to have
        the ORM compute them record by record. Extension hook for fields that
        are cheap functions of column values.

        A related field through a many2one column is computed once per
        record it points to, not once per record (e.g. the behaviour of a
        thousand accounts of one resource type)."""
        if not self._is_related_through_column(field):
            return None
        first = self._fields[field.related[0]]
        targets = self._read_columns_batch([first.name])[first.name]
        return self._compute_related_of(field, targets)

    @api.model
    def _is_related_through_column(self, field):
        """Whether ``field`` is a stored related field whose first step is a
        many2one column of this table (``_is_related_column``)."""
        return bool(
            field.related
            and len(field.related) > 1
            and field.store
            and field.column_type
            and self._is_related_column(self._fields[field.related[0]])
        )

    @api.model
    def _compute_related_from_vals(self, ids, vals_list):
        """``{fname: {id: value}}`` of the related fields through a many2one
        column that no row of ``vals_list`` gives, from the values of that
        column: known before the insert (e.g. the behaviour of a thousand
        accounts of one resource type)."""
        given = set().union(*vals_list) if vals_list else set()
        computed = {}
        for fname, field in self._fields.items():
            if fname in given or not self._is_related_through_column(field):
                continue
            first = self._fields[field.related[0]]
            targets = {}
            for new_id, vals in zip(ids, vals_list):
                value = vals.get(first.name)
                if isinstance(value, models.BaseModel):
                    value = value.id
                targets[new_id] = value or None
            computed[fname] = self._compute_related_of(field, targets)
        return computed

    @api.model
    def _compute_related_of(self, field, targets):
        """``{id: value}`` of the related ``field`` of the records ``targets``
        (``{id: id its first column points to}``), as ``convert_to_write``
        gives it, each record pointed to followed once."""
        first = self._fields[field.related[0]]
        comodel = self.env[first.comodel_name]
        if field.related_sudo:
            comodel = comodel.sudo()
        # As Field._compute_related: follow the first record at each step.
        by_target = {False: field.convert_to_write(field.null(self), self)}
        for target_id in set(targets.values()) - {None}:
            other = comodel.browse(target_id)
            for name in field.related[1:-1]:
                other = other[name][:1]
            by_target[target_id] = field.convert_to_write(
                other[field.related[-1]], self
            )
        return {
            record_id: by_target[target_id or False]
            for record_id, target_id in targets.items()
        }

    @api.model
    def _is_related_column(self, field):
        """Whether a related field starting with ``field`` is computed by
        ``_compute_stored_batch``: a many2one column of this table."""
        return field.type == "many2one" and field.store and field.column_type

    @api.multi
    def _read_columns_batch(self, fnames):
        """``{fname: {id: value}}`` of these columns of these records, in one
        query; those ``_compute_stored_columns`` read ahead for all the
        related fields it computes are taken from there."""
        if not self.ids:
            return {fname: {} for fname in fnames}
        ahead = self.env.cr.cache.get(COLUMNS_AHEAD_KEY, {}).get(self._name, {})
        if all(fname in ahead for fname in fnames) and all(
            record_id in ahead[fname] for fname in fnames for record_id in self.ids
        ):
            return {
                fname: {rid: ahead[fname][rid] for rid in self.ids} for fname in fnames
            }
        # Names are our own columns, not input.
        self.env.cr.execute(
            'SELECT id, {} FROM "{}" WHERE id IN %s'.format(
                ", ".join('"%s"' % fname for fname in fnames), self._table
            ),
            (tuple(self.ids),),
        )
        columns = {fname: {} for fname in fnames}
        for row in self.env.cr.fetchall():
            for fname, value in zip(fnames, row[1:]):
                columns[fname][row[0]] = value
        return columns

    @api.multi
    def _store_computed_batch(self):
        """Compute the stored computed fields of these records together and
        write them all in one query (the ORM's recompute writes row by row
        when the values differ, as names do; and each UPDATE of a row writes
        a new version of it)."""
        self._write_columns_batch(self._compute_stored_columns())

    @api.multi
    def _compute_stored_columns(self):
        """``{field: {id: column value}}`` of the stored computed fields of
        these new records, marked as computed (not those inserted with
        their value)."""
        computed = [
            field
            for field in self._fields.values()
            if field.store
            and field.compute
            and field.column_type
            and self._recompute_check(field)
        ]
        # Related fields through the same column (the exchange of a
        # transfer gives its type, context and date) read it once: all
        # their first columns in one query.
        firsts = sorted(
            {
                field.related[0]
                for field in computed
                if field.related
                and len(field.related) > 1
                and self._is_related_column(self._fields[field.related[0]])
            }
        )
        ahead = self.env.cr.cache.setdefault(COLUMNS_AHEAD_KEY, {})
        if firsts and self.ids and self._name not in ahead:
            ahead[self._name] = self._read_columns_batch(firsts)
            try:
                return self._compute_stored_columns_of(computed)
            finally:
                del ahead[self._name]
        return self._compute_stored_columns_of(computed)

    @api.multi
    def _compute_stored_columns_of(self, computed):
        """``_compute_stored_columns`` of the stored computed fields
        ``computed``."""
        columns = {}
        emptied = set()
        for field in computed:
            records = self._recompute_check(field)
            if not records:
                continue
            values = records._compute_stored_batch(field)
            if values is None:
                # The ORM computes in the environment the records were
                # marked in (the cache of one2many fields is per environment).
                # Only these new records: others may be marked too.
                if records.env not in emptied:
                    records.browse(
                        set(records.ids) & set(self.ids)
                    )._cache_empty_one2many()
                    emptied.add(records.env)
                values = {
                    record.id: field.convert_to_column(
                        field.convert_to_write(record[field.name], record), record
                    )
                    for record in records
                }
            else:
                values = {
                    record_id: field.convert_to_column(value, self)
                    for record_id, value in values.items()
                }
            records._recompute_done(field)
            # The rows were inserted with NULL there: only values to write.
            if any(value is not None for value in values.values()):
                columns[field] = values
        return columns

    @api.multi
    def _write_columns_batch(self, columns):
        """Write ``{field: {id: column value}}`` in one query; a record
        without a value for a field (or None) keeps what it has."""
        if not columns:
            return
        ids = sorted(set().union(*columns.values()))
        fields_ = sorted(columns, key=lambda f: f.name)
        # Names are our fields' column names and types, not input.
        query = (
            'UPDATE "{table}" SET {sets} '
            "FROM unnest(%s::int[], {arrays}) AS v(id, {names}) "
            'WHERE "{table}".id = v.id'
        ).format(
            table=self._table,
            sets=", ".join(
                '"{0}" = COALESCE(v."{0}", "{1}"."{0}")'.format(f.name, self._table)
                for f in fields_
            ),
            arrays=", ".join("%s::{}[]".format(f.column_type[1]) for f in fields_),
            names=", ".join('"%s"' % f.name for f in fields_),
        )
        params = [ids] + [[columns[f].get(rid) for rid in ids] for f in fields_]
        self.env.cr.execute(query, params)
        # Values computed outside the ORM are not in cache; any read of them
        # before this write would be.
        self.invalidate_cache([f.name for f in fields_], ids)
