import setuptools

with open('VERSION.txt', 'r') as f:
    version = f.read().strip()

setuptools.setup(
    name="odoo11-addons-rea-coop-suite",
    description="Meta package for rea-coop-suite Odoo addons",
    version=version,
    install_requires=[
        'odoo11-addon-rea_base',
        'odoo11-addon-rea_exchanges',
        'odoo11-addon-rea_membership_shares',
        'odoo11-addon-rea_payment_faircoin',
        'odoo11-addon-rea_projects',
        'odoo11-addon-rea_value_distribution',
        'odoo11-addon-rea_valueflows',
    ],
    classifiers=[
        'Programming Language :: Python',
        'Framework :: Odoo',
        'Framework :: Odoo :: 11.0',
    ]
)
