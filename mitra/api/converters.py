"""Path converters of the API's URLs."""

from mitra.core import bounds


class IdConverter:
    """A record id in a path, `<id:pk>`: 1..2**63-1 (BigAutoField); anything else matches no
    route, so the answer is the API's 404 before any query runs.

    `<int:pk>` took any run of digits: 2**63 reached the database, where SQLite raised
    OverflowError and psycopg NumericValueOutOfRange (a 500) in lookups Django does not guard
    (a foreign key's `agreement_id=`). The OpenAPI type comes from SPECTACULAR_SETTINGS
    ["PATH_CONVERTER_OVERRIDES"]["id"].
    """

    regex = "[0-9]{1,19}"

    def to_python(self, value: str) -> int:
        number = int(value)
        if not bounds.ID_MIN <= number <= bounds.ID_MAX:
            raise ValueError(value)  # Django: this route does not match
        return number

    def to_url(self, value: int) -> str:
        return str(value)
