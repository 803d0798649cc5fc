-- hostile corpus: a hole in bank_holidays: the dates after it would be working days
-- expect: load rules.lua:3: bank_holidays must be a list of dates: entry 2 is missing
bank_holidays { "2026-01-01", nil, "2026-12-25" }
