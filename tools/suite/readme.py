"""`./suite readme`: write each addon's README.rst from its readme/ fragments.

OCA generates README.rst with maintainer-tools, which is not on PyPI and needs
a newer Python; this is a small stand-in producing the same sections.
"""

import os

from . import addons as addons_mod

# (fragment, section title); DESCRIPTION comes first without a title.
SECTIONS = [
    ("INSTALL", "Installation"),
    ("CONFIGURE", "Configuration"),
    ("USAGE", "Usage"),
    ("DEVELOP", "Development"),
    ("ROADMAP", "Known issues / Roadmap"),
    ("HISTORY", "Changelog"),
]


def _fragment(addon, name):
    path = os.path.join(addon.path, "readme", name + ".rst")
    if not os.path.exists(path):
        return None
    with open(path) as handle:
        return handle.read().strip()


def _heading(text, char):
    return "%s\n%s\n" % (text, char * len(text))


def render(addon):
    manifest = addon.manifest
    title = manifest.get("name", addon.name)
    parts = ["%s\n%s\n%s\n" % ("=" * len(title), title, "=" * len(title))]
    parts.append("*%s*\n" % manifest.get("summary", "").strip())
    parts.append(
        "| Version: %s | License: %s | Depends: %s |\n"
        % (
            manifest.get("version"),
            manifest.get("license"),
            ", ".join(manifest.get("depends", [])),
        )
    )
    description = _fragment(addon, "DESCRIPTION")
    if description:
        parts.append(description + "\n")
    parts.append(".. contents:: Table of contents\n   :local:\n")
    for name, title_text in SECTIONS:
        text = _fragment(addon, name)
        if text:
            parts.append(_heading(title_text, "="))
            parts.append(text + "\n")
    parts.append(_heading("Credits", "="))
    parts.append(_heading("Authors", "~"))
    authors = [a.strip() for a in manifest.get("author", "").split(",") if a.strip()]
    parts.append("".join("* %s\n" % a for a in authors))
    contributors = _fragment(addon, "CONTRIBUTORS")
    if contributors:
        parts.append(_heading("Contributors", "~"))
        parts.append(contributors + "\n")
    credits_text = _fragment(addon, "CREDITS")
    if credits_text:
        parts.append(_heading("Other credits", "~"))
        parts.append(credits_text + "\n")
    parts.append(_heading("License", "~"))
    parts.append(
        "%s. This file is generated from readme/ by ``./suite readme``: "
        "edit the fragments, not this file.\n" % manifest.get("license")
    )
    return "\n".join(parts)


def main(_args):
    """Write the READMEs; exit 1 when one changed (so pre-commit shows it)."""
    changed = []
    for addon in addons_mod.discover().values():
        if not os.path.isdir(os.path.join(addon.path, "readme")):
            continue
        text = render(addon)
        path = os.path.join(addon.path, "README.rst")
        old = open(path).read() if os.path.exists(path) else None
        if old != text:
            with open(path, "w") as handle:
                handle.write(text)
            changed.append(path)
    for path in changed:
        print("rewrote %s" % os.path.relpath(path))
    return 1 if changed else 0
