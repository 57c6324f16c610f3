# Dates as the archive prints them in English ("November 29, 2026").
DATE_FORMAT = "F j, Y"
DATETIME_FORMAT = "F j, Y, g:i A T"
YEAR_MONTH_FORMAT = "F Y"
MONTH_DAY_FORMAT = "F j"
SHORT_DATE_FORMAT = "m/d/Y"
DECIMAL_SEPARATOR = "."
THOUSAND_SEPARATOR = ","
NUMBER_GROUPING = 3
