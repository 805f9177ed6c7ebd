# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import logging

import psycopg2

from odoo import _, api, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import file_open

from .vocabulary import EXPORT_ONLY_CLASSES, IMPORT_CLASSES, XMLID_PREFIX

_logger = logging.getLogger(__name__)

OPENING_SUFFIX = "#opening-balance"
KNOWN_CLASSES = set(IMPORT_CLASSES) | set(EXPORT_ONLY_CLASSES) | {"Unit"}
# Which model each imported class becomes.
CLASS_MODELS = {
    "Person": "res.partner",
    "Organization": "res.partner",
    "Agent": "res.partner",
    "AgentRelationshipRole": "rea.agent.relationship.type",
    "AgentRelationship": "rea.agent.relationship",
    "ResourceSpecification": "product.template",
    "ProcessSpecification": "rea.process.specification",
    "Plan": "rea.plan",
    "Process": "rea.process",
    "EconomicResource": "rea.resource",
    "Commitment": "rea.commitment",
    "EconomicEvent": "rea.event",
}


class Refusal(Exception):
    """A node cannot be imported; the message says why."""


class Rollback(Exception):
    """Undo the whole file (all-or-nothing import with refusals, dry run)."""


class ImportState(object):
    """Nodes of one file, what became of them, and the report."""

    def __init__(self, nodes):
        self.nodes = nodes  # {uri: node}
        self.order = list(nodes)
        self.done = {}  # {uri: record, or False when refused}
        self.in_progress = set()
        self.created_resources = set()
        self.lines = []
        self.warnings = []

    def add_line(self, node, status, record=None, reason=None):
        self.lines.append(
            {
                "id": node["id"],
                "type": node["class"] or "",
                "status": status,
                "model": record._name if record else None,
                "res_id": record.id if record else None,
                "name": record.display_name if record else None,
                "reason": reason,
            }
        )


def _value(raw):
    """One JSON-LD value: unwrap single-item lists and ``@value`` objects."""
    if isinstance(raw, list):
        if not raw:
            return None
        if len(raw) > 1:
            raise Refusal(_("one value expected, got %s") % len(raw))
        raw = raw[0]
    if isinstance(raw, dict) and "@value" in raw:
        return raw["@value"]
    return raw


class ReaVfImporter(models.AbstractModel):
    """Import of ValueFlows JSON-LD: events and what they refer to.

    Idempotent by ``@id``: a node whose ``@id`` is already the ValueFlows
    identifier of a record is matched, not created again. Runs with the
    caller's rights. By default all or nothing: one refused node and the
    whole file is rolled back, the report saying why.
    """

    _name = "rea.vf.importer"
    _description = "REA ValueFlows import"

    # Entry point

    @api.model
    def import_document(self, data, atomic=True, dry_run=False):
        """Import ``data`` (JSON text, bytes or the parsed document).

        Returns the report: ``{"summary": {status: count}, "lines": [...],
        "warnings": [...], "rolled_back": bool, "message": str}``. Malformed
        input raises a UserError before anything is written.
        """
        nodes = self._vf_collect_nodes(self._vf_parse(data))
        state = ImportState(nodes)
        self._vf_index_resource_flows(state)
        rolled_back = False
        try:
            with self.env.clear_upon_failure(), self.env.cr.savepoint():
                for uri in state.order:
                    self._vf_import_node(state, uri)
                refused = any(line["status"] == "refused" for line in state.lines)
                if dry_run or (atomic and refused):
                    raise Rollback()
        except Rollback:
            rolled_back = True
        return self._vf_report(state, rolled_back, dry_run)

    @api.model
    def import_demo_file(self, path):
        """Import a JSON-LD file shipped with a module (demo data)."""
        with file_open(path, "rb") as handle:
            report = self.import_document(handle.read())
        if report["rolled_back"]:
            raise UserError(self.format_report(report))
        return True

    # Identity

    @api.model
    def _vf_find(self, model_name, uri):
        """The record of this database with that @id, if any.

        Searched as superuser so that an existing record the user may not
        read is reported as such instead of created twice.
        """
        model = self.env[model_name]
        found = (
            model.sudo()
            .with_context(active_test=False)
            .search([("vf_uri", "=", uri)], limit=1)
        )
        if not found and uri.startswith(XMLID_PREFIX):
            found = self.env.ref(uri[len(XMLID_PREFIX) :], False)
            if found is not None and found._name != model_name:
                found = None
        if not found:
            return model.browse()
        readable = model.check_access_rights(
            "read", raise_exception=False
        ) and model.with_context(active_test=False).search([("id", "=", found.id)])
        if not readable:
            raise Refusal(_("%s exists in this database but you may not read it") % uri)
        return readable

    @api.model
    def _vf_resolve(self, state, uri, model_name):
        """The record a reference points to: imported from this file or
        already in the database."""
        if not uri:
            return self.env[model_name].browse()
        if uri in state.done:
            record = state.done[uri]
            if not record:
                raise Refusal(_("it refers to %s, which was refused or skipped") % uri)
        else:
            if uri in state.in_progress:
                raise Refusal(_("circular reference through %s") % uri)
            record = self._vf_find(model_name, uri)
            if not record:
                raise Refusal(_("%s is neither in the file nor in this database") % uri)
        if record._name != model_name:
            raise Refusal(
                _("%(uri)s is a %(found)s, not a %(expected)s")
                % {"uri": uri, "found": record._description, "expected": model_name}
            )
        return record

    # Import of one node

    @api.model
    def _vf_node_references(self, value):
        """Every @id referenced inside a property value."""
        if isinstance(value, list):
            for item in value:
                yield from self._vf_node_references(item)
        elif isinstance(value, dict):
            if isinstance(value.get("@id"), str):
                yield value["@id"]
            for key, sub in value.items():
                if not key.startswith("@"):
                    yield from self._vf_node_references(sub)

    @api.model
    def _vf_import_node(self, state, uri):
        """Import a node after the nodes it refers to, each in its own
        savepoint (never nested, so a refusal undoes only its own node)."""
        if uri in state.done or uri in state.in_progress:
            return
        node = state.nodes[uri]
        state.in_progress.add(uri)
        for ref in self._vf_node_references(list(node["props"].values())):
            if ref in state.nodes and ref != uri:
                self._vf_import_node(state, ref)
        state.in_progress.discard(uri)
        handler = self._vf_handler(node["class"])
        if handler is None:
            reason = (
                _("recipes are exported, not imported")
                if node["class"] in EXPORT_ONLY_CLASSES
                else _("not a ValueFlows class this import handles (%s)")
                % ", ".join(node["types"] or ["-"])
            )
            state.done[uri] = None
            state.add_line(node, "skipped", reason=reason)
            return
        try:
            with self.env.clear_upon_failure(), self.env.cr.savepoint():
                record, status, reason = handler(state, node)
        except Refusal as error:
            record, status, reason = False, "refused", str(error)
        except (UserError, ValidationError, AccessError) as error:
            record, status, reason = False, "refused", error.name
        except psycopg2.Error as error:
            record, status, reason = False, "refused", error.pgerror or str(error)
        state.done[uri] = record
        state.add_line(node, status, record or None, reason)

    @api.model
    def _vf_handler(self, class_name):
        """The method importing a class; ``None`` skips it. Override to
        import more classes."""
        if class_name == "Unit":
            return self._vf_import_unit
        if class_name not in CLASS_MODELS:
            return None
        return {
            "Person": self._vf_import_agent,
            "Organization": self._vf_import_agent,
            "Agent": self._vf_import_agent,
            "AgentRelationshipRole": self._vf_import_role,
            "AgentRelationship": self._vf_import_relationship,
            "ResourceSpecification": self._vf_import_spec,
            "ProcessSpecification": self._vf_import_process_spec,
            "Plan": self._vf_import_plan,
            "Process": self._vf_import_process,
            "EconomicResource": self._vf_import_resource,
            "Commitment": self._vf_import_commitment,
            "EconomicEvent": self._vf_import_event,
        }[class_name]

    @api.model
    def _vf_match_or_create(self, node, vals):
        """Match by @id, else create; returns (record, status, reason)."""
        model_name = CLASS_MODELS[node["class"]]
        existing = self._vf_find(model_name, node["id"])
        if existing:
            return existing, "matched", None
        vals = dict(vals, vf_uri=node["id"])
        return self.env[model_name].create(vals), "created", None

    @api.model
    def _vf_existing(self, node):
        return self._vf_find(CLASS_MODELS[node["class"]], node["id"])

    # Report

    @api.model
    def _vf_report(self, state, rolled_back, dry_run):
        summary = {"created": 0, "matched": 0, "refused": 0, "skipped": 0}
        for line in state.lines:
            summary[line["status"]] += 1
            if rolled_back and line["status"] == "created":
                # Would have been created: there is no record to point to.
                line["res_id"] = None
        if dry_run:
            message = _("Dry run: nothing was written.")
        elif rolled_back:
            message = (
                _("Nothing was imported: %s node(s) were refused (see why below).")
                % summary["refused"]
            )
        else:
            message = (
                _(
                    "%(created)s created, %(matched)s matched, %(refused)s refused, "
                    "%(skipped)s skipped."
                )
                % summary
            )
        return {
            "summary": summary,
            "lines": state.lines,
            "warnings": state.warnings,
            "rolled_back": rolled_back,
            "message": message,
        }

    @api.model
    def format_report(self, report):
        """The report as plain text (wizard, logs)."""
        labels = {
            "created": _("created"),
            "matched": _("matched"),
            "refused": _("refused"),
            "skipped": _("skipped"),
        }
        lines = [report["message"]]
        lines.extend(_("Warning: %s") % warning for warning in report["warnings"])
        for line in report["lines"]:
            text = "%s %s %s" % (labels[line["status"]], line["type"], line["id"])
            if line["name"]:
                text += " (%s)" % line["name"]
            if line["reason"]:
                text += ": %s" % line["reason"]
            lines.append(text)
        return "\n".join(lines)
