"""The command-line front end: the only package that imports typer or rich."""
