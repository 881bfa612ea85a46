"""pmlint: a linter for incident postmortems that asks for durable fixes."""

__version__ = "0.1.0"
