class YearConverter:
    """Four digits, 1900–2999: /releases/0000/ is a 404, not a 500."""

    regex = r"(19|2[0-9])[0-9]{2}"

    def to_python(self, value):
        return int(value)

    def to_url(self, value):
        return f"{int(value):04d}"


class MonthConverter:
    regex = r"0[1-9]|1[0-2]"

    def to_python(self, value):
        return int(value)

    def to_url(self, value):
        return f"{int(value):02d}"


class VersionConverter:
    """A published version's number: 1 to 999999999 (a longer one is a 404, not an overflow)."""

    regex = r"[1-9][0-9]{0,8}"

    def to_python(self, value):
        return int(value)

    def to_url(self, value):
        return str(int(value))
