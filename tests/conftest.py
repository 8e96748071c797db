"""Shared pytest setup.

Kept (almost) empty on purpose: its presence in the ``tests`` package makes pytest put the project root
on ``sys.path``, so test modules can ``import tests.fixtures``.
"""
