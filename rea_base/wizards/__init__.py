from . import rea_trace_line
