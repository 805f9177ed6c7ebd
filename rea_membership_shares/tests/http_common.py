# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import re

from dateutil.relativedelta import relativedelta

from odoo import fields

from odoo.addons.rea_base.tests.http_common import ReaHttpCase

CSRF_RE = re.compile(r'name="csrf_token" value="([^"]+)"')
# A valid IBAN (checksum correct) and a PDF as small as can be.
VALID_IBAN = "ES91 2100 0418 4502 0005 1332"
PDF_CONTENT = b"%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"


class ShareHttpCase(ReaHttpCase):
    """The shared HTTP case with the share forms' helpers."""

    def setUp(self):
        super().setUp()
        self.Request = self.env["rea.subscription.request"]
        self.Partner = self.env["res.partner"].with_context(active_test=False)

    def get_csrf(self, url):
        self.settle()
        response = self.url_open(url)
        self.assertEqual(response.status_code, 200, url)
        return CSRF_RE.search(response.text).group(1)

    def sync(self):
        """Keep the test's own writes before a request: Odoo 11 rolls the
        shared test cursor back to its last commit when a request starts
        (``checked_call``), which would undo them (a request deleted here
        came back and was counted as new)."""
        self.registry.test_cr.commit()

    def url_open(self, url, data=None, timeout=60):
        self.sync()
        return super().url_open(url, data=data, timeout=timeout)

    def post_form(self, url, data, files=None, csrf=None):
        data = dict(data)
        if csrf is not False:
            data["csrf_token"] = csrf or self.get_csrf(url)
        self.sync()
        response = self.opener.post(
            self.base_url() + url, data=data, files=files, timeout=60
        )
        self.env["res.partner"].invalidate_cache()
        return response

    def counts(self):
        return (self.Request.search_count([]), self.Partner.search_count([]))

    # Data ------------------------------------------------------------------

    def create_user(self, login, groups=("base.group_portal",), **vals):
        values = {
            "name": login.title(),
            "login": login,
            "password": login,
            "email": "%s@example.org" % login,
            "groups_id": [(6, 0, [self.env.ref(g).id for g in groups])],
        }
        values.update(vals)
        return (
            self.env["res.users"]
            .with_context(no_reset_password=True, tracking_disable=True)
            .create(values)
        )

    def create_project(self, name, slug, **vals):
        values = {
            "name": name,
            "slug": slug,
            "join_style": "shares",
            "visibility": "public",
            "service_ids": [
                (4, self.env.ref("rea_projects.rea_project_service_shares").id)
            ],
        }
        values.update(vals)
        return self.env["rea.project"].create(values)

    def create_share_type(self, project, name, price, **vals):
        values = {
            "name": name,
            "is_share": True,
            "share_project_id": project.id,
            "list_price": price,
            "share_on_website": True,
        }
        values.update(vals)
        template = self.env["product.template"].create(values)
        return template.product_variant_id

    def transfer_acquirer(self):
        acquirer = self.env.ref("payment.payment_acquirer_transfer")
        acquirer.write(
            {
                "website_published": True,
                "company_id": self.env.user.company_id.id,
                "pending_msg": "<p>Transfer pending</p>",
            }
        )
        return acquirer

    def configure_company(self, **vals):
        company = self.env.user.company_id
        company._create_share_sequences()
        company._create_share_accounting()
        values = {
            "share_min_age": 18,
            "share_iban_required": True,
            "share_id_document_required": True,
            "share_one_type_per_member": False,
            "share_data_policy_show": True,
            "share_data_policy_required": True,
            "share_data_policy_text": "I accept the data policy",
            "share_internal_rules_show": True,
            "share_internal_rules_required": False,
            "share_internal_rules_text": "I read the internal rules",
            "share_financial_risk_show": False,
            "share_financial_risk_required": False,
            "share_generic_rules_show": False,
            "share_generic_rules_required": False,
        }
        values.update(vals)
        company.write(values)
        return company

    def years_ago(self, years):
        today = fields.Date.from_string(fields.Date.today())
        return fields.Date.to_string(today - relativedelta(years=years))
