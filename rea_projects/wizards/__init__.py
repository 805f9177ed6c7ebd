from . import rea_project_coordinator_wizard
