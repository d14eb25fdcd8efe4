"""`python -m stalkscreen`: the same command as `stalkscreen`."""

from stalkscreen.cli.main import main

if __name__ == "__main__":
    main()
