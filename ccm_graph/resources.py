"""The files the package reads at run time: the ontology, the named queries, the data tables.

They ship inside the package (`ccm_graph/ontology/`, `ccm_graph/queries/`, `ccm_graph/data/`)
and are found through `importlib.resources`, so that an installed wheel reads them as a
checkout does. In the repository the files live in the top-level `ontology/` and `queries/`
(where users, the scorer and reviewers look for them); `ccm_graph/ontology` and
`ccm_graph/queries` are symbolic links to those folders, which setuptools follows when it
builds the wheel, so the two can never hold different files.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from ccm_graph import errors

PACKAGE_DIR = Path(str(resources.files("ccm_graph")))
ONTOLOGY_DIR = PACKAGE_DIR / "ontology"
QUERIES_DIR = PACKAGE_DIR / "queries"
DATA_DIR = PACKAGE_DIR / "data"


def require(path: Path) -> Path:
    """`path` itself, when the package file is there.

    Raises:
        errors.InputError: the file is missing from the installation; names it.
    """
    if not path.is_file():
        raise errors.InputError(path, errors.MISSING_PACKAGE_FILE)
    return path


def is_package_file(path: Path) -> bool:
    """Whether `path` is one of the package's own files (not a user's)."""
    return Path(path).absolute().is_relative_to(PACKAGE_DIR)
