"""Synthetic landing data for the demo province, with a truth manifest of planted violations.

`generate()` writes every source of the data contract to `DIR/<source>/` and the truth to
`DIR/_truth/`; run `python -m dagster_project.synthetic --help` for the command line.
"""

from dagster_project.synthetic.generator import generate
from dagster_project.synthetic.manifest import EdgeCase, Finding, Manifest, QuarantineRow
from dagster_project.synthetic.people import Volumes
from dagster_project.synthetic.rates import ViolationRates

__all__ = [
    "EdgeCase",
    "Finding",
    "Manifest",
    "QuarantineRow",
    "ViolationRates",
    "Volumes",
    "generate",
]
