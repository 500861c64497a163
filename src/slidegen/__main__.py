"""python -m slidegen: main() with the interpreter's usual exit, so a tool that runs the module
(python -m cProfile, coverage run -m) still gets to write its results. The installed
`slidegen` command is cli.run, which skips the teardown."""

from .cli import main

main()
