# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The JSON-LD vocabulary the export writes and the import reads.

ValueFlows 1.0 terms in the ``vf`` namespace, measures and units from the
Ontology of units of Measure 2 (``om2``, the choice of ValueFlows itself), and
a few ``rea`` terms for what ValueFlows has no word for (agent type, context
agent, resource behaviour, relationship state, opening balances).
"""

import datetime

from dateutil import parser as date_parser
from dateutil import tz

VF = "https://w3id.org/valueflows/ont/vf#"
OM2 = "http://www.ontology-of-units-of-measure.org/resource/om-2/"
REA = "https://github.com/rea-coop/rea-coop-suite/ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
XSD = "http://www.w3.org/2001/XMLSchema#"
# Records shipped by a module (data, demo) are the same record in every
# database that has the module: their identifier is their XML id.
SHARED_PREFIX = "urn:rea-coop-suite:"
XMLID_PREFIX = SHARED_PREFIX + "xmlid:"
ROLE_PREFIX = SHARED_PREFIX + "relationship-role:"
UNIT_PREFIX = SHARED_PREFIX + "unit:"

DATETIME_TERMS = (
    "vf:hasPointInTime",
    "vf:hasBeginning",
    "vf:hasEnd",
    "vf:due",
    "vf:created",
)
CONTEXT = dict(
    {
        "vf": VF,
        "om2": OM2,
        "rea": REA,
        "rdfs": RDFS,
        "xsd": XSD,
    },
    **{term: {"@type": "xsd:dateTime"} for term in DATETIME_TERMS},
)

# Odoo units with an om2 equivalent (XML id -> om2 local name).
OM2_UNITS = {
    "product.product_uom_unit": "one",
    "product.product_uom_kgm": "kilogram",
    "product.product_uom_gram": "gram",
    "product.product_uom_ton": "tonne",
    "product.product_uom_hour": "hour",
    "product.product_uom_day": "day",
    "product.product_uom_meter": "metre",
    "product.product_uom_km": "kilometre",
    "product.product_uom_cm": "centimetre",
    "product.product_uom_litre": "litre",
}
OM2_UNITS_REVERSE = {value: key for key, value in OM2_UNITS.items()}

# Classes the import knows, in the order it records them (references to a
# later node are resolved on demand, so the order only makes reports read
# naturally).
IMPORT_CLASSES = (
    "Person",
    "Organization",
    "Agent",
    "AgentRelationshipRole",
    "AgentRelationship",
    "ResourceSpecification",
    "ProcessSpecification",
    "Plan",
    "Process",
    "EconomicResource",
    "Commitment",
    "EconomicEvent",
)
EXPORT_ONLY_CLASSES = ("Recipe", "RecipeProcess", "RecipeFlow")


def format_datetime(value):
    """Odoo UTC datetime string -> ISO 8601 with 'Z'."""
    if not value:
        return None
    return value.replace(" ", "T") + "Z"


def parse_datetime(value):
    """ISO 8601 (any offset) -> Odoo UTC datetime string; ValueError if bad."""
    if isinstance(value, dict):
        value = value.get("@value")
    if not isinstance(value, str) or not value.strip():
        raise ValueError(value)
    moment = date_parser.isoparse(value.strip())
    if not isinstance(moment, datetime.datetime):
        moment = datetime.datetime.combine(moment, datetime.time())
    if moment.tzinfo:
        moment = moment.astimezone(tz.tzutc()).replace(tzinfo=None)
    return moment.strftime("%Y-%m-%d %H:%M:%S")


class Expander(object):
    """Expands the compact IRIs of a JSON-LD document with its own context.

    Covers what VF documents use: prefixes, term definitions (string or
    ``{"@id": ...}``) and ``@vocab``. Remote contexts are not fetched.
    """

    def __init__(self, context):
        self.prefixes = {}
        self.vocab = None
        contexts = context if isinstance(context, list) else [context]
        for ctx in contexts:
            if ctx is None:
                continue
            if not isinstance(ctx, dict):
                raise ValueError(ctx)
            for key, value in ctx.items():
                if key == "@vocab":
                    self.vocab = value
                elif key.startswith("@"):
                    continue
                elif isinstance(value, str):
                    self.prefixes[key] = value
                elif isinstance(value, dict) and isinstance(value.get("@id"), str):
                    self.prefixes[key] = value["@id"]

    def iri(self, value, vocab=True):
        """Expand a key, a type or an IRI value."""
        if not isinstance(value, str) or value.startswith("@"):
            return value
        if "://" in value or value.startswith("urn:"):
            return value
        if ":" in value:
            prefix, suffix = value.split(":", 1)
            if prefix in self.prefixes:
                return self.iri(self.prefixes[prefix], vocab=False) + suffix
            return value
        if value in self.prefixes:
            return self.iri(self.prefixes[value], vocab=False)
        if vocab and self.vocab:
            return self.vocab + value
        return value
