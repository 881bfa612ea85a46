"""`python -m pmlint` runs the CLI."""

from pmlint.cli import main

if __name__ == "__main__":
    main()
