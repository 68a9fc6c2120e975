"""The national deployment (issue 15, docs/scaling.md): every province's ingestion as
partitions of province × month, one Spark build over the lake, a snapshot per province."""
