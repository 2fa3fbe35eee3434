"""OP_CMS Desktop: the operations team's customer, billing and receivables client."""

__version__ = "0.1.0"
