-- prelude/dates.lua -- the calendar: proleptic Gregorian, as day numbers
-- since 1970-01-01, and the date helpers rules call. Rules never see a
-- clock; "today" is the case's assessed_on.

local _, need = ...
local type, error, tonumber =
  type, error, tonumber
local sfmt, smatch, floor =
  string.format, string.match, math.floor
local util = need "util"
local what =
  util.what

local M = {}

local function is_leap(y) return (y % 4 == 0 and y % 100 ~= 0) or y % 400 == 0 end

local function days_from_civil(y, m, d)
  y = (m <= 2) and y - 1 or y
  local era = (y >= 0 and y or y - 399) // 400
  local yoe = y - era * 400
  local mp = (m + 9) % 12
  local doy = (153 * mp + 2) // 5 + d - 1
  local doe = yoe * 365 + yoe // 4 - yoe // 100 + doy
  return era * 146097 + doe - 719468
end

local function civil_from_days(z)
  z = z + 719468
  local era = (z >= 0 and z or z - 146096) // 146097
  local doe = z - era * 146097
  local yoe = (doe - doe // 1460 + doe // 36524 - doe // 146096) // 365
  local y = yoe + era * 400
  local doy = doe - (365 * yoe + yoe // 4 - yoe // 100)
  local mp = (5 * doy + 2) // 153
  local d = doy - (153 * mp + 2) // 5 + 1
  local m = mp < 10 and mp + 3 or mp - 9
  return (m <= 2) and y + 1 or y, m, d
end

-- "YYYY-MM-DD" -> day number, or nil if not a real date. Dates read are
-- remembered, up to a point: a case's dates are checked, then read again
-- by its conditions, and most cases of a run share one assessed_on.
local parse_date
do
  local MDAYS = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 }
  local known, nknown = {}, 0      -- date string -> day number, or false
  local KEEP = 512

  function parse_date(s)
    local day = known[s]
    if day ~= nil then return day or nil end
    if type(s) ~= "string" or #s ~= 10 then return nil end
    if nknown >= KEEP then known, nknown = {}, 0 end
    local y, m, d = smatch(s, "^(%d%d%d%d)%-(%d%d)%-(%d%d)$")
    if y then
      y, m, d = tonumber(y), tonumber(m), tonumber(d)
      if y >= 1900 and m >= 1 and m <= 12 and d >= 1
         and d <= MDAYS[m] + ((m == 2 and is_leap(y)) and 1 or 0) then
        day = days_from_civil(y, m, d)
      end
    end
    known[s], nknown = day or false, nknown + 1
    return day
  end
end

local function format_date(z)
  local y, m, d = civil_from_days(z)
  return sfmt("%04d-%02d-%02d", y, m, d)
end

local function need_date(s, fn)
  local z = parse_date(s)
  if not z then
    error(sfmt("%s: expected a date written YYYY-MM-DD, got %s", fn, what(s)), 3)
  end
  return z
end

local dates = {}

function dates.is_date(s) return parse_date(s) ~= nil end

function dates.days_between(from, to)
  return need_date(to, "days_between") - need_date(from, "days_between")
end

function dates.add_days(date, n)
  return format_date(need_date(date, "add_days") + floor(n))
end

-- Whole calendar months from day a to day b (negative when b < a).
local function months_from(a, b)
  local sign = 1
  if b < a then a, b, sign = b, a, -1 end
  local y1, m1, d1 = civil_from_days(a)
  local y2, m2, d2 = civil_from_days(b)
  local months = (y2 - y1) * 12 + (m2 - m1)
  if d2 < d1 then months = months - 1 end
  return sign * months
end

-- Whole calendar months from `from` to `to` (negative when to < from).
function dates.months_between(from, to)
  return months_from(need_date(from, "months_between"), need_date(to, "months_between"))
end

function dates.years_between(from, to)
  return dates.months_between(from, to) // 12
end

-- Working days: Monday to Friday, less the bank holidays the rule set
-- declares (core keeps England and Wales's as data).
local HOLIDAYS = {}     -- day number -> true: the loaded rule set's

-- Loading a rule set makes its bank holidays the ones in force.
function M.set_holidays(set) HOLIDAYS = set end

local function is_working_day(z)
  local dow = (z + 3) % 7          -- 1970-01-01 was a Thursday; 0 = Monday
  return dow < 5 and not HOLIDAYS[z]
end

function dates.is_working_day(date)
  return is_working_day(need_date(date, "is_working_day"))
end

-- Working days after `from` up to and including `to` (0 when to <= from).
function dates.working_days_between(from, to)
  local a, b = need_date(from, "working_days_between"),
               need_date(to, "working_days_between")
  if b <= a then return 0 end
  if b - a > 366 * 50 then error("working_days_between: span over 50 years", 2) end
  local n = 0
  for z = a + 1, b do
    if is_working_day(z) then n = n + 1 end
  end
  return n
end

-- Whether working_days_between counts at least n working days from day a
-- to day b: the count stops once it has n. nil for a span over 50 years,
-- which working_days_between refuses (the caller says so).
local function working_days_at_least(a, b, n)
  if b <= a then return 0 >= n end
  if b - a > 366 * 50 then return nil end
  local k = 0
  if k >= n then return true end
  for z = a + 1, b do
    if is_working_day(z) then
      k = k + 1
      if k >= n then return true end
    end
  end
  return false
end

-- The date n working days after `from`.
function dates.add_working_days(from, n)
  local z = need_date(from, "add_working_days")
  n = floor(n)
  if n < 0 or n > 366 * 20 then error("add_working_days: n out of range", 2) end
  while n > 0 do
    z = z + 1
    if is_working_day(z) then n = n - 1 end
  end
  return format_date(z)
end

M.parse_date = parse_date
M.format_date = format_date
M.months_from = months_from
M.working_days_at_least = working_days_at_least
M.helpers = dates        -- what rule files call
return M
