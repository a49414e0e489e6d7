"""The analysis layer's base: what every analysis, probe, rule and consumer may import.

``context``: the ``ProbeContext`` handed to analyses and probes (inventory, facts, answers,
config, Standard, and the memo that runs each shared analysis once per assessment).
``probe``: what a probe is and returns (``ProbeDefinition``, ``Result``) and the catalog of
probe definitions read from the probes' YAML files, without importing any probe code.
"""
