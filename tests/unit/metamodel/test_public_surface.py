"""The package's public surface stays sorted (isort style, as graphrepo.omrs) and importable."""

from __future__ import annotations

import graphrepo.metamodel as metamodel


def test_public_surface_is_sorted_and_complete() -> None:
    def kind(name: str) -> tuple[int, str]:
        return (0 if name.isupper() else 1 if name[0].isupper() else 2, name)

    assert metamodel.__all__ == sorted(metamodel.__all__, key=kind)
    assert all(hasattr(metamodel, name) for name in metamodel.__all__)
