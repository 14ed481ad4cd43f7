"""casekit benchmarks: ``python benchmarks/run.py [--quick] [--json]`` (see README.md).

Benchmarks live here, never as timed tests (DESIGN.md, "Testing").
"""
