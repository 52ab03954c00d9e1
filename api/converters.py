"""Path converters: ids are positive and fit a 64-bit column, so a garbage or huge id is a
404 from the URL resolver, never an overflow in the database driver."""


class IdConverter:
    regex = "[1-9][0-9]{0,17}"

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value: int) -> str:
        return str(value)


ID_MAX = 10**18 - 1
