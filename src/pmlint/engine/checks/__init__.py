"""Durability checks: the functions that need domain logic (layers, band-aids, on-call, time).

Each module registers its checks with `pmlint.engine.functions.check`; importing
this package registers them all.
"""
