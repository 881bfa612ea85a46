"""The Markdown loader: a postmortem written in Markdown → the same `Document` as YAML.

`loader.load_markdown` runs the steps, each a module of this package with one job
(front matter, metadata lines, blocks, sections, times, timeline, actions, causes,
fields); its docstring is the contract with the rules. Importing this package costs
nothing heavy: markdown-it is imported by `blocks` when a document is parsed.
"""

from .loader import load_markdown

__all__ = ["load_markdown"]
