from . import rea_exchange_summary, rea_transfer_record
