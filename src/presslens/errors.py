"""The one exception type users see: a clear, one-line message about their input."""


class InputError(ValueError):
    """Bad input (a missing file, empty text, binary data, a bad column or date).

    The message names the file or record and the problem on one line; the CLI prints it
    and exits with code 2.
    """
