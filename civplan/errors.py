"""Errors a command reports to the editor and stops on; the message is the whole story."""


class CommandError(Exception):
    """A command cannot go on: bad arguments, a missing file, a file it will not overwrite.

    The message is in Chinese, names the bad value and says what to do; nothing has been written.
    """
