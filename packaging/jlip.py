"""Entry script of the frozen `jlip` command line (see build.spec)."""

import sys

from jlip_desktop.cli import entry

if __name__ == "__main__":
    sys.exit(entry())
