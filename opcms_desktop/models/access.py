"""The access log, audit anchors, field permissions and export approvals."""

from __future__ import annotations
