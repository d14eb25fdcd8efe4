"""The frozen build's entry point (PyInstaller): the same command as ``stalkscreen``."""

import multiprocessing

if __name__ == "__main__":
    # a frozen executable starts its own worker processes (batch --jobs) with this very
    # program; freeze_support lets a worker started that way run as a worker
    multiprocessing.freeze_support()
    from stalkscreen.cli.main import main

    main()
