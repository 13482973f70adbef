"""Company settings of payroll. None yet: the pay tables are rows with effective dates
(``payroll.models``), not settings; the monthly run's options will be defined here."""
