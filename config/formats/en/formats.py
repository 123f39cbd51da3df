"""Display formats (FORMAT_MODULE_PATH): one date format in both languages, "17 Maret 2021" /
"17 March 2021" (issue 16 §1); the compact SHORT_* ones only for narrow table columns.
Input formats are not set here: Django's own locale module still provides them."""

DATE_FORMAT = "j F Y"
DATETIME_FORMAT = "j F Y H:i"
SHORT_DATE_FORMAT = "j M Y"
SHORT_DATETIME_FORMAT = "j M Y H:i"
YEAR_MONTH_FORMAT = "F Y"
MONTH_DAY_FORMAT = "j F"
