"""Entry script of the frozen desktop application (see build.spec)."""

import sys

from jlip_desktop.gui.app import main

if __name__ == "__main__":
    sys.exit(main())
