# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo.tools.misc import format_date

from .common import ExchangeCase

NEW_YORK = "America/New_York"


class TestCommitmentDueDay(ExchangeCase):
    """The day a user plans a commitment for is the day stored and shown,
    also west of UTC (New York: UTC-5 in winter)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        exchange = cls.make_exchange("sale_fiat", cls.project_a, cls.member_a)
        cls.goods, cls.money = cls.sides(exchange)
        cls.goods.resource_conforms_to_id = cls.board

    def in_tz(self, record, tz):
        return record.with_context(tz=tz)

    def test_day_typed_in_a_commitment_line(self):
        """The transfer form's commitment lines write the due day, as the
        web client saves them."""
        transfer = self.in_tz(self.money, NEW_YORK)
        transfer.write(
            {
                "commitment_ids": [
                    (0, 0, {"due_date": "2027-03-08", "resource_quantity": 30.0})
                ]
            }
        )
        commitment = transfer.commitment_ids
        # Noon in New York, not midnight UTC (7 p.m. on the 7th there).
        self.assertEqual(commitment.due, "2027-03-08 17:00:00")
        self.assertEqual(commitment.due_date, "2027-03-08")
        self.assertEqual(self.in_tz(commitment, "UTC").due_date, "2027-03-08")
        self.assertEqual(transfer.due, "2027-03-08 17:00:00")
        # The portal's date of the transfer's next due date, in the user's zone.
        self.assertEqual(
            format_date(transfer.env, transfer.due, date_format="yyyy-MM-dd"),
            "2027-03-08",
        )
        commitment.write({"due_date": "2027-04-01"})
        # Daylight saving time: New York is UTC-4 in April.
        self.assertEqual(commitment.due, "2027-04-01 16:00:00")
        self.assertEqual(commitment.due_date, "2027-04-01")

    def test_day_given_to_the_server(self):
        """A due given as a day only (a release date, an import) stands for
        that day where the user is; a moment stays as given."""
        by_day = self.in_tz(self.money, NEW_YORK).add_commitment(10.0, due="2027-01-15")
        self.assertEqual(by_day.due, "2027-01-15 17:00:00")
        self.assertEqual(by_day.due_date, "2027-01-15")
        in_madrid = self.in_tz(self.money, "Europe/Madrid").add_commitment(
            10.0, due="2027-01-15"
        )
        self.assertEqual(in_madrid.due, "2027-01-15 11:00:00")
        moment = self.in_tz(self.money, NEW_YORK).add_commitment(
            10.0, due="2027-01-15 03:00:00"
        )
        self.assertEqual(moment.due, "2027-01-15 03:00:00")
        self.assertEqual(moment.due_date, "2027-01-14")
        moment.write({"due": "2027-02-01"})
        self.assertEqual(moment.due, "2027-02-01 17:00:00")
        no_zone = self.in_tz(self.money, False).add_commitment(1.0, due="2027-01-15")
        self.assertEqual(no_zone.due[:10], "2027-01-15")
