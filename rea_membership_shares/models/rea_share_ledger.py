# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import float_compare

from odoo.addons.rea_base.server_api import server_only

from ..formatting import format_amount, format_shares

# One aggregate over the share lines; a filter given as None is left out
# (the constants are folded by the planner: the indexes stay usable).
HELD_QUERY = """
    SELECT partner_id, share_product_id, SUM(quantity), SUM(total_amount)
      FROM rea_share_line
     WHERE partner_id IN %(partners)s
       AND (%(product)s IS NULL OR share_product_id = %(product)s)
       AND (%(project)s IS NULL OR project_id = %(project)s)
       AND (%(date)s IS NULL OR effective_date <= %(date)s::date)
  GROUP BY partner_id, share_product_id
  ORDER BY partner_id, share_product_id
"""


class ReaShareLedger(models.AbstractModel):
    """The one owner of share holdings.

    What a member holds is kept in three places that must agree: the share
    lines (current holdings, one per acquisition), the append-only register,
    and the member's share account in REA (a resource per share type whose
    quantity only events move). Every change goes through ``issue``,
    ``redeem``, ``move`` and ``convert``, which write all three; every
    question "how many shares does X hold" through ``held`` (and
    ``held_quantity``, ``held_value``, ``held_totals``); who may hold a share
    type through ``get_eligibility_errors``.

    An AbstractModel rather than methods on ``rea.share.line``: the ledger
    writes three models, none of which owns the others, and other addons
    extend it (``_inherit = "rea.share.ledger"``) through its ``_get_*_vals``
    hooks.

    The writers trust their caller: the flow that owns the decision (a paid
    subscription request, an approved operation) checks who acts, then calls
    the ledger as superuser (``env["rea.share.ledger"].sudo()``). They take
    records, not ids.
    """

    _name = "rea.share.ledger"
    _description = "Share ledger"

    # Holdings -------------------------------------------------------------

    @api.model
    def _query_held(self, partners, product=None, project=None, date=None):
        """Rows ``(partner_id, product_id, quantity, value)`` of the share
        lines of ``partners`` (int, int, int, float), one query (none for
        unsaved partners)."""
        ids = tuple(i for i in partners.ids if isinstance(i, int))
        if not ids:
            return []
        # Lines issued in this transaction may not have their stored amounts
        # written yet: the query reads the table, not the cache.
        self.env["rea.share.line"].recompute()
        self.env.cr.execute(
            HELD_QUERY,
            {
                "partners": ids,
                "product": product.id if product else None,
                "project": project.id if project else None,
                "date": date or None,
            },
        )
        # SUM of a numeric column comes back as a Decimal.
        return [
            (partner_id, product_id, int(quantity or 0), float(value or 0.0))
            for partner_id, product_id, quantity, value in self.env.cr.fetchall()
        ]

    @api.model
    @server_only
    def held(self, partner, product=None, project=None, date=None):
        """What ``partner`` holds, per share type: ``{product.product:
        {"quantity": int, "value": float}}``, the value at the prices the
        shares were acquired at. Only ``product``, only in ``project``, at
        ``date`` (included) when given. One SQL query."""
        products = self.env["product.product"]
        result = {}
        for __, product_id, quantity, value in self._query_held(
            partner, product, project, date
        ):
            if quantity:
                result[products.browse(product_id)] = {
                    "quantity": quantity,
                    "value": value,
                }
        return result

    @api.model
    @server_only
    def held_quantity(self, partner, product=None, project=None, date=None):
        """Number of shares ``held`` (all types summed)."""
        held = self.held(partner, product=product, project=project, date=date)
        return sum(h["quantity"] for h in held.values())

    @api.model
    @server_only
    def held_value(self, partner, product=None, project=None, date=None):
        """Value of the shares ``held``, at the prices they were acquired at."""
        held = self.held(partner, product=product, project=project, date=date)
        return sum(h["value"] for h in held.values())

    @api.model
    @server_only
    def held_totals(self, partners):
        """``{partner_id: (quantity, value)}`` for several partners, one
        query (partners holding nothing are left out)."""
        totals = {}
        for partner_id, __, quantity, value in self._query_held(partners):
            old_quantity, old_value = totals.get(partner_id, (0, 0.0))
            totals[partner_id] = (old_quantity + quantity, old_value + value)
        return totals

    @api.model
    def _get_lines_to_take(self, partner, product):
        """The share lines shares of ``product`` leave ``partner`` from:
        newest first."""
        return (
            self.env["rea.share.line"]
            .sudo()
            .search(
                [
                    ("partner_id", "=", partner.id),
                    ("share_product_id", "=", product.id),
                ],
                order="effective_date desc, id desc",
            )
        )

    @api.model
    @server_only
    def estimate_value(self, partner, product, quantity):
        """Value of ``quantity`` shares of ``product`` taken from ``partner``
        as ``redeem``/``move``/``convert`` would take them: newest lines
        first, at the price each was acquired at; the nominal price for what
        the lines do not cover."""
        left = max(quantity, 0)
        value = 0.0
        if partner and product:
            for line in self._get_lines_to_take(partner, product):
                if not left:
                    break
                taken = min(left, line.quantity)
                value += taken * line.share_unit_price
                left -= taken
        return value + left * product.list_price

    # Who may hold a share type ---------------------------------------------

    @api.model
    @server_only
    def get_eligibility_errors(
        self,
        partner,
        product,
        quantity,
        value=None,
        is_company=None,
        company=None,
        pending_value=0.0,
        exclude_product=None,
        subscription=False,
    ):
        """Why ``partner`` may not get ``quantity`` more shares of ``product``
        worth ``value`` (default: at the nominal price), as a list of
        ``(rule, message)``; empty when allowed. Rules, in this order:

        - ``audience``: the type is for individuals and/or companies
          (``is_company``, default: the partner's commercial entity);
        - ``minimum``: the forced minimum quantity (subscriptions only);
        - ``maximum``: the maximum value of the type per member, shares held
          and ``pending_value`` (e.g. requests not paid yet) included;
        - ``one_type``: the ``company``'s "one share type per member" of a
          project (shares of ``exclude_product`` do not count: a conversion
          gives them up).

        ``partner`` may be empty (a newcomer): the holdings rules then only
        count ``pending_value``. ``subscription``: the rules and words of the
        subscription form: the visitor is addressed and the first broken rule
        ends the check; otherwise every broken rule is told, naming the
        partner (operations). No rule needs a query unless configured.
        """
        errors = []
        product = product.sudo()
        template = product.product_tmpl_id
        company = company or self.env.user.company_id
        if is_company is None:
            is_company = partner.commercial_partner_id.is_company
        if is_company and not template.share_for_companies:
            errors.append(
                (
                    "audience",
                    (
                        _("This share type is not available to companies.")
                        if subscription
                        else _("%s is not offered to companies.") % product.display_name
                    ),
                )
            )
        if not is_company and not template.share_for_individuals:
            errors.append(
                (
                    "audience",
                    (
                        _("This share type is not available to individuals.")
                        if subscription
                        else _("%s is not offered to individuals.")
                        % product.display_name
                    ),
                )
            )
        if quantity <= 0 or (subscription and errors):
            return errors
        if (
            subscription
            and template.share_min_forced
            and quantity < template.share_min_quantity
        ):
            message = _("Subscribe at least %s shares of this type.") % (
                format_shares(self.env, template.share_min_quantity)
            )
            return errors + [("minimum", message)]
        maximum = template.share_max_value
        if maximum:
            held = (self.held_value(partner, product) if partner else 0.0) + (
                pending_value or 0.0
            )
            if value is None:
                value = quantity * product.list_price
            total = held + value
            rounding = company.currency_id.rounding or 0.01
            if float_compare(total, maximum, precision_rounding=rounding) > 0:
                if subscription:
                    message = _(
                        "A member may hold at most %(max)s of this share type "
                        "(%(held)s already held or requested)."
                    ) % {
                        "max": format_amount(self.env, maximum, company.currency_id),
                        "held": format_amount(self.env, held, company.currency_id),
                    }
                    return errors + [("maximum", message)]
                message = _(
                    "%(partner)s would hold %(value)s of shares, more than "
                    "the maximum of %(maximum)s for %(type)s."
                ) % {
                    "partner": partner.display_name,
                    "value": format_amount(self.env, total, company.currency_id),
                    "maximum": format_amount(self.env, maximum, company.currency_id),
                    "type": product.display_name,
                }
                errors.append(("maximum", message))
        if partner and company.share_one_type_per_member:
            held = self.held(partner, project=template.share_project_id)
            others = [p for p in held if p not in (product, exclude_product)]
            if others:
                if subscription:
                    message = _(
                        "You already hold another share type of this project: "
                        "members hold one share type only."
                    )
                else:
                    message = _(
                        "%(partner)s already holds shares of %(type)s: one share "
                        "type per member."
                    ) % {
                        "partner": partner.display_name,
                        "type": others[0].display_name,
                    }
                errors.append(("one_type", message))
        return errors

    # Writers -----------------------------------------------------------------

    @api.model
    @server_only
    def issue(
        self,
        partner,
        product,
        quantity,
        date,
        unit_price=None,
        company=None,
        transfer=None,
        note=None,
        register_vals=None,
    ):
        """The project of ``product`` issues ``quantity`` new shares to
        ``partner`` effective at ``date`` (a paid subscription): a cooperator
        number when it has none, an active membership of the project, the
        REA event moving the shares from the project's share account into the
        member's (through ``transfer`` of the caller's exchange when given),
        the share line linked to it and a 'subscription' register line
        (``register_vals`` added). Returns the register line."""
        self._check_quantity(quantity)
        product = product.sudo()
        company = company or self.env.user.company_id
        project = product.share_project_id
        if unit_price is None:
            unit_price = product.list_price
        partner._ensure_cooperator_number(company)
        partner._set_project_membership(project, date)
        # The events first: the share line is created linked to them.
        events = self._record_event(
            project.partner_id, partner, product, quantity, date, transfer, note
        )
        self._add_line(partner, product, quantity, date, unit_price, company, events)
        return self._append_register(
            self._get_register_vals(
                "subscription",
                partner,
                product,
                quantity,
                date,
                company,
                dict(register_vals or {}, share_unit_price=unit_price),
            )
        )

    @api.model
    @server_only
    def redeem(
        self,
        partner,
        product,
        quantity,
        date,
        company=None,
        transfer=None,
        note=None,
        register_vals=None,
    ):
        """``partner`` gives ``quantity`` shares of ``product`` back to the
        project (sell-back): the newest lines first, the REA event back into
        the project's share account, a 'sell_back' register line at the
        prices the shares were acquired at; the membership ends when nothing
        of the project is left. Returns the register line (its
        ``total_amount`` is what the shares were worth)."""
        product = product.sudo()
        company = company or self.env.user.company_id
        project = product.share_project_id
        value = self._take(partner, product, quantity)
        self._record_event(
            partner, project.partner_id, product, quantity, date, transfer, note
        )
        register = self._append_register(
            self._get_register_vals(
                "sell_back",
                partner,
                product,
                quantity,
                date,
                company,
                dict(
                    register_vals or {},
                    share_unit_price=value / quantity,
                    total_amount=value,
                ),
            )
        )
        self._end_membership_if_empty(partner, project, date)
        return register

    @api.model
    @server_only
    def move(
        self,
        partner,
        receiver,
        product,
        quantity,
        date,
        company=None,
        transfer=None,
        note=None,
        register_vals=None,
    ):
        """``partner`` transfers ``quantity`` shares of ``product`` to
        ``receiver``: the giver's newest lines first, a line of the receiver
        at the same value, the REA event between their share accounts, a
        'transfer' register line; the receiver gets a cooperator number and
        the membership, the giver loses the membership when nothing of the
        project is left. Returns the register line."""
        product = product.sudo()
        company = company or self.env.user.company_id
        project = product.share_project_id
        value = self._take(partner, product, quantity)
        unit_price = value / quantity
        events = self._record_event(
            partner, receiver, product, quantity, date, transfer, note
        )
        self._add_line(receiver, product, quantity, date, unit_price, company, events)
        # A receiver who was no member becomes one, numbered.
        receiver._ensure_cooperator_number(company)
        receiver._set_project_membership(project, date)
        register = self._append_register(
            self._get_register_vals(
                "transfer",
                partner,
                product,
                quantity,
                date,
                company,
                dict(
                    register_vals or {},
                    partner_to_id=receiver.id,
                    share_unit_price=unit_price,
                    total_amount=value,
                ),
            )
        )
        self._end_membership_if_empty(partner, project, date)
        return register

    @api.model
    @server_only
    def convert(
        self,
        partner,
        product,
        to_product,
        quantity,
        date,
        company=None,
        transfer=None,
        to_transfer=None,
        note=None,
        register_vals=None,
    ):
        """``partner`` converts ``quantity`` shares of ``product`` into shares
        of ``to_product`` of the same value (at its nominal price; refused
        when the value buys no whole number of them): the old shares go back
        to the project (``transfer``), the new ones come out of it
        (``to_transfer``), a 'conversion' register line. Returns the register
        line (``total_amount``: the value, ``quantity_to``: the new shares)."""
        product = product.sudo()
        to_product = to_product.sudo()
        company = company or self.env.user.company_id
        project_agent = product.share_project_id.partner_id
        value = self._take(partner, product, quantity)
        price = to_product.list_price
        quantity_to = int(round(value / price)) if price else 0
        if not quantity_to or float_compare(
            quantity_to * price,
            value,
            precision_rounding=company.currency_id.rounding or 0.01,
        ):
            raise UserError(
                _("%(amount)s does not buy a whole number of shares of %(type)s.")
                % {
                    "amount": format_amount(self.env, value, company.currency_id),
                    "type": to_product.display_name,
                }
            )
        self._record_event(
            partner, project_agent, product, quantity, date, transfer, note
        )
        events = self._record_event(
            project_agent, partner, to_product, quantity_to, date, to_transfer, note
        )
        self._add_line(partner, to_product, quantity_to, date, price, company, events)
        return self._append_register(
            self._get_register_vals(
                "conversion",
                partner,
                product,
                quantity,
                date,
                company,
                dict(
                    register_vals or {},
                    share_to_product_id=to_product.id,
                    quantity_to=quantity_to,
                    share_unit_price=value / quantity,
                    share_to_unit_price=price,
                    total_amount=value,
                ),
            )
        )

    # Hooks ----------------------------------------------------------------

    @api.model
    def _get_share_line_vals(
        self, partner, product, quantity, date, unit_price, company, events
    ):
        """Values of the share line of an acquisition (hook)."""
        vals = {
            "partner_id": partner.id,
            "project_id": product.share_project_id.id,
            "share_product_id": product.id,
            "quantity": quantity,
            "share_unit_price": unit_price,
            "effective_date": date,
            "company_id": company.id,
        }
        if events:
            vals["rea_event_ids"] = [(6, 0, events.ids)]
        return vals

    @api.model
    def _get_register_vals(
        self, register_type, partner, product, quantity, date, company, values=None
    ):
        """Values of a register line of type ``register_type`` (hook);
        ``values``: what the writer knows besides (receiver, prices, amounts,
        the request or operation that made it)."""
        vals = {
            "type": register_type,
            "date": date,
            "partner_id": partner.id,
            "project_id": product.share_project_id.id,
            "share_product_id": product.id,
            "quantity": quantity,
            "share_unit_price": product.list_price,
            "company_id": company.id,
            "user_id": self.env.uid,
        }
        vals.update(values or {})
        if "total_amount" not in vals:
            vals["total_amount"] = vals["quantity"] * vals["share_unit_price"]
        return vals

    @api.model
    def _get_share_event_vals(self, provider, receiver, product, quantity, date, note):
        """Values of the transfer event moving shares from ``provider``'s
        share account to ``receiver``'s when no exchange records them
        (hook)."""
        template = product.sudo().product_tmpl_id
        return {
            "action_id": self.env.ref("rea_base.action_transfer").id,
            "provider_id": provider.id,
            "receiver_id": receiver.id,
            "resource_conforms_to_id": template.id,
            "resource_id": provider.get_rea_account(template).id,
            "to_resource_id": receiver.get_rea_account(template).id,
            "resource_quantity": quantity,
            "resource_unit_id": template.uom_id.id,
            "has_point_in_time": self.env["rea.transfer"]._normalize_datetime(date),
            "context_id": template.share_project_id.partner_id.id,
            "note": note or False,
        }

    # Correction ---------------------------------------------------------------

    @api.model
    @server_only
    def correct_date(self, line, date, note):
        """The one correction the register accepts: the acquisition of the
        share line ``line`` was effective at ``date``. The register line(s)
        of that acquisition follow, the REA events that recorded it are
        corrected and recorded again at ``date`` (``note``). Returns
        ``(register lines, re-entered events)``."""
        registers = self._get_register_lines(line)
        line.write({"effective_date": date})
        registers.write({"date": date})
        return registers, self._redate_events(line, date, note)

    @api.model
    def _get_register_lines(self, line):
        """The register line(s) that recorded the acquisition of ``line``:
        same date, share type and member (receiver of a transfer, holder of
        a subscription or conversion); the one of the same quantity when
        several match, none when that stays ambiguous."""
        partner = line.partner_id.id
        product = line.share_product_id.id
        candidates = (
            self.env["rea.share.register"]
            .sudo()
            .search(
                [
                    ("date", "=", line.effective_date),
                    ("company_id", "=", line.company_id.id),
                    "|",
                    "|",
                    "&",
                    "&",
                    ("type", "=", "subscription"),
                    ("partner_id", "=", partner),
                    ("share_product_id", "=", product),
                    "&",
                    "&",
                    ("type", "=", "transfer"),
                    ("partner_to_id", "=", partner),
                    ("share_product_id", "=", product),
                    "&",
                    "&",
                    ("type", "=", "conversion"),
                    ("partner_id", "=", partner),
                    ("share_to_product_id", "=", product),
                ],
                order="register_number",
            )
        )
        if len(candidates) <= 1:
            return candidates
        same_quantity = candidates.filtered(
            lambda r: (r.quantity_to if r.type == "conversion" else r.quantity)
            == line.quantity
        )
        return same_quantity[:1]

    @api.model
    def _redate_events(self, line, date, note):
        """Give the REA events of the acquisition of ``line`` the date
        ``date``.

        Events are facts that cannot be edited: each one is reversed by a
        correcting event (``rea.event.correct``) and recorded again at the
        new date with the same quantities, resources, transfer and
        commitment, so the share accounts end as they were. Returns the
        re-entered events, which the line links from now on.
        """
        events = line.rea_event_ids.filtered(
            lambda e: not e.is_corrected and not e.corrects_event_id
        )
        event_model = self.env["rea.event"]
        new_events = event_model.browse()
        # All or nothing, like ``correct`` itself.
        with self.env.clear_upon_failure(), self.env.cr.savepoint():
            for event in events:
                event.correct(note=note)
                new_events |= event_model.create(
                    self._prepare_redated_vals(event, date)
                )
            line.write({"rea_event_ids": [(6, 0, new_events.ids)]})
        return new_events

    @api.model
    def _prepare_redated_vals(self, event, date):
        """Values of ``event`` recorded again on ``date``: what a correction
        copies (rea_base's documented list, extended by the modules that add
        fields to events), its quantities and note, its dates moved by the
        same number of days (the time of day stays)."""
        shift = fields.Date.from_string(date) - (
            fields.Datetime.from_string(event.has_point_in_time).date()
        )
        vals = {}
        for fname in event._get_correction_copy_fields():
            value = event[fname]
            vals[fname] = value.id if isinstance(value, models.BaseModel) else value
        for fname in ("has_point_in_time", "has_beginning", "has_end"):
            if event[fname]:
                vals[fname] = fields.Datetime.to_string(
                    fields.Datetime.from_string(event[fname]) + shift
                )
        vals.update(
            {
                "resource_quantity": event.resource_quantity,
                "effort_quantity": event.effort_quantity,
                "money_value": event.money_value,
                "note": event.note,
            }
        )
        return vals

    # Internals --------------------------------------------------------------

    @api.model
    def _check_quantity(self, quantity):
        if quantity <= 0:
            raise UserError(_("The number of shares must be positive."))

    @api.model
    def _add_line(self, partner, product, quantity, date, unit_price, company, events):
        return self.env["rea.share.line"].create(
            self._get_share_line_vals(
                partner, product, quantity, date, unit_price, company, events
            )
        )

    @api.model
    def _take(self, partner, product, quantity):
        """Take ``quantity`` shares of ``product`` from ``partner``, newest
        lines first; returns their value at the prices they were acquired
        at. Raises UserError when fewer are held."""
        self._check_quantity(quantity)
        lines = self._get_lines_to_take(partner, product)
        held = sum(lines.mapped("quantity"))
        if held < quantity:
            raise UserError(
                _("%(partner)s holds %(held)s shares of %(type)s, not %(qty)s.")
                % {
                    "partner": partner.display_name,
                    "held": format_shares(self.env, held),
                    "type": product.display_name,
                    "qty": format_shares(self.env, quantity),
                }
            )
        value = 0.0
        left = quantity
        for line in lines:
            if not left:
                break
            take = min(left, line.quantity)
            value += line.share_unit_price * take
            if take == line.quantity:
                line.unlink()
            else:
                line.quantity -= take
            left -= take
        return value

    @api.model
    def _record_event(
        self, provider, receiver, product, quantity, date, transfer, note
    ):
        """The REA event of the shares moving: through ``transfer`` (an
        exchange's) when given, else one transfer event."""
        if transfer:
            return transfer.with_env(self.env).record_event(
                quantity, date=date, note=note
            )
        return self.env["rea.event"].create(
            self._get_share_event_vals(
                provider, receiver, product, quantity, date, note
            )
        )

    @api.model
    def _append_register(self, vals):
        """Number and append a register line (the register refuses any
        other write)."""
        vals = dict(vals)
        vals["register_number"] = int(
            self.env["ir.sequence"]
            .sudo()
            .with_context(force_company=vals["company_id"])
            .next_by_code("rea.share.register")
        )
        return self.env["rea.share.register"].sudo().create(vals)

    @api.model
    def _end_membership_if_empty(self, partner, project, date):
        """A member left with no shares of ``project`` leaves it."""
        if not self.held(partner, project=project):
            partner._end_project_membership(project, date)
