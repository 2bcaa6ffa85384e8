"""Console entry points of the zun services."""
