-- Bank holidays in England and Wales, for counting working days in the
-- statutory timescales (timescales.lua). Data, not code: add each year's
-- dates as they are announced. Dates outside the listed years count
-- weekends only, so keep this list ahead of the caseload.
-- Source: the UK government's published bank holiday dates for England and Wales.
bank_holidays {
  -- 2023 (2 Jan substitute for New Year's Day; 8 May coronation)
  "2023-01-02", "2023-04-07", "2023-04-10", "2023-05-01", "2023-05-08",
  "2023-05-29", "2023-08-28", "2023-12-25", "2023-12-26",
  -- 2024
  "2024-01-01", "2024-03-29", "2024-04-01", "2024-05-06", "2024-05-27",
  "2024-08-26", "2024-12-25", "2024-12-26",
  -- 2025
  "2025-01-01", "2025-04-18", "2025-04-21", "2025-05-05", "2025-05-26",
  "2025-08-25", "2025-12-25", "2025-12-26",
  -- 2026 (28 Dec substitute for Boxing Day)
  "2026-01-01", "2026-04-03", "2026-04-06", "2026-05-04", "2026-05-25",
  "2026-08-31", "2026-12-25", "2026-12-28",
  -- 2027 (27 and 28 Dec substitutes for Christmas Day and Boxing Day)
  "2027-01-01", "2027-03-26", "2027-03-29", "2027-05-03", "2027-05-31",
  "2027-08-30", "2027-12-27", "2027-12-28",
}
