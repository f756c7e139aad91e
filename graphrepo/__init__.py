"""graphrepo: an Egeria-compatible open metadata repository and cohort member backed by Neo4j."""

__version__ = "0.1.0"
