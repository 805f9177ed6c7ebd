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
        'odoo11-addon-rea_projects',
    ],
    classifiers=[
        'Programming Language :: Python',
        'Framework :: Odoo',
        'Framework :: Odoo :: 11.0',
    ]
)
