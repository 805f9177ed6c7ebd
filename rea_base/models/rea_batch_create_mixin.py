# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import api, models


class ReaBatchCreateMixin(models.AbstractModel):
    """Create many records of a model in a few queries.

    Odoo 11 creates records one by one (an INSERT, then the stored computed
    fields row by row). Events of a distribution and the money accounts it
    opens come by the thousand: this inserts their rows in one query and then
    does what the ORM does after an insert, together for all of them. Only
    plain column values are accepted (``_has_column_vals_only``); callers
    fall back to ``create`` otherwise.
    """

    _name = "rea.batch.create.mixin"
    _description = "REA batch creation"

    @api.model
    def _has_column_vals_only(self, vals_list):
        """Whether every value of ``vals_list`` is a column of this model's
        own table (no relational lists, no inherited or non-stored field)."""
        for vals in vals_list:
            for fname in vals:
                field = self._fields.get(fname)
                if not (field and field.store and field.column_type) or (
                    field.inherited
                ):
                    return False
        return True

    @api.model
    def _insert_batch(self, vals_list):
        """Insert the rows in one query (ids drawn from the sequence first, so
        that they follow ``vals_list``), then do what the ORM does after an
        insert: stored computed values, fields of other records that depend
        on these records, Python constraints, record rules."""
        cr = self.env.cr
        booleans = [
            name
            for name, field in self._fields.items()
            if field.type == "boolean" and field.store and field.column_type
        ]
        for vals in vals_list:
            # As in create: the ORM sets the log columns itself.
            for name in models.MAGIC_COLUMNS:
                vals.pop(name, None)
            for name in booleans:
                vals.setdefault(name, False)
            for name, value in vals.items():
                if value and hasattr(self._fields[name], "selection"):
                    self._check_selection_field_value(name, value)
        names = sorted(set().union(*vals_list))
        cr.execute(
            "SELECT nextval(%s) FROM generate_series(1, %s)",
            (self._sequence, len(vals_list)),
        )
        ids = [row[0] for row in cr.fetchall()]
        now = "(now() at time zone 'UTC')"
        formats = [self._fields[name].column_format for name in names]
        row_format = "(%s)" % ", ".join(["%s"] + formats + ["%s", "%s", now, now])
        params = []
        for new_id, vals in zip(ids, vals_list):
            params.append(new_id)
            for name in names:
                value = vals.get(name)
                params.append(
                    self._fields[name].convert_to_column(value, self, vals)
                    if name in vals
                    else None
                )
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
        batch._store_computed_batch()
        batch._validate_fields(names)
        if self.env.recompute and self._context.get("recompute", True):
            batch.recompute()
        records.check_access_rule("create")
        return records

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
    def _store_computed_batch(self):
        """Compute the stored computed fields of these records together and
        write them all in one query (the ORM's recompute writes row by row
        when the values differ, as names do; and each UPDATE of a row writes
        a new version of it)."""
        columns = {}
        for field in self._fields.values():
            if not (field.store and field.compute and field.column_type):
                continue
            records = self._recompute_check(field)
            if not records:
                continue
            values = {
                record.id: field.convert_to_column(
                    field.convert_to_write(record[field.name], record), record
                )
                for record in records
            }
            records._recompute_done(field)
            # The rows were inserted with NULL there: only values to write.
            if any(value is not None for value in values.values()):
                columns[field] = values
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
            # A record without a value for a field keeps what it has.
            sets=", ".join(
                '"{0}" = COALESCE(v."{0}", "{1}"."{0}")'.format(f.name, self._table)
                for f in fields_
            ),
            arrays=", ".join("%s::{}[]".format(f.column_type[1]) for f in fields_),
            names=", ".join('"%s"' % f.name for f in fields_),
        )
        params = [ids] + [[columns[f].get(rid) for rid in ids] for f in fields_]
        self.env.cr.execute(query, params)
