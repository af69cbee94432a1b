"""What every app's services share."""


class Refused(Exception):
    """A write the rules do not allow; its message is shown to the person, in their language."""

    def __init__(self, message):
        self.message = message
        super().__init__(str(message))
