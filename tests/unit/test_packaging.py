"""The package list in pyproject.toml is written by hand; it must name every package on disk."""

from __future__ import annotations

import tomllib
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def test_pyproject_lists_every_package_and_the_mapped_folders() -> None:
    config = tomllib.loads((REPO / "pyproject.toml").read_text())["tool"]["setuptools"]
    python_packages = {
        ".".join(init.parent.relative_to(REPO).parts) for init in (REPO / "graphrepo").rglob("__init__.py")
    }
    data_packages = {"graphrepo.metamodel.archives"} | set(config["package-dir"])
    assert set(config["packages"]) == python_packages | data_packages
    assert config["package-dir"] == {"graphrepo._cypher": "cypher", "graphrepo._migrations": "migrations"}
