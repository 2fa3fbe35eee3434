"""The managers' dashboard: KPI cards and pyqtgraph charts."""
