"""Shared code of the dashboards: data access (scoped), i18n, formatting, charts, export."""

import sys
from pathlib import Path

# `streamlit run dashboards/app.py` puts only dashboards/ on sys.path; settings live in the
# project package one level up and are the single source of paths.
_ROOT = str(Path(__file__).resolve().parents[2])
if _ROOT not in sys.path:
    sys.path.append(_ROOT)
