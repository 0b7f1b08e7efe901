"""The editors' command line: plain command functions (commands.py) under a thin argparse layer."""
