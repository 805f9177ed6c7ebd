from . import rea_event_correct_wizard, rea_trace_line
