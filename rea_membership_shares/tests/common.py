# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo.tests.common import SavepointCase

# The company's e-mail switches of the subscription flow (share_mail_<kind>).
SUBSCRIPTION_MAILS = (
    "confirmation",
    "waiting_list",
    "capital_release",
    "certificate",
    "increase",
)


class SharesCase(SavepointCase):
    """A project selling two share types, the company's share settings, and
    helpers to build, validate and pay subscription requests."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(
            context=dict(cls.env.context, tracking_disable=True, no_reset_password=True)
        )
        cls.Request = cls.env["rea.subscription.request"]
        cls.company = cls.env.user.company_id
        cls.company._create_share_sequences()
        cls.company._create_share_accounting()
        cls.company.write(
            {
                "share_min_age": 18,
                "share_iban_required": True,
                "share_one_type_per_member": False,
                "share_id_document_required": False,
                "share_create_portal_user": False,
            }
        )
        # E-mails (and their PDFs) are tested in their own classes.
        cls.switch_subscription_mails(False)
        cls.project = cls.env["rea.project"].create(
            {
                "name": "Wind Cooperative",
                "slug": "wind-coop-test",
                "agent_type": "project",
                "is_context": True,
                "join_style": "shares",
                "email": "wind@example.org",
            }
        )
        cls.other_project = cls.env["rea.project"].create(
            {
                "name": "Other Cooperative",
                "slug": "other-coop-test",
                "agent_type": "project",
                "is_context": True,
                "join_style": "moderated",
            }
        )
        Product = cls.env["product.product"]
        cls.share_a = Product.create(
            {
                "name": "Wind share A",
                "is_share": True,
                "share_project_id": cls.project.id,
                "share_short_name": "WA",
                "list_price": 50.0,
                "share_min_quantity": 2,
                "share_min_forced": True,
                "share_max_value": 1000.0,
                "share_on_website": True,
                "share_default": True,
                "sale_ok": False,
            }
        )
        cls.share_b = Product.create(
            {
                "name": "Wind share B",
                "is_share": True,
                "share_project_id": cls.project.id,
                "share_short_name": "WB",
                "list_price": 100.0,
                "share_for_individuals": False,
                "share_on_website": True,
                "sale_ok": False,
            }
        )
        cls.share_other = Product.create(
            {
                "name": "Other share",
                "is_share": True,
                "share_project_id": cls.other_project.id,
                "list_price": 10.0,
                "share_on_website": True,
                "sale_ok": False,
            }
        )
        cls.bank_journal = cls.env["account.journal"].search(
            [("type", "=", "bank"), ("company_id", "=", cls.company.id)], limit=1
        )
        cls.country = cls.env.ref("base.es")

    @classmethod
    def switch_subscription_mails(cls, on):
        """Turn every e-mail of the subscription flow on or off."""
        cls.company.write({"share_mail_%s" % kind: on for kind in SUBSCRIPTION_MAILS})

    @classmethod
    def person_values(cls, **kw):
        values = {
            "project_id": cls.project.id,
            "share_product_id": cls.share_a.id,
            "quantity": 2,
            "firstname": "Laia",
            "lastname": "Ferrer",
            "email": "laia.ferrer@example.org",
            "phone": "+34 600 000 000",
            "birthdate": "1980-05-17",
            "gender": "female",
            "street": "Carrer Major 1",
            "zip_code": "08001",
            "city": "Barcelona",
            "country_id": cls.country.id,
            "lang": "en_US",
            "iban": "ES91 2100 0418 4502 0005 1332",
        }
        values.update(kw)
        return values

    @classmethod
    def company_values(cls, **kw):
        values = cls.person_values(
            share_product_id=cls.share_b.id,
            quantity=3,
            is_company=True,
            company_name="Energia Comuna SCCL",
            company_register_number="X-9988.7766",
            company_email="info@energiacomuna.example.org",
            representative_function="President",
            legal_form="cooperative",
            email="pau.vila@example.org",
            firstname="Pau",
            lastname="Vila",
            birthdate=False,
            gender=False,
        )
        values.update(kw)
        return values

    @classmethod
    def make_user(cls, login, groups, **vals):
        """A user of the given groups (xml ids), e-mail from the login."""
        vals.update(
            {
                "name": login,
                "login": login,
                "email": "%s@example.org" % login,
                "groups_id": [(6, 0, [cls.env.ref(g).id for g in groups])],
            }
        )
        return cls.env["res.users"].with_context(no_reset_password=True).create(vals)

    @classmethod
    def make_coordinator(cls, login, project=None):
        """An internal user coordinating ``project`` (the case's by default)."""
        coordinator = cls.make_user(
            login, ["base.group_user", "rea_projects.group_project_coordinator"]
        )
        cls.env["rea.agent.relationship"].create(
            {
                "subject_id": coordinator.partner_id.id,
                "object_id": (project or cls.project).partner_id.id,
                "type_id": cls.env.ref("rea_base.relationship_type_manager").id,
                "state": "active",
            }
        )
        return coordinator

    @classmethod
    def make_request(cls, **kw):
        values = cls.person_values(**kw)
        return cls.Request.create(values)

    def pay(self, request, amount=None, date=None, reference="BANK-REF"):
        """Confirm a payment with the coordinators' wizard."""
        wizard = self.env["rea.subscription.payment"].create(
            {
                "request_id": request.id,
                "journal_id": self.bank_journal.id,
                "amount": amount if amount is not None else request.invoice_id.residual,
                "payment_date": date or "2026-01-15",
                "reference": reference,
            }
        )
        wizard.action_confirm()
        return wizard

    def mails_for(self, record, template_xmlid=None):
        """Queued e-mails of ``record`` (mail.mail)."""
        domain = [("model", "=", record._name), ("res_id", "=", record.id)]
        mails = self.env["mail.mail"].search(domain)
        if template_xmlid:
            template = self.env.ref("rea_membership_shares.%s" % template_xmlid)
            subject = template.render_template(
                template.subject, record._name, [record.id]
            )[record.id]
            mails = mails.filtered(lambda m: m.subject == subject)
        return mails


class SharesMailCase(SharesCase):
    """SharesCase with the e-mails of the subscription flow switched on, for
    the tests of the e-mails themselves."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.switch_subscription_mails(True)
