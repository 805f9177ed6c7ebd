# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import html
import re

from odoo import SUPERUSER_ID, api
from odoo.tests.common import HttpCase, at_install, post_install

from odoo.addons.rea_base.tests.http_common import authenticate_session

ROW = 'class="o_rea_exchange_row"'


@at_install(False)
@post_install(True)
class TestExchangePortal(HttpCase):
    """/my/exchanges through HTTP, as a member.

    In Odoo 11 the HTTP requests of a test run on the registry's test
    cursor, not on ``self.cr``: the data is made on that cursor.
    """

    def setUp(self):
        super().setUp()
        with self.registry.cursor() as cr:
            env = api.Environment(
                cr, SUPERUSER_ID, {"tracking_disable": True, "no_reset_password": True}
            )
            self._make_data(env)
        authenticate_session(self, "rx_portal_member", "rx_portal_member")

    def _make_data(self, env):
        Partner = env["res.partner"]
        self.project = Partner.create(
            {"name": "Portal project", "agent_type": "project", "is_context": True}
        )
        self.member = Partner.create({"name": "Portal member"})
        self.other = Partner.create({"name": "Other member"})
        portal = env.ref("base.group_portal")
        env["res.users"].create(
            {
                "login": "rx_portal_member",
                "password": "rx_portal_member",
                "partner_id": self.member.id,
                "groups_id": [(6, 0, [portal.id])],
            }
        )
        Type = env["rea.exchange.type"]
        self.donation_type = Type.search([("code", "=", "donation_fiat")])
        self.share_type = Type.search([("code", "=", "share_purchase_faircoin")])
        self.share = env["product.template"].create(
            {
                "name": "Portal project share",
                "type": "service",
                "rea_behavior": "share",
                "rea_allow_negative_stock": True,
            }
        )
        Exchange = env["rea.exchange"]

        def exchange(exchange_type, provider, receiver, start_date):
            record = Exchange.create(
                {
                    "exchange_type_id": exchange_type.id,
                    "provider_id": provider.id,
                    "receiver_id": receiver.id,
                    "context_id": self.project.id,
                    "start_date": start_date,
                }
            )
            record.action_fill_transfers()
            return record

        # 23 pending donations planned (2019), 2 share purchases done (2021).
        self.pending = Exchange.browse()
        for day in range(1, 24):
            record = exchange(
                self.donation_type, self.member, self.project, "2019-03-%02d" % day
            )
            record.transfer_ids.add_commitment(10.0 + day)
            self.pending |= record
        self.done = Exchange.browse()
        for day in (1, 2):
            record = exchange(
                self.share_type, self.project, self.member, "2021-06-%02d" % day
            )
            shares, payment = record.transfer_ids.sorted("sequence")
            shares.resource_conforms_to_id = self.share
            shares.record_event(2.0)
            payment.record_event(0.12345678)
            self.done |= record
        self.foreign = exchange(
            self.donation_type, self.other, self.project, "2019-03-05"
        )
        # Plain values: the records' cursor is the test cursor.
        self.pending_names = self.pending.mapped("name")
        self.done_ids = self.done.ids
        self.done_names = self.done.mapped("name")
        self.foreign_id, self.foreign_name = self.foreign.id, self.foreign.name
        self.donation_type_id = self.donation_type.id
        self.share_type_id = self.share_type.id

    def url_open(self, url, data=None, timeout=60):
        # The first page of a run builds the asset bundles: on a busy machine
        # that takes longer than Odoo's 10 s default.
        return super().url_open(url, data=data, timeout=timeout)

    def totals_rows(self, page):
        """The totals box's figures by resource, as the member reads them."""
        box = page[page.index("o_rea_exchanges_totals") :]
        box = box[: box.index("</table>")]
        rows = {}
        for row in re.findall(
            r'<tr class="o_rea_exchanges_total">(.*?)</tr>', box, re.S
        ):
            cells = [
                html.unescape(re.sub(r"<[^>]+>", "", cell)).strip()
                for cell in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)
            ]
            rows[cells[0]] = cells[1:]
        return rows

    def get(self, url):
        response = self.url_open(url)
        self.assertEqual(response.status_code, 200, url)
        return response.text

    def test_list_pages_and_totals(self):
        page = self.get("/my/exchanges")
        self.assertEqual(page.count(ROW), 20)
        self.assertIn("/my/exchanges/page/2", page)
        self.assertNotIn(self.foreign_name, page)
        # Newest first: the share purchases, seen from the member's side.
        self.assertLess(
            page.index(self.done_names[1]), page.index(self.pending_names[-1])
        )
        self.assertIn("Share purchase", page)
        self.assertIn("0.12345678 FAIR", page)
        self.assertIn("2 Units Portal project share", page.replace("Unit(s)", "Units"))
        # Totals box: 2 share purchases, 23 planned donations of 11..33 EUR.
        # Money is written as Odoo writes amounts (its monetary widget: a
        # no-break space before the symbol, a zero-width one after the minus
        # sign), FairCoin with its 8 decimals and every other figure with its unit.
        self.assertIn("o_rea_exchanges_totals", page)
        rows = self.totals_rows(page)
        self.assertEqual(
            rows["FairCoin"],
            [
                "0.00000000 FAIR",
                "0.24691356 FAIR",
                "-0.24691356 FAIR",
                "",
                "",
                "-0.24691356 FAIR",
            ],
            rows,
        )
        planned = "-\ufeff{:,.2f}\xa0€".format(sum(range(11, 34)))
        self.assertEqual(
            rows["Euro"],
            ["0.00\xa0€", "0.00\xa0€", "0.00\xa0€", "", planned, planned],
            rows,
        )
        shares = [c.replace("Unit(s)", "Units") for c in rows["Portal project share"]]
        self.assertEqual(
            shares, ["4 Units", "0 Units", "4 Units", "", "", "4 Units"], rows
        )
        page2 = self.get("/my/exchanges/page/2")
        self.assertEqual(page2.count(ROW), 5)

    def test_filters_survive_pagination(self):
        page = self.get("/my/exchanges?state=pending")
        self.assertEqual(page.count(ROW), 20)
        self.assertRegex(page, r"/my/exchanges/page/2\?[^\"']*state=pending")
        page2 = self.get("/my/exchanges/page/2?state=pending")
        self.assertEqual(page2.count(ROW), 3)
        self.assertNotIn("0.12345678", page2)
        done = self.get("/my/exchanges?state=complete")
        self.assertEqual(done.count(ROW), 2)
        self.assertNotIn("/my/exchanges/page/2", done)
        by_date = self.get("/my/exchanges?date_from=2019-03-10&date_to=2019-03-19")
        self.assertEqual(by_date.count(ROW), 10)
        by_type = self.get("/my/exchanges?type=%d" % self.share_type_id)
        self.assertEqual(by_type.count(ROW), 2)
        self.assertIn('value="%d" selected' % self.share_type_id, by_type)
        mixed = self.get(
            "/my/exchanges?date_from=2019-01-01&state=pending&type=%d"
            % self.donation_type_id
        )
        links = re.findall(r'href="(/my/exchanges/page/2[^"]*)"', mixed)
        self.assertTrue(links)
        for arg in (
            "date_from=2019-01-01",
            "state=pending",
            "type=%d" % self.donation_type_id,
        ):
            self.assertIn(arg, links[0].replace("&amp;", "&"))
        # Bad values are ignored, not errors.
        self.assertEqual(
            self.get("/my/exchanges?date_from=junk&state=x").count(ROW), 20
        )

    def test_detail_and_foreign_exchange(self):
        page = self.get("/my/exchanges/%d" % self.done_ids[0])
        self.assertIn(self.done_names[0], page)
        self.assertIn("I give", page)
        self.assertIn("I get", page)
        self.assertIn("Portal project", page)
        response = self.url_open("/my/exchanges/%d" % self.foreign_id)
        self.assertNotIn(self.foreign_name, response.text)
        self.assertTrue(response.url.endswith(("/my", "/my/home")), response.url)

    def test_home_counter(self):
        page = self.get("/my/home")
        self.assertIn('href="/my/exchanges"', page)
        self.assertIn(">25<", page)
