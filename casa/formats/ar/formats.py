"""Arabic formats, as Arabic speakers in Italy read the numbers on their bills: Western digits,
25/11/2026, 14:30, 1.234,56. The pages isolate them left to right inside Arabic text (the euro
and ltr filters); no direction marks inside the formats, so that a date copied stays a date."""

DATE_FORMAT = "d/m/Y"
SHORT_DATE_FORMAT = "d/m/Y"
DATETIME_FORMAT = "d/m/Y H:i"
SHORT_DATETIME_FORMAT = "d/m/Y H:i"
TIME_FORMAT = "H:i"
DATE_INPUT_FORMATS = ["%d/%m/%Y", "%Y-%m-%d"]
DECIMAL_SEPARATOR = ","
THOUSAND_SEPARATOR = "."
NUMBER_GROUPING = 3
FIRST_DAY_OF_WEEK = 1
