"""Probes: one finding each. Each module registers its probes; its YAML defines them."""
