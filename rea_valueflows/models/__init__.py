# Copyright 2026 REA Cooperative Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

# The mixin must be loaded before the models inheriting it.
from . import rea_vf_mixin  # isort: skip
from . import (
    ir_model_data,
    product_template,
    rea_agent_relationship,
    rea_commitment,
    rea_event,
    rea_plan,
    rea_process,
    rea_process_specification,
    rea_resource,
    rea_vf_exporter,
    rea_vf_importer,
    res_partner,
)

# The exporter and the importer are split by concern: each file below extends
# the model that rea_vf_exporter / rea_vf_importer define, so it loads after.
from . import rea_vf_exporter_selection, rea_vf_exporter_nodes  # isort: skip
from . import rea_vf_importer_parsing, rea_vf_importer_agents  # isort: skip
from . import rea_vf_importer_flows  # isort: skip
