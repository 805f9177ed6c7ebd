# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from email.utils import formataddr

from odoo import SUPERUSER_ID, _, api, fields, models
from odoo.exceptions import UserError, ValidationError

from .rea_subscription_request import ACTOR_KEY, APPLICANT_KEY, FORM_FIELDS, STATES


# One model split by concern over several files (see models/__init__.py).
# pylint: disable=consider-merging-classes-inherited
class ReaSubscriptionRequest(models.Model):
    """The state machine (``action_*``) and the e-mails of each step."""

    _inherit = "rea.subscription.request"

    # Who may act -------------------------------------------------------------

    @api.multi
    def _check_can_process(self):
        """Raise AccessError unless the caller may run the workflow of these
        requests: write access and record rules, i.e. cooperative users and
        managers (coordinators and members only read requests).

        Validation writes as superuser (the member's agent, the invoice):
        every step calls this first, before any business rule.
        """
        self.check_access_rights("write")
        self.check_access_rule("write")
        return True

    @api.model
    def _check_can_request_for(self, project):
        """Raise AccessError unless the caller may create requests for
        ``project``, before a request exists: create access (cooperative
        users and managers, for every project). Extend to narrow it."""
        self.check_access_rights("create")
        return True

    # State machine ---------------------------------------------------------

    @api.multi
    def _check_state(self, allowed, action):
        for request in self:
            if request.state not in allowed:
                raise UserError(
                    _("Cannot %(action)s the request %(name)s in state '%(state)s'.")
                    % {
                        "action": action,
                        "name": request.name,
                        "state": dict(STATES)[request.state],
                    }
                )

    @api.multi
    def action_validate(self):
        """Validate: create the member's agent and the capital release
        invoice, and send it."""
        self._check_can_process()
        self._check_state(("draft", "waiting"), _("validate"))
        for request in self:
            errors = request.check_values(request._get_check_values(), as_staff=True)
            if errors:
                raise ValidationError(
                    _("The request %(name)s cannot be validated:\n%(errors)s")
                    % {
                        "name": request.name,
                        "errors": "\n".join(sorted(set(errors.values()))),
                    }
                )
            req = request._sudo_as_actor()
            # The member and the new state in one write: what depends on
            # them (the member's candidate flag) is recomputed once. A
            # failure below undoes the whole validation.
            req._ensure_partner(
                {"state": "done", "validation_date": fields.Date.context_today(req)}
            )
            invoice = req._create_capital_release_invoice()
            req.write({"invoice_id": invoice.id})
            req._send_capital_release_mail()
        return True

    @api.multi
    def _get_check_values(self):
        """The request's values in the shape ``check_values`` reads."""
        self.ensure_one()
        values = {}
        request = self.sudo()
        for name in FORM_FIELDS + ("skip_iban_check", "company_id"):
            field = self._fields[name]
            value = request[name]
            if field.type == "many2one":
                value = value.id
            values[name] = value
        # A request counts itself among the pending ones: do not count twice.
        values["_exclude_request"] = self.id
        return values

    @api.multi
    def action_put_on_waiting_list(self):
        self._check_can_process()
        self._check_state(("draft",), _("put on the waiting list"))
        self.write({"state": "waiting"})
        for request in self:
            request._send_mail("waiting_list")
        return True

    @api.multi
    def action_block(self):
        self._check_can_process()
        self._check_state(("draft",), _("block"))
        return self.write({"state": "blocked"})

    @api.multi
    def action_unblock(self):
        self._check_can_process()
        self._check_state(("blocked",), _("unblock"))
        return self.write({"state": "draft"})

    @api.multi
    def action_cancel(self):
        self._check_can_process()
        self._check_state(("draft", "waiting", "blocked", "done"), _("cancel"))
        for request in self:
            invoice = request.sudo().invoice_id
            if invoice.state == "open" and not invoice.payment_move_line_ids:
                journal = invoice.journal_id
                # account_cancel guards posted entries of journals that do
                # not allow cancelling; an unpaid capital release may go.
                if "update_posted" in journal._fields and not journal.update_posted:
                    journal.update_posted = True
                invoice.action_invoice_cancel()
            request._cancel_exchange()
        return self.write({"state": "cancelled"})

    @api.multi
    def action_draft(self):
        """A cancelled request without invoice can start again."""
        self._check_can_process()
        self._check_state(("cancelled",), _("reset to draft"))
        if self.filtered("invoice_id"):
            raise UserError(
                _("A request with a capital release request cannot go back to draft.")
            )
        return self.write({"state": "draft"})

    @api.multi
    def action_view_invoice(self):
        self.ensure_one()
        self._rea_check_readable()
        action = self.env.ref("account.action_invoice_tree1").read()[0]
        action.update(
            {
                "res_id": self.invoice_id.id,
                "views": [(self.env.ref("account.invoice_form").id, "form")],
                "view_mode": "form",
                "domain": [("id", "=", self.invoice_id.id)],
            }
        )
        return action

    @api.multi
    def action_open_payment_wizard(self):
        """Opens the payment wizard: for who may process the request and
        confirm payments (the wizard's own check)."""
        self.ensure_one()
        self._check_can_process()
        self.env["rea.subscription.payment"]._check_caller()
        return {
            "type": "ir.actions.act_window",
            "name": _("Confirm payment"),
            "res_model": "rea.subscription.payment",
            "view_mode": "form",
            "target": "new",
            "context": {"default_request_id": self.id},
        }

    # Authors of the messages ---------------------------------------------------
    # The steps run partly as superuser (the member's agent, the invoice):
    # without care their messages would be signed by Administrator. The
    # caller names who acts before switching to the superuser.

    @api.model
    def _get_actor(self):
        """The partner acting: the user, unless it is the website's public
        user or the superuser; as superuser, the one the caller named before
        switching. A name in a user's own context is not trusted: a client
        could sign as anyone."""
        user = self.env.user
        if self.env.uid == SUPERUSER_ID:
            actor_id = self.env.context.get(ACTOR_KEY)
            return self.env["res.partner"].browse(actor_id or [])
        if user._is_public():
            return self.env["res.partner"]
        return user.partner_id

    @api.model
    def _actor_context(self, default=None):
        """The context naming the actor, ``default`` (a partner) when the
        user is nobody in particular (superuser, public user)."""
        actor = self._get_actor() or default
        return {ACTOR_KEY: actor.id} if actor else {}

    @api.multi
    def _sudo_as_actor(self):
        return self.with_context(**self._actor_context()).sudo()

    @api.multi
    def _get_message_author_values(self):
        """``message_post`` values signing a message by who acts; none
        (Odoo's default, the user) when nobody was named."""
        actor = self._get_actor()
        if actor:
            return {"author_id": actor.id}
        if self.env.context.get(APPLICANT_KEY) and len(self) == 1:
            # A website request: the applicant, known by e-mail until the
            # request is validated.
            if self.partner_id:
                return {"author_id": self.partner_id.id}
            if self.email:
                return {
                    "author_id": False,
                    "email_from": formataddr((self.name or "", self.email)),
                }
        return {}

    @api.multi
    @api.returns("self", lambda value: value.id)
    def message_post(self, **kwargs):
        if "author_id" not in kwargs:
            kwargs.update(self._get_message_author_values())
        return super().message_post(**kwargs)

    # E-mails ----------------------------------------------------------------

    @api.multi
    def _send_mail(self, kind):
        """Send the e-mail ``kind`` (confirmation, waiting_list) when the
        company sends it; a company's request gets the company variant of
        the confirmation."""
        for request in self:
            company = request.company_id
            if not company["share_mail_%s" % kind]:
                continue
            template_kind = kind
            if kind == "confirmation" and request.is_company:
                template_kind = "confirmation_company"
            template = company.get_share_mail_template(template_kind)
            # Sent by the staff member who acted, else by the company (to
            # an applicant, not by them).
            author = request._get_actor() or company.partner_id
            template.sudo().send_mail(request.id, email_values={"author_id": author.id})
        return True

    @api.multi
    def _send_certificate_mail(self, increase=False):
        self.ensure_one()
        company = self.company_id
        if increase:
            if not company.share_mail_increase:
                return False
            template = company.get_share_mail_template("increase")
        else:
            if not company.share_mail_certificate:
                return False
            # The share type's own certificate beats the company's choice.
            template = self.share_product_id.share_certificate_template_id or (
                company.get_share_mail_template("certificate")
            )
        return template.sudo().send_mail(self.partner_id.id)
