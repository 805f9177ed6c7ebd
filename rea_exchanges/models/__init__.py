from . import (
    account_invoice,
    product_template,
    rea_commitment,
    rea_event,
    rea_exchange,
    rea_exchange_type,
    rea_transfer,
    rea_transfer_type,
    res_partner,
)
