# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import fields, models

from .rea_claim import VALUE_DIGITS


class ReaClaimPayment(models.Model):
    """What one distribution paid on one claim, and by how much the claim
    went down (to undo it on cancellation)."""

    _name = "rea.claim.payment"
    _description = "REA Claim Payment"
    _order = "id desc"
    # Written once by a distribution, which records who and when; one row
    # per claim paid (100,000 in one go), so no author columns.
    _log_access = False

    claim_id = fields.Many2one(
        "rea.claim", required=True, ondelete="cascade", index=True, readonly=True
    )
    distribution_id = fields.Many2one(
        "rea.distribution",
        required=True,
        ondelete="cascade",
        index=True,
        readonly=True,
    )
    agent_id = fields.Many2one(related="claim_id.agent_id", readonly=True)
    event_id = fields.Many2one(related="claim_id.event_id", readonly=True)
    amount = fields.Float(digits=VALUE_DIGITS, readonly=True)
    reduction = fields.Float(
        digits=VALUE_DIGITS,
        readonly=True,
        help="How much the outstanding value of the claim went down.",
    )
