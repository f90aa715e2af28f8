"""Reads a `.env` file (KEY=VALUE lines) into the environment, leaving alone what the environment already sets.

The production configuration (`make serve`, the systemd units of docs/deploy.md) keeps its settings in one
file beside the code; the variables themselves are documented in `.env.example`. A dozen lines rather than a
dependency: no interpolation, no export, quotes around a value are taken off.
"""

import os


def parse(text):
    """{name: value} of the file's text; blank lines and lines starting with # are skipped."""
    found = {}
    for number, line in enumerate(text.splitlines(), start=1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        name, equals, value = line.partition("=")
        if not equals or not name.strip().isidentifier():
            raise ValueError(f".env line {number}: expected NAME=value, got {line!r}")
        value = value.strip()
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
            value = value[1:-1]
        found[name.strip()] = value
    return found


def load(path):
    """Sets the file's variables that the environment does not already set; returns their names."""
    if not os.path.isfile(path):
        return []
    with open(path, encoding="utf-8") as handle:
        values = parse(handle.read())
    fresh = [name for name in values if name not in os.environ]
    for name in fresh:
        os.environ[name] = values[name]
    return fresh
