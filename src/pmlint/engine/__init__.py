"""The rule engine: rule files → Rule objects, selectors, check functions, running them."""
