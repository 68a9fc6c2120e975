"""The engines dbt builds on besides the embedded DuckDB warehouse (AUXFORCE_ENGINE)."""
