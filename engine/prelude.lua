-- prelude.lua -- the rule language of threshold, and the evaluator behind it.
--
-- Loaded once per Lua state by the host (engine/sandbox.c), as text, with
-- the full base library. It builds a separate, allow-listed environment for
-- rule files and returns the API table the host calls (load_sources,
-- evaluate, run_test, ...). Rule files never see this file's locals, the
-- debug library or the real global table.
--
-- Vocabulary: a *declaration* is one `kind "name" { ... }` call in a rule
-- file; a *condition* is data built by helpers (all, is, at_least, ...) or a
-- function(c); *unknown* is the third truth value of a condition that needs
-- a fact the case does not record.

local debug_lib, NULL, LIMIT, ENGINE_VERSION, SHARED, new_table, count_keys, read_all,
  set_case_schema, set_case_plan, rule_site, is_rule_code = ...

local type, pairs, ipairs, next, error, pcall, tostring, tonumber, select =
  type, pairs, ipairs, next, error, pcall, tostring, tonumber, select
local setmetatable, getmetatable, rawget, rawset, rawequal, load =
  setmetatable, getmetatable, rawget, rawset, rawequal, load
local sfmt, ssub, sbyte, sfind, smatch, sgmatch, srep, slower =
  string.format, string.sub, string.byte, string.find, string.match,
  string.gmatch, string.rep, string.lower
local tsort, tconcat, tunpack = table.sort, table.concat, table.unpack
local floor, mtype, huge = math.floor, math.type, math.huge

-- Forward declarations of state shared across the sections below.
local CUR_DECL        -- the rule, flag or table being evaluated
local check_cond      -- checks a condition's paths against the schema
local CHECKING_KIND   -- the kind of declaration whose condition is checked
local case_view       -- the read-only view of a case that functions get
local make_view       -- a read-only (optionally recording) view of a table

---------------------------------------------------------------------------
-- Small utilities
---------------------------------------------------------------------------

local function sorted_keys(t)
  local ks = {}
  for k in pairs(t) do ks[#ks + 1] = k end
  tsort(ks, function(a, b)
    if type(a) == type(b) then return a < b end
    return type(a) == "number"
  end)
  return ks
end

local function list_set(list)
  local s = {}
  for _, v in ipairs(list) do s[v] = true end
  return s
end

-- Levenshtein distance, for "did you mean".
local function distance(a, b)
  local la, lb = #a, #b
  if la == 0 then return lb end
  if lb == 0 then return la end
  local prev, cur = {}, {}
  for j = 0, lb do prev[j] = j end
  for i = 1, la do
    cur[0] = i
    local ca = sbyte(a, i)
    for j = 1, lb do
      local cost = (ca == sbyte(b, j)) and 0 or 1
      local v = prev[j] + 1
      if cur[j - 1] + 1 < v then v = cur[j - 1] + 1 end
      if prev[j - 1] + cost < v then v = prev[j - 1] + cost end
      cur[j] = v
    end
    prev, cur = cur, prev
  end
  return prev[lb]
end

local function did_you_mean(word, candidates)
  local best, bestd
  for _, c in ipairs(candidates) do
    local d = distance(slower(word), slower(c))
    if d <= 1 + #word // 3 and (bestd == nil or d < bestd) then
      best, bestd = c, d
    end
  end
  return best and sfmt(" (did you mean '%s'?)", best) or ""
end

-- A Lua literal that reads back as exactly v, or nil: for generated code.
local function literal(v)
  local t = type(v)
  if t == "number" or t == "string" then return sfmt("%q", v) end
  if t == "boolean" or t == "nil" then return tostring(v) end
  return nil
end

-- A value for a message. A table or function is named, not printed:
-- tostring would give its address, and the same case must give the same
-- bytes every time.
local function show(v)
  if v == NULL then return "null" end
  local t = type(v)
  if t == "string" then return sfmt("%q", v) end
  if t == "table" then return rawget(v, 1) ~= nil and "a list" or "an object" end
  if t == "number" or t == "boolean" or t == "nil" then return tostring(v) end
  return "a " .. t
end

-- Case content stays out of messages unless the caller asked for explain
-- output: messages then say what kind of value was found, not the value.
local SHOW_VALUES = false

local function what(v)
  if SHOW_VALUES then return show(v) end
  if type(v) == "string" then return "a string" end
  if type(v) == "number" then return "a number" end
  if type(v) == "boolean" then return "true or false" end
  return "a " .. type(v)
end

local function deep_copy(v, depth)
  if type(v) ~= "table" then return v end
  depth = (depth or 0) + 1
  if depth > 64 then error("table nested too deeply", 0) end
  local t = {}
  for k, x in next, v do t[k] = deep_copy(x, depth) end
  return t
end

---------------------------------------------------------------------------
-- Dates: proleptic Gregorian calendar, as day numbers since 1970-01-01.
-- Rules never see a clock; "today" is the case's assessed_on.
---------------------------------------------------------------------------

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

-- Whole calendar months from `from` to `to` (negative when to < from).
function dates.months_between(from, to)
  local a, b = need_date(from, "months_between"), need_date(to, "months_between")
  local sign = 1
  if b < a then a, b, sign = b, a, -1 end
  local y1, m1, d1 = civil_from_days(a)
  local y2, m2, d2 = civil_from_days(b)
  local months = (y2 - y1) * 12 + (m2 - m1)
  if d2 < d1 then months = months - 1 end
  return sign * months
end

function dates.years_between(from, to)
  return dates.months_between(from, to) // 12
end

-- Working days: Monday to Friday, less the bank holidays the rule set
-- declares (core keeps England and Wales's as data).
local HOLIDAYS = {}

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

---------------------------------------------------------------------------
-- Pathways and the registry of declarations
---------------------------------------------------------------------------

local PATHWAYS = { "universal", "early_help", "child_in_need", "child_protection" }
local PATHWAY_RANK = { universal = 0, early_help = 1, child_in_need = 2,
                       child_protection = 3 }

local R               -- the registry being loaded or in force
local LOADING         -- { set = id, file = "core/x.lua", pending = {...} }

local function new_registry()
  return {
    sets = {},        -- manifests in load order
    decls = {},       -- every declaration in load order
    problems = {},    -- load errors: { status, msg }
    levels = nil, level_by_id = {},
    schema = {}, children = {},
    facts = {}, fact_list = {},
    named = {},       -- rule / flag / decision_table by name
    evaluated = {},   -- rules, tables and flags in declaration order
    checks = {},      -- case checks that make a case invalid
    tests = {},
    holidays = {},
    hash = "",
    made = {},        -- parts of results made once and shared (build_result)
  }
end

local ST_SYNTAX, ST_RUNTIME, ST_RULES = 5, 6, 10

local function problem(status, where, fmt, ...)
  local msg = sfmt(fmt, ...)
  if where then msg = where .. ": " .. msg end
  R.problems[#R.problems + 1] = { status = status, msg = msg }
end

local function where_of(d)
  local w = d.where
  if w == nil then
    w = sfmt("%s:%d", d.file, d.line)
    d.where = w
  end
  return w
end

-- The file and line of the rule-file code that is declaring something: the
-- nearest caller loaded from a rule file (chunk names start with "@"; the
-- prelude's own frames, C functions and tail calls are skipped).
local function call_site()
  local file, line = rule_site(2)
  if file then return file, line end
  return LOADING and LOADING.file or "?", 0
end

-- Declaration keys: required and optional, per kind.
local KEYS = {
  rule = { req = { "level", "cite", "reason", "when" },
           opt = { "actions", "doc", "tags" } },
  flag = { req = { "cite", "reason", "when" },
           opt = { "actions", "doc", "severity", "tags" } },
  fact = { req = {}, opt = { "doc", "value", "when", "type", "values", "unit" } },
  decision_table = { req = { "inputs", "rows", "cite", "reason" },
                     opt = { "hit", "actions", "doc", "tags" } },
  field = { req = { "type" },
            opt = { "doc", "values", "default", "min", "max", "unit", "of",
                    "nullable", "example" } },
  test = { req = { "case", "expect" }, opt = { "doc", "cite" } },
  check = { req = { "when", "path", "message" }, opt = { "doc" } },
  override = { req = { "cite" }, opt = {} },
  disable = { req = { "cite" }, opt = { "reason" } },
}
for _, k in pairs(KEYS) do k.all = list_set(k.req); for _, o in ipairs(k.opt) do k.all[o] = true end end

-- Unknown keys are collected first and sorted only when there are any, so
-- the common case costs one pass and messages come in a stable order.
local function check_keys(kind, name, spec, file, line, keys)
  keys = keys or KEYS[kind]
  local bad
  for k in pairs(spec) do
    if type(k) ~= "string" or not keys.all[k] then
      bad = bad or {}
      bad[#bad + 1] = k
    end
  end
  if bad then
    local allowed = sorted_keys(keys.all)
    for _, k in ipairs(sorted_keys(list_set(bad))) do
      if type(k) ~= "string" then
        problem(ST_RULES, sfmt("%s:%d", file, line),
                "%s '%s': entries must be written key = value", kind, name)
      else
        problem(ST_RULES, sfmt("%s:%d", file, line),
                "%s '%s': unknown key '%s'%s (allowed: %s)", kind, name, k,
                did_you_mean(k, allowed), tconcat(allowed, ", "))
      end
    end
  end
  for _, k in ipairs(keys.req) do
    if spec[k] == nil then
      problem(ST_RULES, sfmt("%s:%d", file, line),
              "%s '%s': missing required key '%s'", kind, name, k)
    end
  end
end

-- `kind "name" { ... }`: the name call returns a function taking the body.
local function declarer(kind)
  return function(name)
    local file, line = call_site()
    if type(name) ~= "string" or name == "" then
      error(sfmt("%s needs a name in quotes, e.g. %s \"...\" { ... }", kind, kind), 2)
    end
    local pending = { kind = kind, name = name, file = file, line = line }
    LOADING.pending[#LOADING.pending + 1] = pending
    return function(spec)
      if type(spec) ~= "table" then
        error(sfmt("%s '%s' needs a body in braces { ... }", kind, name), 2)
      end
      pending.done = true
      local d = { kind = kind, name = name, set = LOADING.set, file = file,
                  line = line, spec = spec, seq = #R.decls + 1 }
      R.decls[#R.decls + 1] = d
      return nil
    end
  end
end

---------------------------------------------------------------------------
-- Conditions as data
---------------------------------------------------------------------------

local COND = {}        -- metatable marking condition nodes
local EXPR = {}        -- metatable marking value expressions (count, how_many, largest)

local function is_cond(x) return getmetatable(x) == COND end

local C = {}           -- the condition helpers rule files call
local as_path          -- a path written in a rule: { path = "a.b", segs = { "a", "b" } }

do
  function as_path(p, helper)
    if getmetatable(p) == EXPR then return p end
    if type(p) ~= "string" or p == "" then
      error(sfmt("%s: the first argument must be a field path in quotes, e.g. \"child.dob\"", helper), 3)
    end
    local segs = {}
    for s in sgmatch(p, "[^%.]+") do segs[#segs + 1] = s end
    return { path = p, segs = segs }
  end

  local function cond(op, t)
    t.op = op
    local file, line = call_site()
    t.file, t.line = file, line
    t.source = sfmt("%s:%d", file, line)
    return setmetatable(t, COND)
  end

  local function need_cond(x, helper)
    if not is_cond(x) and type(x) ~= "function" then
      error(sfmt("%s: expected a condition (is, all, at_least, ...) or a function(c), got %s",
                 helper, type(x)), 3)
    end
    return x
  end

  local function check_list(t, helper)
    if type(t) ~= "table" or is_cond(t) then
      error(sfmt("%s expects a list of conditions in braces { ... }", helper), 3)
    end
    for i, x in ipairs(t) do need_cond(x, helper .. " item " .. i) end
    return t
  end

  local function check_number(n, helper)
    if type(n) ~= "number" then
      error(sfmt("%s: expected a number, got %s", helper, show(n)), 3)
    end
    return n
  end

  -- Descriptions are words for explanations, made from the condition's
  -- own fields when first asked for (n:describe()), not when a rule file
  -- builds the condition: most loads and most cases never read them.
  local function pdesc(p) return p.describe and p:describe() or p.path end

  local function describer(words)
    return function(n)
      local d = n.desc
      if d == nil then
        d = words(n)
        n.desc = d
      end
      return d
    end
  end

  local function describe_parts(parts)
    local ds = {}
    for i, x in ipairs(parts) do
      ds[i] = is_cond(x) and x:describe() or "a custom condition"
    end
    return tconcat(ds, "; ")
  end

  local function shown_list(vs)
    local shown = {}
    for i, v in ipairs(vs) do shown[i] = show(v) end
    return tconcat(shown, ", ")
  end

  local DESCRIBE_IS = describer(function(c) return sfmt("%s is %s", pdesc(c.p), show(c.v)) end)
  local DESCRIBE_IS_NOT = describer(function(c) return sfmt("%s is not %s", pdesc(c.p), show(c.v)) end)
  local DESCRIBE_ONE_OF = describer(function(c)
    return sfmt("%s is one of %s", pdesc(c.p), shown_list(c.shown))
  end)
  local DESCRIBE_BETWEEN = describer(function(c)
    return sfmt("%s is between %s and %s", pdesc(c.p), show(c.lo), show(c.hi))
  end)
  local DESCRIBE_PRESENT = describer(function(c) return sfmt("%s is recorded", pdesc(c.p)) end)
  local DESCRIBE_DATE_AFTER = describer(function(c)
    return sfmt("%s is after %s", pdesc(c.p), pdesc(c.q))
  end)
  local DESCRIBE_ALL = describer(function(c) return "all of: " .. describe_parts(c.parts) end)
  local DESCRIBE_ANY = describer(function(c) return "any of: " .. describe_parts(c.parts) end)
  local DESCRIBE_NONE = describer(function(c) return "none of: " .. describe_parts(c.parts) end)
  local DESCRIBE_AT_LEAST_N_OF = describer(function(c)
    return sfmt("at least %d of: %s", c.n, describe_parts(c.parts))
  end)
  local DESCRIBE_FIRED = describer(function(c) return sfmt("'%s' applies", c.name) end)
  local DESCRIBE_SUGGESTION_IS = describer(function(c)
    return sfmt("the suggested level is %s", c.level)
  end)
  local DESCRIBE_COUNT = describer(function(c)
    if c.where == nil then return sfmt("the number of %s", c.path) end
    return sfmt("the number of %s where %s", c.path,
                is_cond(c.where) and c.where:describe() or "a custom condition")
  end)
  local DESCRIBE_HOW_MANY = describer(function(c) return "how many of: " .. describe_parts(c.parts) end)
  local DESCRIBE_LARGEST = describer(function(c) return "the largest of " .. tconcat(c.shown, ", ") end)

  function C.is(p, v)
    local x = as_path(p, "is")
    if v == nil then error("is: needs a value to compare with, e.g. is(\"child.unborn\", true)", 2) end
    return cond("is", { p = x, v = v, describe = DESCRIBE_IS })
  end

  function C.is_not(p, v)
    local x = as_path(p, "is_not")
    return cond("is_not", { p = x, v = v, describe = DESCRIBE_IS_NOT })
  end

  function C.one_of(p, vs)
    local x = as_path(p, "one_of")
    if type(vs) ~= "table" or #vs == 0 then error("one_of: expected a list of values", 2) end
    local kept = {}                   -- its words say what it tests, whatever
    for i, v in ipairs(vs) do kept[i] = v end   -- becomes of vs later
    return cond("one_of", { p = x, vs = vs, set = list_set(vs), shown = kept,
      describe = DESCRIBE_ONE_OF })
  end

  local function comparison(op, words)
    local describe = describer(function(c) return sfmt("%s %s %s", pdesc(c.p), words, show(c.n)) end)
    return function(p, n)
      local x = as_path(p, op)
      check_number(n, op)
      return cond(op, { p = x, n = n, describe = describe })
    end
  end
  C.at_least = comparison("at_least", "is at least")
  C.at_most = comparison("at_most", "is at most")
  C.above = comparison("above", "is above")
  C.below = comparison("below", "is below")

  function C.between(p, lo, hi)
    local x = as_path(p, "between")
    check_number(lo, "between"); check_number(hi, "between")
    return cond("between", { p = x, lo = lo, hi = hi, describe = DESCRIBE_BETWEEN })
  end

  function C.present(p)
    local x = as_path(p, "present")
    return cond("present", { p = x, describe = DESCRIBE_PRESENT })
  end

  -- Conditions on how long before assessed_on a date at a path is.
  local function date_span(op, words)
    local describe = describer(function(c)
      return sfmt("%s %s %s %s assessed_on", pdesc(c.p), words[1], show(c.n), words[2])
    end)
    return function(p, n)
      local x = as_path(p, op)
      check_number(n, op)
      return cond(op, { p = x, n = n, describe = describe })
    end
  end
  C.within_days = date_span("within_days", { "is within", "days before" })
  C.at_least_days_ago = date_span("at_least_days_ago", { "is at least", "days before" })
  C.at_least_months_ago = date_span("at_least_months_ago", { "is at least", "months before" })
  C.at_least_working_days_ago = date_span("at_least_working_days_ago",
                                          { "is at least", "working days before" })

  -- date_after(a, b): the date at path a is later than the date at path b.
  function C.date_after(p, q)
    local x, y = as_path(p, "date_after"), as_path(q, "date_after")
    return cond("date_after", { p = x, q = y, describe = DESCRIBE_DATE_AFTER })
  end

  function C.all(parts)
    check_list(parts, "all")
    return cond("all", { parts = parts, describe = DESCRIBE_ALL })
  end

  function C.any(parts)
    check_list(parts, "any")
    return cond("any", { parts = parts, describe = DESCRIBE_ANY })
  end

  function C.none(parts)
    check_list(parts, "none")
    return cond("none", { parts = parts, describe = DESCRIBE_NONE })
  end

  function C.at_least_n_of(n, parts)
    check_number(n, "at_least_n_of")
    check_list(parts, "at_least_n_of")
    return cond("at_least_n_of", { n = n, parts = parts, describe = DESCRIBE_AT_LEAST_N_OF })
  end

  -- fired("name"): another rule, flag or decision table fired for this case.
  function C.fired(name)
    if type(name) ~= "string" then error("fired: expected a rule name in quotes", 2) end
    return cond("fired", { name = name, describe = DESCRIBE_FIRED })
  end

  -- suggestion_is("early_help"): the level the rules suggest (before any
  -- decide) is this one. For flags only: a flag may depend on the level, a
  -- rule may not. Unknown while a rule above it is undetermined.
  function C.suggestion_is(level)
    if type(level) ~= "string" then error("suggestion_is: expected a level in quotes", 2) end
    return cond("suggestion_is", { level = level, describe = DESCRIBE_SUGGESTION_IS })
  end

  -- count("concerns", where): how many entries of a list satisfy `where`
  -- (paths inside `where` are relative to one entry). A value expression,
  -- used inside at_least, below, ...
  function C.count(p, where)
    local x = as_path(p, "count")
    if getmetatable(x) == EXPR then error("count: expected a list path", 2) end
    if where ~= nil then need_cond(where, "count") end
    return setmetatable({ kind = "count", path = x.path, segs = x.segs, list = x, where = where,
      describe = DESCRIBE_COUNT }, EXPR)
  end

  -- how_many { ... }: how many of the conditions hold. A value expression,
  -- for a fact's value or inside at_least, below, ...
  function C.how_many(parts)
    check_list(parts, "how_many")
    return setmetatable({ kind = "how_many", parts = parts, describe = DESCRIBE_HOW_MANY }, EXPR)
  end

  -- largest { "a.b", "c" }: the largest of the numbers at these paths, null
  -- ones left out (null when every one is null). A value expression.
  function C.largest(paths)
    if type(paths) ~= "table" or getmetatable(paths) ~= nil or #paths == 0 then
      error("largest expects a list of field paths in braces, e.g. largest { \"gcp2.safety\", \"gcp2.physical_care\" }", 2)
    end
    local xs, shown = {}, {}
    for i, p in ipairs(paths) do
      if type(p) ~= "string" or p == "" then
        error(sfmt("largest: item %d must be a field path in quotes", i), 2)
      end
      xs[i] = as_path(p, "largest")
      shown[i] = p
    end
    return setmetatable({ kind = "largest", paths = xs, shown = shown,
      describe = DESCRIBE_LARGEST }, EXPR)
  end
end

---------------------------------------------------------------------------
-- The case: validation against the schema, and the view rules read
---------------------------------------------------------------------------

local UNKNOWN_MT = { __tostring = function(u)
  return "unknown fact: " .. tconcat(u.paths, ", ")
end }

local function unknown_signal(paths)
  return setmetatable({ paths = paths }, UNKNOWN_MT)
end

local function is_unknown(e) return getmetatable(e) == UNKNOWN_MT end

-- The metatable of a case table is its node: { up = parent node, key = its
-- key in the parent, spec = its schema field } with the metamethods that
-- make the table answer for fields it lacks and refuse new ones. Nodes are
-- shared by every case (below), so validating a case allocates little.
-- Paths are built from nodes only when a message needs one, so reading a
-- case concatenates no strings.
local function node_of(t)
  local m = getmetatable(t)
  return type(m) == "table" and m.spec and m or nil
end
local CUR                                          -- evaluation in progress

local function join_path(base, k)
  if base == "" then return k end
  if type(k) == "number" then return sfmt("%s[%d]", base, k - 1) end
  return base .. "." .. k
end

local function path_of(node)
  if node == nil or node.up == nil then return "" end
  return join_path(path_of(node.up), node.key)
end

local function node_path(up, key)
  if up == nil then return key end
  return join_path(path_of(up), key)
end

local get_fact           -- forward
local validate_value     -- forward

local object_node        -- the node of a case object, below

local function missing_field(t, k, level)
  local node = getmetatable(t)
  local spec = node.spec
  local f = spec.fields and spec.fields[k]
  if f == nil then
    error(sfmt("'%s' is not a field of the case schema%s", node_path(node, tostring(k)),
               did_you_mean(tostring(k), R.children[spec.path] or {})), level or 2)
  end
  if f.default ~= nil then
    local v = deep_copy(f.default)
    if type(v) == "table" then         -- read-only like the rest of the case
      validate_value(v, f, node, k, {}, {})
    end
    rawset(t, k, v)
    return v
  end
  if f.type == "object" then   -- nothing recorded in it: each field decides
    local v = setmetatable({}, object_node(node, k, f))
    rawset(t, k, v)
    return v
  end
  error(unknown_signal({ node_path(node, k) }), 0)
end

local function refuse_write(t, k)
  error(sfmt("rules cannot change the case (%s)", node_path(getmetatable(t), tostring(k))), 2)
end

-- A node depends only on where it is in the case, so each is made once
-- and shared by every case (a list's entries by position, up to a point:
-- a long list's tail gets nodes of its own, which go with the case).
local child_node
do
  local SHARED_ENTRIES = 256

  function child_node(up, key, spec, index)
    local kids = up and up.kids          -- no up: a default checked at load
    local n = kids and kids[key]
    if n then return n end
    n = { up = up, key = key, spec = spec, __index = index, __newindex = refuse_write }
    if up and (type(key) == "string" or key <= SHARED_ENTRIES) then
      if kids == nil then kids = {}; up.kids = kids end
      kids[key] = n
    end
    return n
  end
end

function object_node(up, key, spec) return child_node(up, key, spec, missing_field) end
local function array_node(up, key, spec) return child_node(up, key, spec, nil) end

local function root_index(t, k)
  if R.facts[k] then return get_fact(k) end
  return missing_field(t, k, 3)
end

local function root_node()
  local n = R.root_node
  if n == nil then
    n = { spec = R.root, __index = root_index, __newindex = refuse_write }
    R.root_node = n
  end
  return n
end

local function is_array(t)
  local n = #t
  for k in next, t do
    if mtype(k) ~= "integer" or k < 1 or k > n then return false end
  end
  return true
end

local function validate_object(t, node, errs, warns)
  local fields = node.spec.fields
  for k, v in next, t do
    local f = fields[k]
    if type(k) ~= "string" then
      errs[#errs + 1] = { path = node.up and path_of(node) or "(case)",
                          message = "expected an object, got a list" }
      break
    elseif f == nil then
      warns[#warns + 1] = { path = node_path(node, k), message = sfmt(
        "unknown field '%s'%s; it is ignored", k, did_you_mean(k, R.children[node.spec.path] or {})) }
    elseif v == NULL and not f.nullable then
      t[k] = nil                      -- null: not known
    else
      validate_value(v, f, node, k, errs, warns)
    end
  end
  setmetatable(t, node)
end

local function bad(errs, up, key, message)
  errs[#errs + 1] = { path = node_path(up, key), message = message }
end

local wrong
do
  local TYPE_WORDS = {
    string = "a string", enum = "one of the allowed values", integer = "a whole number",
    number = "a number", boolean = "true or false", date = "a date written YYYY-MM-DD",
    object = "an object", array = "a list",
  }

  function wrong(errs, up, key, ty, v)
    bad(errs, up, key, sfmt("expected %s, got %s", TYPE_WORDS[ty] or ty,
        type(v) == "table" and (is_array(v) and "a list" or "an object") or what(v)))
  end
end

-- Check v (the value at key of node up) against field f.
function validate_value(v, f, up, key, errs, warns)
  local ty = f.type
  if v == NULL then return end
  if ty == "object" then
    if type(v) ~= "table" or (next(v) ~= nil and is_array(v)) then return wrong(errs, up, key, ty, v) end
    validate_object(v, object_node(up, key, f), errs, warns)
  elseif ty == "array" then
    if type(v) ~= "table" or not is_array(v) then return wrong(errs, up, key, ty, v) end
    local node = array_node(up, key, f)
    local ef = f.entry
    for i = 1, #v do
      if v[i] == NULL then errs[#errs + 1] = { path = node_path(node, i), message = "a list entry cannot be null" }
      else validate_value(v[i], ef, node, i, errs, warns) end
    end
    setmetatable(v, node)
  elseif ty == "string" then
    if type(v) ~= "string" then return wrong(errs, up, key, ty, v) end
  elseif ty == "enum" then
    if type(v) ~= "string" or not f.value_set[v] then
      return bad(errs, up, key, sfmt("expected one of %s, got %s", tconcat(f.values, ", "),
                      type(v) == "string" and not SHOW_VALUES and "another value" or what(v)))
    end
  elseif ty == "boolean" then
    if type(v) ~= "boolean" then return wrong(errs, up, key, ty, v) end
  elseif ty == "date" then
    if not parse_date(v) then
      return bad(errs, up, key, sfmt("expected a real calendar date written YYYY-MM-DD, got %s",
                      type(v) == "string" and not SHOW_VALUES and "a string that is not one" or what(v)))
    end
  elseif ty == "number" or ty == "integer" then
    if type(v) ~= "number" or v ~= v then return wrong(errs, up, key, ty, v) end
    if ty == "integer" and v ~= floor(v) then return wrong(errs, up, key, ty, v) end
    if f.min and v < f.min then return bad(errs, up, key, sfmt("must be at least %s, got %s", show(f.min),
                                                 SHOW_VALUES and show(v) or "less")) end
    if f.max and v > f.max then return bad(errs, up, key, sfmt("must be at most %s, got %s", show(f.max),
                                                 SHOW_VALUES and show(v) or "more")) end
  end
end

-- The common case, checked quickly: every value of its field's type and
-- within its bounds, no unknown field, null only where the field allows
-- it. When the schema is linked, each object and list gets a checker,
-- generated as Lua text (link_checkers): true when the general way above
-- would report nothing and change nothing but the metatables, which it sets
-- the same. On false the general way runs on the object again, from the
-- top, to say what is wrong; checking a table twice sets the same
-- metatable.
local fast_object, link_checkers
do
  -- Lua text that is true when the value in v passes field f; up and key
  -- are the text of the node above and the key, for objects and lists.
  local function value_test(f, g, up, key)
    local ty = f.type
    if ty == "string" then return "type(v) == 'string'"
    elseif ty == "boolean" then return "type(v) == 'boolean'"
    elseif ty == "date" then return "parse_date(v) ~= nil"
    elseif ty == "enum" then
      g.sets[#g.sets + 1] = f.value_set
      return sfmt("type(v) == 'string' and SETS[%d][v] == true", #g.sets)
    elseif ty == "number" or ty == "integer" then
      -- v % 1 == 0 where the general way asks v == floor(v): the same for
      -- every finite number, and no call (an infinity goes the general way)
      local t = { "type(v) == 'number' and v == v" }
      if ty == "integer" then t[#t + 1] = "v % 1 == 0" end
      if f.min then t[#t + 1] = "v >= " .. literal(f.min) end
      if f.max then t[#t + 1] = "v <= " .. literal(f.max) end
      return tconcat(t, " and ")
    elseif ty == "object" then        -- the node made for this place before, if any
      return sfmt("type(v) == 'table' and CHECK[%d](v, %s.kids and %s.kids[%s]" ..
                  " or object_node(%s, %s, SPEC[%d]))", f.checker, up, up, key, up, key, f.checker)
    elseif ty == "array" then
      return sfmt("CHECK[%d](v, %s, %s)", f.checker, up, key)
    end
    return "false"
  end

  -- An object's checker: each declared field read once, and no other key.
  local function object_text(spec, g)
    local out = { sfmt("CHECK[%d] = function(t, node)", spec.checker),
                  "if getmetatable(t) ~= nil then return false end",
                  "local n, v = 0" }
    for _, name in ipairs(sorted_keys(spec.fields)) do
      local f = spec.fields[name]
      out[#out + 1] = sfmt("v = t[%s] if v ~= nil then if %snot (%s) then return false end n = n + 1 end",
                           literal(name), f.nullable and "v ~= NULL and " or "",
                           value_test(f, g, "node", literal(name)))
    end
    out[#out + 1] = "if n ~= count_keys(t) then return false end setmetatable(t, node) return true end"
    return tconcat(out, "\n")
  end

  -- A list's checker: a list whose every entry passes, none null.
  local function array_text(f, g)
    return sfmt("CHECK[%d] = function(a, up, key)\n" ..
                "if type(a) ~= 'table' or not is_array(a) then return false end\n" ..
                "local node = array_node(up, key, SPEC[%d])\n" ..
                "for i = 1, #a do local v = a[i] if v == NULL or not (%s) then return false end end\n" ..
                "setmetatable(a, node) return true end",
                f.checker, f.checker, value_test(f.entry, g, "node", "i"))
  end

  -- Every checker of the schema, made by one chunk: spec.fast for R.root
  -- and each object.
  function link_checkers()
    local specs = { R.root }
    for _, p in ipairs(sorted_keys(R.schema)) do
      local f = R.schema[p]
      if f.type == "object" or f.type == "array" then specs[#specs + 1] = f end
    end
    for i, spec in ipairs(specs) do spec.checker = i end
    local g, out = { sets = {} }, {
      "local CHECK, SPEC, SETS, NULL, type, getmetatable, setmetatable, parse_date, is_array,",
      "  object_node, array_node, count_keys = ..." }
    for _, spec in ipairs(specs) do
      out[#out + 1] = spec.type == "array" and array_text(spec, g) or object_text(spec, g)
    end
    local chunk, err = load(tconcat(out, "\n"), "=(the schema's checkers)", "t", {})
    if not chunk then error("internal error generating the schema's checkers: " .. err, 0) end
    local check = {}
    chunk(check, specs, g.sets, NULL, type, getmetatable, setmetatable, parse_date, is_array,
          object_node, array_node, count_keys)
    for i, spec in ipairs(specs) do
      if spec.type ~= "array" then spec.fast = check[i] end
    end
  end

  -- false until the checkers are made (API.prepare): the general way then
  function fast_object(t, node)
    local fast = node.spec.fast
    return fast ~= nil and fast(t, node)
  end
end

-- Messages in path order, so the same case gives the same bytes whatever
-- order the table holds its keys in.
local function path_order(a, b)
  if a.path ~= b.path then return a.path < b.path end
  return a.message < b.message
end

local function by_path(list)
  if #list > 1 then tsort(list, path_order) end
  return list
end

---------------------------------------------------------------------------
-- Evaluation context, facts and the three-valued condition evaluator
---------------------------------------------------------------------------

-- An empty list nothing may add to: shared by results that list nothing.
local NONE = setmetatable({}, { __newindex = function() error("NONE is read-only", 2) end })

-- case is nil when the host read it flat (API.evaluate); id and on are its
-- id and assessed_on. The tables most cases never use are made when first
-- needed (a key set at the start keeps the context from growing). Read
-- flat, only the flat chunk runs: it keeps no fact in ctx, and lists only
-- what held, so every status asked for is "held"; so nothing of one case
-- is left in the context for the next, and one context, its keys set once,
-- serves every such case: the chunk sets its notable list, and its `at` is
-- set only when a limit stops it, after which the state is made again.
local function new_ctx(case, id, on, opts)
  local ctx = case == nil and R.flat_ctx
  if ctx then
    ctx.id = id
    if on ~= ctx.on then ctx.on, ctx.assessed = on, parse_date(on) end
    return ctx
  end
  local flat = case == nil
  ctx = {
    case = case, id = id, on = on, assessed = parse_date(on), explain = opts.explain,
    interpret = opts.interpret,
    facts = flat and NONE or R.new_facts and R.new_facts() or {}, stack = false,
    status_of = flat and R.flat_status or R.new_status and R.new_status() or {},
    errors = NONE, error_seen = false, at = false, notable = false, slow = 0,
  }
  if flat then R.flat_ctx = ctx end
  return ctx
end

local function add_error(ctx, e)
  local errors = ctx.errors
  if errors == NONE then errors = {}; ctx.errors = errors end
  errors[#errors + 1] = e
end

local function record_error(ctx, d, msg, extra)
  local seen = ctx.error_seen
  if not seen then seen = {}; ctx.error_seen = seen end
  if seen[d] then return end
  seen[d] = true
  local e = { rule = d.name, kind = d.kind, source = where_of(d), message = msg }
  if extra then for k, v in pairs(extra) do e[k] = v end end
  add_error(ctx, e)
end

-- An error value as bounded text. Tables without __tostring would show a
-- memory address, which differs between runs: name the type instead.
local function clean_error(e)
  if type(e) == "string" then
    if #e > 500 then e = ssub(e, 1, 500) .. "..." end
    return e
  end
  if type(e) == "number" or type(e) == "boolean" then return tostring(e) end
  local mt = type(e) == "table" and getmetatable(e)
  if mt and mt.__tostring then
    local ok, s = pcall(tostring, e)
    if ok and type(s) == "string" then return clean_error(s) end
  end
  if e == nil then return "error raised with no message (nil)" end
  return sfmt("error raised with a %s value and no message", type(e))
end

local NO_VALUE = {}     -- a fact memoised with no value: nil, unknown or failed

-- Facts: computed on first use, memoised per case, cycles reported.
-- ctx.facts[name] is the value, or NO_VALUE; then ctx.failed[name] may say
-- why: { unknown = signal } or { err = message }. Returns both.
local function fact_memo(ctx, name)
  local v = ctx.facts[name]
  if v ~= nil then return v, ctx.failed and ctx.failed[name] end
  local d, stack = R.facts[name], ctx.stack
  if not stack then stack = {}; ctx.stack = stack end
  for i = 1, #stack do
    if stack[i] == name then
      local chain = {}
      for j = i, #stack do chain[#chain + 1] = stack[j] end
      chain[#chain + 1] = name
      local msg = "fact cycle: " .. tconcat(chain, " -> ")
      record_error(ctx, d, msg)
      return NO_VALUE, { err = msg }   -- not kept: the computation under way decides
    end
  end
  stack[#stack + 1] = name
  local ok, r = pcall(d.compute, ctx)
  stack[#stack] = nil
  local failure
  if ok then
    v = r == nil and NO_VALUE or r
  elseif rawequal(r, LIMIT) then
    error(r, 0)
  elseif is_unknown(r) then
    failure = { unknown = r }
  else
    local msg = clean_error(r)
    record_error(ctx, d, msg)
    failure = { err = sfmt("fact '%s' failed: %s", name, msg) }
  end
  if failure then
    v = NO_VALUE
    ctx.failed = ctx.failed or {}
    ctx.failed[name] = failure
  end
  ctx.facts[name] = v
  return v, failure
end

function get_fact(name)
  local v, failure = fact_memo(CUR, name)
  if failure then error(failure.unknown or failure.err, 0) end
  if v == NO_VALUE then return nil end
  return v
end

-- Value at a path for data conditions: value, or nil with the missing paths
-- added to env.missing. `base` is the list entry for relative paths.
local function resolve(env, p, base)
  local t, first = base or env.ctx.case, 1
  local segs = p.segs
  local v
  if base == nil and R.facts[segs[1]] then
    local ok, fv = pcall(get_fact, segs[1])
    if not ok then
      if is_unknown(fv) then
        for _, mp in ipairs(fv.paths) do env.missing[#env.missing + 1] = mp end
        return nil
      end
      error(fv, 0)
    end
    v, first = fv, 2
    for i = first, #segs do
      if type(v) == "table" then v = v[segs[i]] else v = nil end
      if v == nil then
        env.missing[#env.missing + 1] = p.path
        return nil
      end
    end
    return v
  end
  for i = first, #segs do
    local k = segs[i]
    v = rawget(t, k)
    if v == nil then
      local ok, dv = pcall(missing_field, t, k)
      if not ok then
        if is_unknown(dv) then     -- name the whole path the condition needs
          env.missing[#env.missing + 1] = node_path(getmetatable(base or env.ctx.case), p.path)
          return nil
        end
        error(dv, 0)
      end
      v = dv
    end
    t = v
  end
  if v == NULL then
    return NULL
  end
  return v
end

local eval_cond    -- forward

local eval_expr
do
  -- How many of the parts hold: bounds, the upper counting the unknown ones.
  local function how_many_bounds(env, parts, base)
    local lo, hi = 0, 0
    local trace = env.trace
    env.trace = nil          -- why-not names the expression, not each part
    for i = 1, #parts do
      local r = eval_cond(env, parts[i], base)
      if r == true then lo, hi = lo + 1, hi + 1 elseif r == nil then hi = hi + 1 end
    end
    env.trace = trace
    return lo, hi
  end

  -- The largest number at the paths, null ones left out: bounds, the upper
  -- unbounded while one is unknown; NULL when all are null; nil when none
  -- is known and some are unknown.
  local function largest_bounds(env, paths, base)
    local best, unknown
    for i = 1, #paths do
      local v = resolve(env, paths[i], base)
      if v == nil then
        unknown = true
      elseif v ~= NULL then
        if type(v) ~= "number" then error(sfmt("largest: %s is not a number", paths[i].path), 0) end
        if best == nil or v > best then best = v end
      end
    end
    if best == nil then
      if unknown then return nil end
      return NULL, NULL
    end
    return best, unknown and huge or best
  end

  -- A value expression: (lo, hi) bounds; equal when known exactly.
  function eval_expr(env, x, base)
    if getmetatable(x) ~= EXPR then
      local v = resolve(env, x, base)
      if v == nil then return nil end
      if type(v) == "table" then v = #v end
      return v, v
    end
    if x.kind == "how_many" then return how_many_bounds(env, x.parts, base) end
    if x.kind == "largest" then return largest_bounds(env, x.paths, base) end
    local list = resolve(env, x.list, base)
    if list == nil then return nil end
    if type(list) ~= "table" then error(sfmt("count: %s is not a list", x.path), 0) end
    if x.where == nil then return #list, #list end
    local lo, hi = 0, 0
    local trace = env.trace
    env.trace = nil          -- why-not names the count, not each entry's parts
    for i = 1, #list do
      local r = eval_cond(env, x.where, list[i])
      if r == true then lo, hi = lo + 1, hi + 1 elseif r == nil then hi = hi + 1 end
    end
    env.trace = trace
    return lo, hi
  end
end

-- Explain mode: record a value read. Paths inside count(..., where) are
-- named from the list entry (concerns[2].impact); a count by its words.
local function note(env, p, v, base)
  if not env.reads then return end     -- callers on hot paths test this first
  local path = p.path
  if getmetatable(p) == EXPR then path = p:describe()
  elseif base and node_of(base) then path = node_path(node_of(base), p.path) end
  env.reads[#env.reads + 1] = { path = path, value = v }
end


local LEAF = {
  is = function(env, n, base)
    local v = resolve(env, n.p, base)
    if env.reads then note(env, n.p, v, base) end
    if v == nil then return nil end
    return v == n.v
  end,
  is_not = function(env, n, base)
    local v = resolve(env, n.p, base)
    if env.reads then note(env, n.p, v, base) end
    if v == nil then return nil end
    return v ~= n.v
  end,
  one_of = function(env, n, base)
    local v = resolve(env, n.p, base)
    if env.reads then note(env, n.p, v, base) end
    if v == nil then return nil end
    return n.set[v] == true
  end,
  present = function(env, n, base)
    local m = #env.missing
    local v = resolve(env, n.p, base)
    for i = #env.missing, m + 1, -1 do env.missing[i] = nil end
    note(env, n.p, v, base)
    return v ~= nil and v ~= NULL
  end,
}

-- A comparison holds, fails, or (for a count over entries some of which
-- are unknown, lo < hi) is unknown when its two bounds disagree.
local function numeric(test)
  return function(env, n, base)
    local lo, hi = eval_expr(env, n.p, base)
    if env.reads then
      note(env, n.p, lo ~= nil and (lo == hi and lo or hi == huge and sfmt("%s or more", lo)
                                    or sfmt("%s to %s", lo, hi)) or nil, base)
    end
    if lo == nil then return nil end
    if lo == NULL then return false end   -- null on a nullable field: not applicable
    if type(lo) ~= "number" then
      error(sfmt("%s: %s is not a number", n.op, n.p.path), 0)
    end
    local a = test(lo, n)
    if lo == hi or a == test(hi, n) then return a end
    return nil
  end
end
local NUMERIC = {
  at_least = function(x, n) return x >= n.n end,
  at_most = function(x, n) return x <= n.n end,
  above = function(x, n) return x > n.n end,
  below = function(x, n) return x < n.n end,
  between = function(x, n) return x >= n.lo and x <= n.hi end,
}
for op, test in pairs(NUMERIC) do LEAF[op] = numeric(test) end

local function days_ago(env, n, base)
  local v = resolve(env, n.p, base); note(env, n.p, v, base)
  if v == nil then return nil end
  if v == NULL then return false end
  local z = parse_date(v)
  if not z then error(sfmt("%s: %s is not a date", n.op, n.p.path), 0) end
  return env.ctx.assessed - z, v
end
LEAF.within_days = function(env, n, base)
  local d = days_ago(env, n, base)
  if d == nil then return nil end
  return d >= 0 and d <= n.n
end
LEAF.at_least_days_ago = function(env, n, base)
  local d = days_ago(env, n, base)
  if d == nil then return nil end
  return d >= n.n
end
LEAF.date_after = function(env, n, base)
  local a, b = resolve(env, n.p, base), resolve(env, n.q, base)
  note(env, n.p, a, base); note(env, n.q, b, base)
  if a == nil or b == nil or a == NULL or b == NULL then return nil end
  local za, zb = parse_date(a), parse_date(b)
  if not za or not zb then error(sfmt("date_after: %s or %s is not a date", n.p.path, n.q.path), 0) end
  return za > zb
end
LEAF.at_least_working_days_ago = function(env, n, base)
  local d, v = days_ago(env, n, base)
  if d == nil then return nil end
  return dates.working_days_between(v, format_date(env.ctx.assessed)) >= n.n
end
LEAF.at_least_months_ago = function(env, n, base)
  local d, v = days_ago(env, n, base)
  if d == nil then return nil end
  return dates.months_between(v, format_date(env.ctx.assessed)) >= n.n
end

local run_decl     -- forward

-- The highest level among the rules and tables that apply, and whether an
-- undetermined or erring one could put it higher. Flags run after them.
local function level_so_far(ctx)
  if ctx.level_so_far then return ctx.level_so_far, ctx.maybe_higher end
  local best, higher = R.levels[1], {}
  for _, d in ipairs(R.evaluated) do
    if d.kind ~= "flag" then
      local r = run_decl(ctx, d)
      local st = ctx.status_of[d.slot]
      if d.kind == "rule" then
        if r == true and d.lv.rank > best.rank then best = d.lv end
        if r ~= true and r ~= false then higher[#higher + 1] = d.lv end
      else
        for _, h in ipairs(st.hits or {}) do
          if d.rows[h].lv.rank > best.rank then best = d.rows[h].lv end
        end
        for _, u in ipairs(st.unknown_rows or {}) do higher[#higher + 1] = d.rows[u].lv end
        if r == "error" and d.max_lv then higher[#higher + 1] = d.max_lv end
      end
    end
  end
  local maybe = false
  for _, lv in ipairs(higher) do if lv.rank > best.rank then maybe = true end end
  ctx.level_so_far, ctx.maybe_higher = best, maybe
  return best, maybe
end

LEAF.suggestion_is = function(env, n)
  local best, maybe = level_so_far(env.ctx)
  local want = R.level_by_id[n.level]
  if best.rank > want.rank then return false end
  if best.rank == want.rank then
    if maybe then env.missing[#env.missing + 1] = "the suggested level" return nil end
    return true
  end
  if maybe then env.missing[#env.missing + 1] = "the suggested level" return nil end
  return false
end

LEAF.fired = function(env, n)
  local d = R.named[n.name]
  local r = run_decl(env.ctx, d)
  if r == "error" then error(sfmt("'%s' could not be evaluated", n.name), 0) end
  if r == nil then
    for _, mp in ipairs(env.ctx.status_of[d.slot].missing or {}) do env.missing[#env.missing + 1] = mp end
  end
  return r
end

-- Run a function condition: true/false, or nil (unknown) with the paths.
local function eval_function(env, f, base)
  local arg = base and make_view(base, nil, nil) or env.view or case_view(env.ctx)
  local ok, r = pcall(f, arg)
  if ok then return r ~= nil and r ~= false end
  if rawequal(r, LIMIT) then error(r, 0) end
  if is_unknown(r) then
    for _, mp in ipairs(r.paths) do env.missing[#env.missing + 1] = mp end
    return nil
  end
  error(r, 0)
end

-- Three-valued: true, false or nil (unknown). With env.trace set, it also
-- fills env.trace with the leaves that failed or were unknown.
function eval_cond(env, n, base)
  if type(n) == "function" then
    local r = eval_function(env, n, base)
    if env.trace and r ~= true then
      env.trace[#env.trace + 1] = { part = "a custom condition (function)", result = r }
    end
    return r
  end
  local op = n.op
  local leaf = LEAF[op]
  if leaf then
    local m = #env.missing
    local r = leaf(env, n, base)
    if env.trace and r ~= true then
      local miss = {}
      for i = m + 1, #env.missing do miss[#miss + 1] = env.missing[i] end
      env.trace[#env.trace + 1] = { part = n:describe(), result = r, missing = miss,
                                    source = n.source }
    end
    return r
  end
  local parts, full = n.parts, env.trace ~= nil
  if op == "all" then
    local res = true
    for i = 1, #parts do
      local r = eval_cond(env, parts[i], base)
      if r == false then res = false; if not full then return false end
      elseif r == nil and res then res = nil end
    end
    return res
  elseif op == "any" then
    local res = false
    for i = 1, #parts do
      local r = eval_cond(env, parts[i], base)
      if r == true then res = true; if not full then return true end
      elseif r == nil and res == false then res = nil end
    end
    return res
  elseif op == "none" then
    local res = true
    for i = 1, #parts do
      local r = eval_cond(env, parts[i], base)
      if r == true then res = false; if not full then return false end
      elseif r == nil and res then res = nil end
    end
    return res
  elseif op == "at_least_n_of" then
    local yes, maybe = 0, 0
    for i = 1, #parts do
      local r = eval_cond(env, parts[i], base)
      if r == true then yes = yes + 1 elseif r == nil then maybe = maybe + 1 end
    end
    if yes >= n.n then return true end
    if yes + maybe < n.n then return false end
    return nil
  end
  error("unknown condition " .. tostring(op), 0)
end

---------------------------------------------------------------------------
-- Compiled conditions: each data condition becomes closures once, at load,
-- with eval_cond's semantics when nothing is traced or recorded. Plain
-- field paths are read straight from the tables; anything else (a missing
-- value, a default, a fact, a count, a date) takes the general leaf. Explain
-- mode, why-not and `threshold test`'s cross-check use eval_cond.
---------------------------------------------------------------------------

-- A reader for a plain path (no fact, no count): the value, or nil when a
-- step is missing, so the caller takes the general way.
local function direct_reader(p)
  if getmetatable(p) == EXPR or R.facts[p.segs[1]] then return nil end
  local segs, n = p.segs, #p.segs
  if n == 1 then
    local s1 = segs[1]
    return function(t) return rawget(t, s1) end
  end
  return function(t)
    for i = 1, n do
      if type(t) ~= "table" then return nil end
      t = rawget(t, segs[i])
    end
    return t
  end
end

local compile

local function compile_leaf(n)
  local leaf, op = LEAF[n.op], n.op
  local read = n.p and direct_reader(n.p)
  if read and (op == "is" or op == "is_not") then
    local v0, negate = n.v, op == "is_not"
    return function(env, base)
      local x = read(base or env.ctx.case)
      if x == nil then return leaf(env, n, base) end
      return (x == v0) ~= negate
    end
  elseif read and op == "one_of" then
    local set = n.set
    return function(env, base)
      local x = read(base or env.ctx.case)
      if x == nil then return leaf(env, n, base) end
      return set[x] == true
    end
  elseif read and NUMERIC[op] then
    local test = NUMERIC[op]
    return function(env, base)
      local x = read(base or env.ctx.case)
      local tx = type(x)
      if tx == "table" then return test(#x, n) end
      if tx ~= "number" then return leaf(env, n, base) end
      return test(x, n)
    end
  end
  local list_of = NUMERIC[op] and getmetatable(n.p) == EXPR and n.p.kind == "count"
                  and direct_reader(n.p.list)
  if list_of then
    -- count(list, where) compared: the entries' condition compiled too; a
    -- list the plain read does not find goes the general way
    local test = NUMERIC[op]
    local where = n.p.where and compile(n.p.where)
    return function(env, base)
      local list = list_of(base or env.ctx.case)
      if type(list) ~= "table" then return leaf(env, n, base) end
      local lo, hi = #list, #list
      if where then
        lo, hi = 0, 0
        for i = 1, #list do
          local r = where(env, list[i])
          if r == true then lo, hi = lo + 1, hi + 1 elseif r == nil then hi = hi + 1 end
        end
      end
      local a = test(lo, n)
      if lo == hi or a == test(hi, n) then return a end
      return nil
    end
  end
  return function(env, base) return leaf(env, n, base) end
end

local GROUP_STOP = { all = { false, false, true }, any = { true, true, false },
                     none = { true, false, true } }

function compile(n)
  if type(n) == "function" then
    return function(env, base) return eval_function(env, n, base) end
  end
  if LEAF[n.op] then return compile_leaf(n) end
  local fs = {}
  for i, x in ipairs(n.parts) do fs[i] = compile(x) end
  local k, op = #fs, n.op
  -- all stops at a false part, any and none at a true one; what a stop
  -- gives, and what every part giving the other value gives
  local stop = GROUP_STOP[op]
  if stop then
    local on, gives, otherwise = stop[1], stop[2], stop[3]
    return function(env, base)
      local res = otherwise
      for i = 1, k do
        local r = fs[i](env, base)
        if r == on then return gives elseif r == nil then res = nil end
      end
      return res
    end
  end
  local need = n.n                         -- at_least_n_of
  return function(env, base)
    local yes, maybe = 0, 0
    for i = 1, k do
      local r = fs[i](env, base)
      if r == true then yes = yes + 1 elseif r == nil then maybe = maybe + 1 end
    end
    if yes >= need then return true end
    if yes + maybe < need then return false end
    return nil
  end
end

---------------------------------------------------------------------------
-- The case as function conditions and facts see it: a read-only view.
-- Reads pass through (a field the case lacks is still unknown, a field the
-- schema lacks still an error); writes are errors, so no rule can change
-- what a later rule reads. Data conditions read the plain tables directly.
-- With `reads`, every value read is recorded, for explain mode.
---------------------------------------------------------------------------

local plain_view
do
  local dgetmetatable = debug_lib.getmetatable

  local function refuse_view_write(proxy, k)
    local t = dgetmetatable(proxy).target
    error(sfmt("rules cannot change the case (%s)", node_of(t) and node_path(node_of(t), tostring(k))
               or tostring(k)), 2)
  end

  local TARGET = {}     -- the key under which a mirror keeps its table

  -- A field the mirror has not read yet: t answers (a value, a default, an
  -- empty object, a fact, or unknown); a table it gives is viewed too. What
  -- it gives is kept, so the next read takes the fast path.
  local MIRROR_MT = { __index = function(m, k)   -- m has TARGET, and no __newindex
    local v = m[TARGET][k]
    if type(v) == "table" then v = plain_view(v) end
    if v ~= nil then m[k] = v end
    return v
  end }

  local function view_len(proxy) return #dgetmetatable(proxy).target end

  local function view_pairs(proxy)
    local t = dgetmetatable(proxy).target
    return function(_, k)
      local nk = next(t, k)
      if nk == nil then return nil end
      return nk, proxy[nk]
    end, proxy, nil
  end

  -- The view when nothing is recorded: an empty proxy over a mirror of t
  -- that fills as fields are read, tables among them as views. After the
  -- first read of a field, reads take the VM's fast path (__index is a
  -- table). The mirror is out of the rules' reach: the proxy's metatable is
  -- hidden, and its __pairs walks t. Three tables a view, no closure.
  function plain_view(t)
    local m = setmetatable({ [TARGET] = t }, MIRROR_MT)
    return setmetatable({}, { __index = m, __newindex = refuse_view_write, __len = view_len,
                              __pairs = view_pairs, __metatable = false, target = t })
  end
end

function make_view(t, path, reads)
  if not reads then return plain_view(t) end
  local kids, mt = {}, {}
  local proxy = setmetatable({}, mt)
  local function here(k)
    return reads and join_path(path, type(k) == "number" and k or tostring(k))
  end
  mt.__index = function(_, k)
    local v = t[k]
    if type(v) == "table" then
      local view = kids[k]
      if view == nil then
        view = make_view(v, here(k), reads)
        kids[k] = view
      end
      if reads and path == "" and R.facts[k] then reads[#reads + 1] = { path = k, value = v } end
      return view
    end
    if reads then reads[#reads + 1] = { path = here(k), value = v } end
    return v
  end
  mt.__newindex = function(_, k)
    local where = node_of(t) and node_path(node_of(t), tostring(k)) or tostring(k)
    error(sfmt("rules cannot change the case (%s)", where), 2)
  end
  mt.__len = function() return #t end
  mt.__pairs = function()
    return function(_, k)
      local nk = next(t, k)
      if nk == nil then return nil end
      return nk, proxy[nk]
    end, proxy, nil
  end
  mt.__metatable = false
  return proxy
end

function case_view(ctx)
  local v = ctx.view
  if v == nil then
    v = make_view(ctx.case, "", nil)
    ctx.view = v
  end
  return v
end

---------------------------------------------------------------------------
-- Running rules, flags and decision tables
---------------------------------------------------------------------------

-- Rules evaluated plainly share one environment per case; its missing list
-- is emptied for each. Nested evaluations (facts, fired) get their own.
local function new_env(ctx, trace, explain)
  if not trace and not explain and not ctx.env_busy then
    local env = ctx.env
    if env == nil then
      env = { ctx = ctx, missing = {} }
      ctx.env = env
    else
      local m = env.missing
      for i = #m, 1, -1 do m[i] = nil end
    end
    return env
  end
  local env = { ctx = ctx, missing = {} }
  if trace then env.trace = {} end
  if explain then
    env.reads = {}
    env.view = make_view(ctx.case, "", env.reads)
  end
  return env
end

local function dedup_sorted(list)
  if #list == 0 then return NONE end
  local seen, out = {}, {}
  for _, v in ipairs(list) do
    if not seen[v] then seen[v] = true; out[#out + 1] = v end
  end
  tsort(out)
  return out
end

local function match_cell(cell, v)
  if cell.any then return true end
  if v == nil then return nil end
  return cell.test(v)
end

-- A decision table: the rows that matched, and those left unknown.
local function run_table(ctx, d)
  local env = new_env(ctx, false, ctx.explain)
  ctx.env_busy = true
  local vals = {}
  for i, inp in ipairs(d.inputs) do vals[i] = resolve(env, inp) end
  local hits, unknown = {}, {}
  for ri, row in ipairs(d.rows) do
    local res = true
    for ci, cell in ipairs(row.cells) do
      local r = match_cell(cell, vals[ci])
      if r == false then res = false; break end
      if r == nil then res = nil end
    end
    if res == true then hits[#hits + 1] = ri
    elseif res == nil then unknown[#unknown + 1] = ri end
  end
  local policy = d.hit
  if policy == "unique" and #hits > 1 then
    error(sfmt("hit policy 'unique' but rows %s all match", tconcat(hits, ", ")), 0)
  elseif policy == "first" and #hits > 0 then
    local first, before = hits[1], {}
    for _, u in ipairs(unknown) do if u < first then before[#before + 1] = u end end
    hits, unknown = { first }, before
  elseif policy == "priority" and #hits > 0 then
    local best = hits[1]
    for _, h in ipairs(hits) do
      if d.rows[h].rank > d.rows[best].rank then best = h end
    end
    local above = {}
    for _, u in ipairs(unknown) do
      if d.rows[u].rank > d.rows[best].rank then above[#above + 1] = u end
    end
    hits, unknown = { best }, above
  end
  local reads
  if ctx.explain then
    reads = {}
    for i, inp in ipairs(d.inputs) do reads[i] = { path = inp.path, value = vals[i] } end
  end
  return hits, unknown, dedup_sorted(env.missing), reads
end

-- Evaluate one rule, flag or table once per case (memoised, so `fired`
-- can ask for it). Returns true, false, nil (undetermined) or "error".
function run_decl(ctx, d)
  local st = ctx.status_of[d.slot]
  if st then
    if st.running then
      record_error(ctx, d, "'" .. d.name .. "' depends on itself through fired()")
      return "error"
    end
    return st.result
  end
  st = { running = true }
  ctx.status_of[d.slot] = st
  local prev = CUR_DECL
  CUR_DECL = d
  local ok, r, missing, reads
  local busy = ctx.env_busy      -- the shared environment is taken below
  if d.kind == "decision_table" then
    local hits, unknown
    ok, hits, unknown, missing, reads = pcall(run_table, ctx, d)
    if ok then
      st.hits, st.unknown_rows = hits, unknown
      if #hits > 0 then r = true elseif #unknown > 0 then r = nil else r = false end
    else
      r = hits
    end
  else
    local env = new_env(ctx, false, ctx.explain)
    ctx.env_busy = true
    if d.compiled and not ctx.explain and not ctx.interpret then
      ok, r = pcall(d.compiled, env)
    else
      ok, r = pcall(eval_cond, env, d.when)
    end
    missing, reads = dedup_sorted(env.missing), env.reads
  end
  ctx.env_busy = busy
  CUR_DECL = prev
  st.running = false
  if not ok then
    if rawequal(r, LIMIT) then error(r, 0) end
    record_error(ctx, d, clean_error(r))
    st.result = "error"
    return "error"
  end
  st.result, st.missing, st.reads = r, missing, reads
  return r
end

---------------------------------------------------------------------------
-- The rule set as one chunk. Rules and flags run in declaration order, as
-- above, but a data condition is inlined as plain two-valued Lua: when
-- every value it reads is recorded, three-valued logic gives the same
-- answer as two-valued. Where a read finds nothing, or a fact is not a
-- plain value, or a value is of a kind the inline code does not handle,
-- the declaration goes the general way (run_decl), which names what is
-- missing. Decision tables, function conditions, counts, dates and
-- conditions on other rules always go that way. Facts are computed lazily
-- in the same order either way, so errors are recorded in the same order.
---------------------------------------------------------------------------

local inline_set
do
  -- Shared statuses for declarations the inline code decided: nothing
  -- missing, nothing read for explain (inline code never runs explaining).
  local DECIDED = { [true] = { result = true, missing = NONE },
                    [false] = { result = false, missing = NONE } }

  -- A fact's memoised value, computed the usual way if need be (its error
  -- recorded, its unknown remembered); nil unless it is a plain value.
  local function fact_value(ctx, name)
    local v = ctx.facts[name]
    if v == nil then v = fact_memo(ctx, name) end
    if v == NO_VALUE then return nil end
    return v
  end

  local INLINE_COMPARE = { at_least = ">=", at_most = "<=", above = ">", below = "<" }
  local INLINE_GROUP = { all = true, any = true, none = true, at_least_n_of = true }

  -- `entry`: n is the where of a count, its paths relative to a list entry
  local function inlinable(n, depth, entry)
    if type(n) ~= "table" or depth > 30 then return false end
    local op = n.op
    if INLINE_GROUP[op] then
      for _, x in ipairs(n.parts) do
        if not inlinable(x, depth + 1, entry) then return false end
      end
      return true
    end
    local p = n.p
    if p ~= nil and getmetatable(p) == EXPR then
      -- count(list, where) compared, over a list of objects, no count inside
      return not entry and p.kind == "count" and (op == "between" or INLINE_COMPARE[op] ~= nil)
        and not R.facts[p.list.segs[1]]
        and (p.where == nil or ((R.schema[p.list.path .. "[]"] or {}).type == "object"
                                 and inlinable(p.where, depth + 1, true)))
    end
    if p == nil or (not entry and R.facts[p.segs[1]] and #p.segs > 1) then
      return false
    end
    if op == "is" or op == "is_not" then return n.v == nil or literal(n.v) ~= nil end
    return op == "one_of" or op == "present" or op == "between" or INLINE_COMPARE[op] ~= nil
  end

  -- Case values are read once, at the top of the chunk, into locals (as
  -- many as Lua allows beside the others), by one call of the host's
  -- read_all: a plain read has no effect, and a value the evaluation adds
  -- later (a default, an empty object) was nil when read, which sends the
  -- declaration the general way.
  local INLINE_READS = 120

  -- The local holding the value at segs[1..n] (nil if none is left).
  -- g.plan lists the reads: each one's local, the place in the list of the
  -- read it is taken from (0: the case), and its key.
  local function hoisted(g, segs, n)
    local key = tconcat(segs, ".", 1, n)
    local r = g.reads[key]
    if r or g.nreads >= INLINE_READS then return r end
    local up = n > 1 and hoisted(g, segs, n - 1)
    if n > 1 and not up then return nil end
    g.nreads = g.nreads + 1
    r = "r" .. g.nreads
    g.plan[#g.plan + 1] = { name = r, up = up and g.plan_at[up] or 0, key = segs[n] }
    g.plan_at[r] = #g.plan
    g.reads[key] = r
    return r
  end

  local emit_test, emit_fact    -- forward

  -- What an inlined fact's value is, by its kind: how_many counts, largest
  -- is a number or null (a fallback to the general way gives the same).
  local EXPR_VALUE = { how_many = { type = "integer" }, largest = { type = "number", nullable = true } }

  local function new_label(g)
    g.labels = g.labels + 1
    return "e" .. g.labels
  end

  -- A value known to be false only when it is false: a field or fact kind
  -- other than boolean (validated before the chunk runs).
  local function never_false(field)
    return field ~= nil and field.type ~= "boolean"
  end

  -- A value known to be a number (or null, where field.nullable).
  local function number_field(field)
    return field ~= nil and (field.type == "number" or field.type == "integer")
  end

  -- Code that jumps to `to` when the Lua expression `test` is `sense`.
  local function emit_jump(out, test, sense, to)
    out[#out + 1] = sfmt("if %s(%s) then goto %s end", sense and "" or "not ", test, to)
  end

  -- Code that finds the value at path p, or jumps to `slow` when it is not
  -- there; `depth` is that of the condition reading it. Returns what is
  -- known of the value, as a field (the schema's field for a case value,
  -- or an inlined fact's kind), the local holding it, and whether it may
  -- be nil there. With `unchecked` the caller tests for nil itself. In the
  -- flat chunk a case value is there or not for the whole case, and the
  -- reader reads flat only cases with every value it may read (g.present),
  -- and an inlined fact is there once made: only the id and date, which
  -- may be left out, are tested where read.
  local function emit_read(out, p, slow, g, depth, unchecked)
    local segs, known, v, maybe_nil = p.segs, nil, "x", true
    if g.entry then                          -- in a count's where: from the entry
      out[#out + 1] = sfmt("x = rawget(%s, %q)", g.entry, segs[1])
      for i = 2, #segs do
        out[#out + 1] = sfmt("if type(x) ~= 'table' then goto %s end x = rawget(x, %q)", slow, segs[i])
      end
      known = R.schema[g.entry_path .. "." .. p.path]
    else
      known = R.schema[p.path]
      local reg = not R.facts[segs[1]] and hoisted(g, segs, #segs)
      if reg then
        v = reg
        if g.flat and reg ~= g.id_read and reg ~= g.on_read then
          g.present[reg], maybe_nil = true, false
        end
      elseif R.facts[segs[1]] then
        local d = R.facts[segs[1]]
        local freg = emit_fact(out, d, g, depth)
        if freg then
          v, known, maybe_nil = freg, d.expr and EXPR_VALUE[d.expr.kind], not g.flat
        else
          g.general = true
          out[#out + 1] = sfmt("x = fact_value(ctx, %q)", segs[1])
          known = nil
        end
      else
        g.general = true                     -- no local left: read from the case
        out[#out + 1] = sfmt("x = rawget(c, %q)", segs[1])
        for i = 2, #segs do
          out[#out + 1] = sfmt("if type(x) ~= 'table' then goto %s end x = rawget(x, %q)", slow, segs[i])
        end
      end
    end
    if maybe_nil and not unchecked then
      out[#out + 1] = never_false(known) and sfmt("if not %s then goto %s end", v, slow)
        or sfmt("if %s == nil then goto %s end", v, slow)
    end
    return known, v, maybe_nil
  end

  -- Code that jumps to `to` when `test`, a comparison of the value in v
  -- ("v < 3"), is `sense`; a value known to be a number (or null where its
  -- field allows it) is compared without a look at its type. null is not
  -- applicable: the comparison is false.
  local function emit_compare(out, v, field, test, to, sense, g)
    local number = number_field(field)
    if number and not field.nullable then
      emit_jump(out, test, sense, to)
    elseif number then
      out[#out + 1] = sense and sfmt("if %s ~= NULL and (%s) then goto %s end", v, test, to)
        or sfmt("if %s == NULL or not (%s) then goto %s end", v, test, to)
    else
      out[#out + 1] = sense
        and sfmt("if type(%s) == 'number' then if %s then goto %s end elseif %s ~= NULL then goto %s end",
                 v, test, to, v, g.slow)
        or sfmt("if type(%s) == 'number' then if not (%s) then goto %s end" ..
                " elseif %s == NULL then goto %s else goto %s end", v, test, to, v, to, g.slow)
    end
  end

  -- Code that jumps to `to` when count(list, where) compared is `sense`: a
  -- loop over the list with the where inlined, entry by entry.
  local function emit_count(out, n, depth, g, to, sense)
    local x, k = n.p, "k" .. depth
    local _, v = emit_read(out, x.list, g.slow, g, depth)
    out[#out + 1] = sfmt("if %s == NULL then goto %s end", v, g.slow)   -- the general way decides
    if x.where == nil then
      out[#out + 1] = sfmt("%s = #%s", k, v)
    else
      local list, i, e, skip = "l" .. depth, "i" .. depth, "e" .. depth, new_label(g)
      out[#out + 1] = sfmt("do local %s = %s %s = 0 for %s = 1, #%s do local %s = %s[%s]",
                           list, v, k, i, list, e, list, i)
      local entry, entry_path = g.entry, g.entry_path
      g.entry, g.entry_path = e, x.list.path .. "[]"
      emit_test(out, x.where, depth + 1, g, skip, false)
      g.entry, g.entry_path = entry, entry_path
      out[#out + 1] = sfmt("%s = %s + 1 ::%s:: end end", k, k, skip)
    end
    local test = n.op == "between"
      and sfmt("%s >= %s and %s <= %s", k, literal(n.lo), k, literal(n.hi))
      or sfmt("%s %s %s", k, INLINE_COMPARE[n.op], literal(n.n))
    emit_jump(out, test, sense, to)
  end

  -- Code that jumps to `to` when n's truth value is `sense` and goes on
  -- when it is not, or jumps to g.slow when it needs the general way.
  -- Parts are read in order, and no further than the first that decides
  -- (as compile's groups, GROUP_STOP).
  function emit_test(out, n, depth, g, to, sense)
    local op = n.op
    if depth > g.depth then g.depth = depth end
    if op == "at_least_n_of" then
      local k = "k" .. depth
      out[#out + 1] = k .. " = 0"
      for _, x in ipairs(n.parts) do
        local skip = new_label(g)
        emit_test(out, x, depth + 1, g, skip, false)
        out[#out + 1] = sfmt("%s = %s + 1 ::%s::", k, k, skip)
      end
      emit_jump(out, sfmt("%s >= %s", k, literal(n.n)), sense, to)
      return
    elseif INLINE_GROUP[op] then
      -- a part that stops the group gives it `gives`; else it is `otherwise`
      local on, gives = tunpack(GROUP_STOP[op])
      if gives == sense then
        for _, x in ipairs(n.parts) do emit_test(out, x, depth + 1, g, to, on) end
      else
        local stop = new_label(g)
        for _, x in ipairs(n.parts) do emit_test(out, x, depth + 1, g, stop, on) end
        out[#out + 1] = sfmt("goto %s ::%s::", to, stop)
      end
      return
    end
    if getmetatable(n.p) == EXPR then return emit_count(out, n, depth, g, to, sense) end
    local field = (op == "is" or op == "is_not") and type(n.v) == "boolean"
      and R.schema[g.entry and g.entry_path .. "." .. n.p.path or n.p.path]
    if field and field.type == "boolean" and not field.nullable and not R.facts[n.p.segs[1]] then
      -- true or false: the test is the value's truth, its nil test after
      local _, v, maybe_nil = emit_read(out, n.p, g.slow, g, depth, true)
      local truth = ((op == "is") == n.v) == sense
      if not maybe_nil then
        emit_jump(out, v, truth, to)
      elseif truth then
        out[#out + 1] = sfmt("if %s then goto %s elseif %s == nil then goto %s end", v, to, v, g.slow)
      else
        out[#out + 1] = sfmt("if not %s then if %s == nil then goto %s end goto %s end",
                             v, v, g.slow, to)
      end
      return
    end
    local known, v = emit_read(out, n.p, g.slow, g, depth)
    local test
    if op == "is" then
      test = sfmt("%s == %s", v, literal(n.v))
    elseif op == "is_not" then
      test = sfmt("%s ~= %s", v, literal(n.v))
    elseif op == "one_of" then
      g.sets[#g.sets + 1] = n.set
      test = sfmt("sets[%d][%s]", #g.sets, v)
    elseif op == "present" then
      test = sfmt("%s ~= NULL", v)
    else
      return emit_compare(out, v, known, op == "between"
        and sfmt("%s >= %s and %s <= %s", v, literal(n.lo), v, literal(n.hi))
        or sfmt("%s %s %s", v, INLINE_COMPARE[op], literal(n.n)), to, sense, g)
    end
    emit_jump(out, test, sense, to)
  end

  local function reads_fact(n)
    if INLINE_GROUP[n.op] then
      for _, x in ipairs(n.parts) do
        if reads_fact(x) then return true end
      end
      return false
    end
    local p = getmetatable(n.p) == EXPR and n.p.list or n.p   -- a count: its list
    return R.facts[p.segs[1]] ~= nil
  end

  -- A fact whose value is how_many or largest over plain values, or whose
  -- condition reads no fact, computed in the chunk the first time a
  -- condition reads it; when a value it needs is not there, computed the
  -- general way instead.
  local function fact_inlinable(d, depth)
    local x = d.expr
    if x == nil then
      local w = d.spec.when
      return is_cond(w) and inlinable(w, depth + 1) and not reads_fact(w)
    elseif x.kind == "how_many" then
      for _, part in ipairs(x.parts) do
        if not inlinable(part, depth + 1) or reads_fact(part) then return false end
      end
      return true
    elseif x.kind == "largest" then
      for _, p in ipairs(x.paths) do
        if R.facts[p.segs[1]] then return false end
      end
      return true
    end
    return false
  end

  -- Code that computes fact d into its local, once; returns the local's
  -- name, or nil when d is not computed inline.
  function emit_fact(out, d, g, depth)
    if not fact_inlinable(d, depth) then return nil end
    local reg = g.facts[d.name]
    if reg == nil then
      if g.nreads >= INLINE_READS then return nil end
      g.nreads = g.nreads + 1
      reg = "r" .. g.nreads
      g.head[#g.head + 1] = "local " .. reg
      g.facts[d.name] = reg
    end
    g.labels = g.labels + 1
    local slow, done, k, outer = "f" .. g.labels, "g" .. g.labels, "k" .. depth, g.slow
    if g.flat then slow = outer end          -- one way out: the chunk's
    g.slow = slow
    -- not computed yet: nil (a count or largest is never false)
    out[#out + 1] = sfmt(d.expr and "if not %s then" or "if %s == nil then", reg)
    if d.expr == nil then                    -- a condition: true or false
      local no = new_label(g)
      emit_test(out, d.spec.when, depth + 1, g, no, false)
      out[#out + 1] = sfmt("%s = true goto %s ::%s:: %s = false", reg, done, no, reg)
    elseif d.expr.kind == "how_many" then
      out[#out + 1] = k .. " = 0"
      for _, part in ipairs(d.expr.parts) do
        local skip = new_label(g)
        emit_test(out, part, depth + 1, g, skip, false)
        out[#out + 1] = sfmt("%s = %s + 1 ::%s::", k, k, skip)
      end
      out[#out + 1] = sfmt("%s = %s", reg, k)
    else                                     -- largest, null left out
      out[#out + 1] = k .. " = nil"
      for _, p in ipairs(d.expr.paths) do
        local field, v = emit_read(out, p, slow, g, depth)
        local number = number_field(field)
        out[#out + 1] = sfmt("%s%s if %s == nil or %s > %s then %s = %s end %s",
          (not number or field.nullable) and sfmt("if %s ~= NULL then ", v) or "",
          number and "" or sfmt("if type(%s) ~= 'number' then goto %s end", v, slow),
          k, v, k, k, v, (not number or field.nullable) and "end" or "")
      end
      out[#out + 1] = sfmt("if %s == nil then %s = NULL else %s = %s end", k, reg, reg, k)
    end
    out[#out + 1] = g.flat and sfmt("::%s:: end", done)
      or sfmt("goto %s ::%s:: slow = slow + 1 %s = fact_value(ctx, %q) ::%s:: end",
              done, slow, reg, d.name, done)
    g.slow = outer
    return reg
  end

  -- The order the flat chunk evaluates in: the rules highest level first,
  -- in declaration order within a level, then the flags; so its notable
  -- list is in the order of a result's findings. Only flat may reorder:
  -- nothing there reads a status another declaration set.
  local function result_order()
    local order, key = {}, {}
    for i, d in ipairs(R.evaluated) do
      order[i], key[i] = i, d.kind == "rule" and d.lv.rank or -1
    end
    tsort(order, function(a, b)
      if key[a] ~= key[b] then return key[a] > key[b] end
      return a < b
    end)
    return order
  end

  -- The chunk's text: function(ctx, c) setting ctx.status_of for every
  -- rule, flag and table, and listing in ctx.notable, in order, those that
  -- did not simply fail (the only ones a result mentions). ctx.at names the
  -- declaration running, for API.current. flat: the chunk for a case read
  -- flat (no c; its values are the arguments after ctx, in the order of
  -- g.plan, which starts with the id and date): nothing goes the general
  -- way before it ends, so no status is read (no why-not) and none is set:
  -- ctx.notable lists what held, in result_order; where the general way
  -- is needed it answers false. It calls nothing and its notable list,
  -- made once at its full size, is emptied for each case, so it allocates
  -- nothing and only the deadline can stop it: the declaration running is
  -- kept in the local `at`, which the limit hook copies to ctx.at
  -- (engine/sandbox.c, FLAT_CHUNK), so no table is written per declaration.
  local FLAT_CHUNK = "=(the rule set, inlined for a case read flat)"

  local function chunk_text(flat)
    local out, g = {}, { labels = 0, sets = {}, reads = {}, nreads = 0, head = {}, facts = {},
                         depth = 1, plan = {}, plan_at = {}, flat = flat, present = {} }
    local order = {}
    for i = 1, #R.evaluated do order[i] = i end
    if flat then                 -- the id and date are read flat too, first
      order = result_order()
      g.id_read, g.on_read = hoisted(g, { "id" }, 1), hoisted(g, { "assessed_on" }, 1)
    end
    for _, i in ipairs(order) do
      local d = R.evaluated[i]
      local w = d.when
      if d.kind == "decision_table" or not is_cond(w) or not inlinable(w, 1) then
        out[#out + 1] = sfmt("ctx.at = %d run_decl(ctx, D[%d]) nn = nn + 1 N[nn] = D[%d]", i, i, i)
        g.general = true
      elseif flat then           -- one way out when a value is not there: "s"
        g.slow = "s"
        local no = new_label(g)
        out[#out + 1] = sfmt("at = %d", i)
        emit_test(out, w, 1, g, no, false)
        out[#out + 1] = sfmt("nn = nn + 1 N[nn] = D[%d] ::%s::", i, no)
      else
        g.slow = "s" .. i
        local no = new_label(g)
        out[#out + 1] = sfmt("ctx.at = %d if S[%d] then nn = nn + 1 N[nn] = D[%d] goto n%d end",
                             i, i, i, i)
        emit_test(out, w, 1, g, no, false)
        out[#out + 1] = sfmt("S[%d] = HELD nn = nn + 1 N[nn] = D[%d] goto n%d ::%s:: S[%d] = FAILED" ..
                             " goto n%d ::s%d:: slow = slow + 1 run_decl(ctx, D[%d]) nn = nn + 1" ..
                             " N[nn] = D[%d] ::n%d::", i, i, i, no, i, i, i, i, i, i)
      end
    end
    out[#out + 1] = flat and "ctx.slow = slow do return end ::s:: do return false end end"
      or "ctx.slow = slow end"
    local regs = {}              -- only as deep as the conditions go: fewer locals to parse
    for i = 1, g.depth do regs[#regs + 1] = "k" .. i end
    local names = {}
    for i, read in ipairs(g.plan) do names[i] = read.name end
    local reads = (flat or #names == 0) and ""
      or sfmt("local %s = read_all(c, UPS, KEYS)", tconcat(names, ", "))
    return tconcat({
      "local rawget, type, NULL, fact_value, run_decl, HELD, FAILED, D, sets, new_table,",
      "  read_all, UPS, KEYS, NOTABLE = ...",
      flat and sfmt("return function(ctx, %s)", tconcat(names, ", ")) or "return function(ctx, c)",
      -- the notable list: few decisions hold in most cases (flat: all may)
      flat and "local N, nn, x, slow, at = NOTABLE, 0, nil, 0, 0 for i = #N, 1, -1 do N[i] = nil end"
        or sfmt("local S, N, nn, x, slow = ctx.status_of, new_table(%d, 0), 0, nil, 0",
                #R.evaluated < 8 and #R.evaluated or 8),
      "ctx.notable = N",
      "local " .. tconcat(regs, ", "),
      tconcat(g.head, "\n"),
      reads,
      tconcat(out, "\n") }, "\n"), g
  end

  local function compile_chunk(text, g)
    local ups, keys = {}, {}
    for i, read in ipairs(g.plan) do ups[i], keys[i] = read.up, read.key end
    local chunk, err = load(text, g.flat and FLAT_CHUNK or "=(the rule set, inlined)", "t", {})
    if not chunk then error("internal error inlining the rule set: " .. err, 0) end
    return chunk(rawget, type, NULL, fact_value, run_decl, DECIDED[true], DECIDED[false],
                 R.evaluated, g.sets, new_table, read_all, string.char(tunpack(ups)), keys,
                 g.flat and new_table(#R.evaluated, 0))
  end

  -- The inlined rule set (R.inline), and the chunk for cases read flat
  -- (R.inline_flat) when the chunk alone decides a complete case and the
  -- host's reader can fill its values: every read through objects. It also
  -- sizes a case's tables.
  function inline_set()
    local text, g = chunk_text(false)
    R.inline = compile_chunk(text, g)
    -- a case's tables made at their final size, so filling them never rehashes
    local nfacts = 0
    for _ in pairs(R.facts) do nfacts = nfacts + 1 end
    local nevaluated = #R.evaluated
    R.new_status = function() return new_table(nevaluated, 0) end
    R.new_facts = function() return new_table(0, nfacts) end
    if g.general or #R.checks > 0 then return end
    local ftext, fg = chunk_text(true)
    local paths, needed = {}, {}
    for i, read in ipairs(fg.plan) do
      paths[i] = read.up == 0 and read.key or paths[read.up] .. "." .. read.key
      needed[i] = fg.present[read.name] == true
    end
    -- the host gives the values in the plan's order: the id and date first
    if not fg.general and fg.plan_at[fg.id_read] == 1 and fg.plan_at[fg.on_read] == 2
       and set_case_plan(paths, needed) then
      R.inline_flat = compile_chunk(ftext, fg)
      R.flat_status, R.flat_names = {}, {}       -- every status "held"; the
      for i, d in ipairs(R.evaluated) do        -- rules' names, for flat_summary
        R.flat_status[i] = DECIDED[true]
        if d.kind == "rule" then R.flat_names[d] = d.name end
      end
    end
  end
end

---------------------------------------------------------------------------
-- The result
---------------------------------------------------------------------------

local function level_entry(lv)
  return { local_level = lv.id, label = lv.label, pathway = lv.pathway, rank = lv.rank }
end

local function finding_of(d, lv, extra)
  local f = { rule = d.name, kind = d.kind, level = lv.id, pathway = lv.pathway,
              reason = d.reason, cite = d.cite, source = where_of(d),
              actions = d.actions or {} }
  if extra then for k, v in pairs(extra) do f[k] = v end end
  return f
end

-- Without evidence (when not explaining) a rule's finding, a table row's
-- and a flag's entry are the same for every case: made once, and shared by
-- the results (nothing changes a result once built; decide gets a copy).
-- SHARED marks them for the host, which converts each to JSON once.
local function rule_finding(d)
  local f = R.made[d]
  if f == nil then
    f = setmetatable(finding_of(d, d.lv), SHARED)
    R.made[d] = f
  end
  return f
end

local function row_finding(d, h, extra)
  local row = d.rows[h]
  local f = not extra and R.made[row]
  if not f then
    local fields = { row = h, reason = row.reason or d.reason, cite = row.cite or d.cite,
                     actions = row.actions or d.actions or {} }
    if extra then for k, v in pairs(extra) do fields[k] = v end end
    f = finding_of(d, row.lv, fields)
    if not extra then R.made[row] = setmetatable(f, SHARED) end
  end
  return f
end

local function flag_entry(d, ev)
  local f = not ev and R.made[d]
  if not f then
    f = { flag = d.name, reason = d.reason, cite = d.cite, source = where_of(d),
          severity = d.severity, actions = d.actions or {}, evidence = ev }
    if not ev then R.made[d] = setmetatable(f, SHARED) end
  end
  return f
end

local function evidence(reads)
  if not reads then return nil end
  local out, seen = {}, {}
  for _, r in ipairs(reads) do
    if not seen[r.path] then
      seen[r.path] = true
      local v = r.value
      if v == nil then v = "(not recorded)" elseif v == NULL then v = NULL end
      out[#out + 1] = { path = r.path, value = type(v) == "table" and deep_copy(v) or v }
    end
  end
  return out
end

-- Why the next level up was not reached: the rules at that level that did
-- not fire, with the parts that failed and those that were unknown.
local function why_not(ctx, target)
  local out = {}
  for _, d in ipairs(R.evaluated) do
    local st = ctx.status_of[d.slot]
    if d.kind == "rule" and d.lv == target and st.result ~= true then
      local env = new_env(ctx, true, false)
      local ok = pcall(eval_cond, env, d.when)
      local failed, unknown = {}, {}
      for _, t in ipairs(env.trace or {}) do
        if t.result == false then failed[#failed + 1] = t.part
        else unknown[#unknown + 1] = { part = t.part, missing = t.missing or {} } end
      end
      out[#out + 1] = { rule = d.name, kind = "rule", level = target.id, cite = d.cite,
        source = where_of(d), result = (st.result == "error" or not ok) and "error"
          or (st.result == nil and "unknown" or "false"),
        failed = failed, unknown = unknown }
    elseif d.kind == "decision_table" and st.result ~= "error" then
      local hit, unknown = list_set(st.hits or {}), list_set(st.unknown_rows or {})
      for ri, row in ipairs(d.rows) do
        if row.lv == target and not hit[ri] then
          local u = unknown[ri]
          out[#out + 1] = { rule = d.name, kind = "decision_table", row = ri,
            level = target.id, cite = row.cite or d.cite, source = where_of(d),
            result = u and "unknown" or "false", failed = u and {} or { row.desc },
            unknown = u and { { part = row.desc, missing = st.missing or {} } } or {} }
        end
      end
    end
  end
  return out
end

local function next_level_up(rank)
  for i = rank + 2, #R.levels do
    if R.levels[i].used then return R.levels[i] end
  end
  return nil
end

local ENGINE = "threshold " .. ENGINE_VERSION

local function ruleset_entry()
  local r = R.made[R]
  if r == nil then
    r = setmetatable({ id = R.id, version = R.version, hash = R.hash }, SHARED)
    R.made[R] = r
  end
  return r
end

-- The suggestion: one shared table per level and could_be_higher.
local function suggestion_entry(lv, higher)
  local e = R.made[lv]
  if e == nil then
    e = {}
    for _, h in ipairs({ true, false }) do
      e[h] = setmetatable(level_entry(lv), SHARED)
      e[h].could_be_higher = h
    end
    R.made[lv] = e
  end
  return e[higher]
end

-- The actions of the entries, each once, in order, after those in actions
-- (NONE until there is one; seen is made with it).
local function add_actions(actions, seen, entries)
  for i = 1, #entries do             -- numeric loops: a result is made per case
    local list = entries[i].actions
    for j = 1, #list do
      local a = list[j]
      if actions == NONE then actions, seen = {}, {} end
      if not seen[a] then seen[a] = true; actions[#actions + 1] = a end
    end
  end
  return actions, seen
end

local function build_result(ctx, opts, warnings)
  local notable = ctx.notable or R.evaluated
  -- most of what is notable is a finding: made at that size, not grown
  local size = #notable < 16 and #notable or 16
  local findings, flags, undetermined = new_table(size, 0), NONE, NONE   -- NONE: made if need be
  local ranks = new_table(size, 0)          -- ranks[i]: findings[i]'s level's
  local best = R.levels[1]
  for i = 1, #notable do
    local d = notable[i]
    local st = ctx.status_of[d.slot]
    if d.kind == "rule" and st.result == true then
      findings[#findings + 1] = st.reads and finding_of(d, d.lv, { evidence = evidence(st.reads) })
                                or rule_finding(d)
      ranks[#findings] = d.lv.rank
      if d.lv.rank > best.rank then best = d.lv end
    elseif d.kind == "decision_table" and st.result ~= "error" then
      for _, h in ipairs(st.hits or {}) do
        local row = d.rows[h]
        findings[#findings + 1] = row_finding(d, h, st.reads and { evidence = evidence(st.reads) })
        ranks[#findings] = row.lv.rank
        if row.lv.rank > best.rank then best = row.lv end
      end
    elseif d.kind == "flag" and st.result == true then
      if flags == NONE then flags = {} end
      flags[#flags + 1] = flag_entry(d, evidence(st.reads))
    end
    if st.result == nil or (d.kind == "decision_table" and #(st.unknown_rows or {}) > 0) then
      local lv = d.lv
      if d.kind == "decision_table" then
        for _, u in ipairs(st.unknown_rows) do
          if lv == nil or d.rows[u].lv.rank > lv.rank then lv = d.rows[u].lv end
        end
      end
      if undetermined == NONE then undetermined = {} end
      undetermined[#undetermined + 1] = { rule = d.name, kind = d.kind,
        level = lv and lv.id or nil, rank = lv and lv.rank or nil,
        missing = st.missing or {}, cite = d.cite, source = where_of(d),
        rows = d.kind == "decision_table" and st.unknown_rows or nil }
    end
  end
  local decided = best
  if R.decide then
    local ok, r = pcall(R.decide, { highest = best.id, findings = deep_copy(findings) })
    if not ok then
      if rawequal(r, LIMIT) then error(r, 0) end
      add_error(ctx, { rule = "decide", kind = "decide",
        source = R.decide_source, message = clean_error(r) })
    elseif R.level_by_id[r] == nil then
      add_error(ctx, { rule = "decide", kind = "decide",
        source = R.decide_source, message = "decide returned an unknown level " .. show(r) })
    else
      decided = R.level_by_id[r]
      if decided.rank < best.rank then
        warnings[#warnings + 1] = { path = "decide", message = sfmt(
          "the rule set's decide chose %s, below the highest applicable level %s",
          decided.id, best.id) }
      end
    end
  end
  -- findings: highest level first, then declaration order (an insertion
  -- sort, stable, and the findings may be shared so they carry no order)
  for i = 2, #findings do
    local f, r, j = findings[i], ranks[i], i - 1
    while j >= 1 and ranks[j] < r do
      findings[j + 1], ranks[j + 1] = findings[j], ranks[j]
      j = j - 1
    end
    findings[j + 1], ranks[j + 1] = f, r
  end
  local actions, seen = add_actions(NONE, nil, findings)
  actions = add_actions(actions, seen, flags)
  local higher = false
  for i = 1, #undetermined do
    local u = undetermined[i]
    if u.rank and u.rank > decided.rank then higher = true end
  end
  local errors = ctx.errors
  for i = 1, #errors do                     -- an erring rule might have applied
    local d = R.named[errors[i].rule]
    local lv = d and (d.lv or (d.kind == "decision_table" and d.max_lv))
    if lv and lv.rank > decided.rank then higher = true end
  end
  local target = next_level_up(decided.rank)
  local status = (#ctx.errors > 0 or higher) and "incomplete" or "complete"
  return {
    case = ctx.id,
    assessed_on = ctx.on,
    ruleset = ruleset_entry(),
    engine = ENGINE,
    status = status,
    suggestion = suggestion_entry(decided, higher),
    findings = findings, flags = flags, undetermined = undetermined,
    why_not = target and not opts.brief and { level = target.id, label = target.label,
                           pathway = target.pathway, rules = why_not(ctx, target) } or nil,
    errors = ctx.errors, warnings = warnings, actions = actions,
    notice = "This is a suggestion to support professional judgement, not a decision.",
  }
end

local function invalid_result(case, errs, warns)
  local id = type(case) == "table" and rawget(case, "id") or nil
  return {
    case = type(id) == "string" and id or nil,
    assessed_on = type(case) == "table" and type(rawget(case, "assessed_on")) == "string"
      and rawget(case, "assessed_on") or nil,
    ruleset = ruleset_entry(),
    engine = ENGINE,
    status = "invalid", suggestion = NULL, case_errors = errs, warnings = warns,
    findings = {}, flags = {}, undetermined = {}, errors = {}, actions = {},
    notice = "The case could not be checked: correct the data and evaluate again.",
  }
end

---------------------------------------------------------------------------
-- Loading: manifests, declarations, and checking the merged set
---------------------------------------------------------------------------

local SANDBOX          -- the allow-listed names rule files see

-- A file's globals are looked up in SANDBOX through a table __index, which
-- the VM follows without a call; SANDBOX's own metatable names an unknown
-- name (at the end of this file).
local function file_env()
  return setmetatable({}, {
    __index = SANDBOX,
    __newindex = function(_, k)
      error(sfmt("rule files cannot create or change the global '%s'; write 'local %s = ...'",
                 tostring(k), tostring(k)), 2)
    end,
    __metatable = false,
  })
end

-- Run one file's text in a fresh environment. Returns true, or false after
-- recording the problem.
local function run_file(name, text, set)
  local fn, err = load(text, "@" .. name, "t", file_env())
  if not fn then
    problem(ST_SYNTAX, nil, "%s", err)
    return false
  end
  LOADING = { set = set, file = name, pending = {} }
  local ok, e = pcall(fn)
  local pending, manifest = LOADING.pending, LOADING.manifest
  LOADING = nil
  if not ok then
    problem(ST_RUNTIME, nil, "%s", clean_error(e))
    return false
  end
  for _, p in ipairs(pending) do
    if not p.done then
      problem(ST_RULES, sfmt("%s:%d", p.file, p.line),
              "%s '%s' has no body: write %s \"%s\" { ... }", p.kind, p.name, p.kind, p.name)
    end
  end
  return true, manifest
end

local function manifest_decl(spec)
  local file, line = call_site()
  if type(spec) ~= "table" then error("ruleset expects a table { id = ..., ... }", 2) end
  if LOADING.manifest then error("a rule set has one ruleset { ... } declaration", 2) end
  spec = deep_copy(spec)
  spec.file, spec.line = file, line
  LOADING.manifest = spec
end

local function levels_decl(list)
  local file, line = call_site()
  if type(list) ~= "table" then error("levels expects a list of { id = ..., pathway = ..., label = ... }", 2) end
  R.decls[#R.decls + 1] = { kind = "levels", name = "levels", set = LOADING.set,
    file = file, line = line, spec = list, seq = #R.decls + 1 }
end

local function holidays_decl(list)
  local file, line = call_site()
  if type(list) ~= "table" then error("bank_holidays expects a list of dates", 2) end
  for i, s in ipairs(list) do
    local z = parse_date(s)
    if not z then
      problem(ST_RULES, sfmt("%s:%d", file, line), "bank_holidays entry %d: %s is not a date", i, show(s))
    else
      R.holidays[z] = true
    end
  end
end

local function set_of(name) return smatch(name, "^([^/]+)/") end

local check_manifest
do
  local MANIFEST_KEYS = list_set({ "id", "title", "version", "extends", "source",
    "sources", "files", "decide", "doc", "area" })

  function check_manifest(m, set, where)
    for _, k in ipairs(sorted_keys(m)) do
      if k ~= "file" and k ~= "line" and not MANIFEST_KEYS[k] then
        local ks = sorted_keys(MANIFEST_KEYS)
        problem(ST_RULES, where, "ruleset: unknown key '%s'%s", tostring(k), did_you_mean(tostring(k), ks))
      end
    end
    if m.id ~= set then
      problem(ST_RULES, where, "ruleset id %s must match its folder name '%s'", show(m.id), set)
    end
    if m.extends ~= nil and type(m.extends) ~= "string" then
      problem(ST_RULES, where, "ruleset: extends must be the name of another rule set folder")
    end
    if m.files ~= nil then
      if type(m.files) ~= "table" then
        problem(ST_RULES, where, "ruleset: files must be a list of file names")
      else
        for i, f in ipairs(m.files) do
          if type(f) ~= "string" or not smatch(f, "^[%w_%-]+%.lua$") then
            problem(ST_RULES, where, "ruleset: files entry %d must be a file name like \"neglect.lua\"", i)
          end
        end
      end
    end
    if m.decide ~= nil and type(m.decide) ~= "function" then
      problem(ST_RULES, where, "ruleset: decide must be a function(d)")
    end
  end
end

local API = {}

-- What a ruleset.lua declares (its extends and files), without keeping it.
function API.read_manifest(name, text)
  local saved = R
  R = new_registry()
  local set = set_of(name)
  local ok, m = run_file(name, text, set)
  local probs = R.problems
  R = saved
  if not ok or #probs > 0 then
    return nil, probs[1].msg, probs[1].status
  end
  if m == nil then
    return nil, name .. ": no ruleset { id = ..., ... } declaration", ST_RULES
  end
  local mprobs = {}
  R, saved = new_registry(), R
  check_manifest(m, set, sfmt("%s:%d", m.file, m.line))
  mprobs, R = R.problems, saved
  if #mprobs > 0 then return nil, mprobs[1].msg, mprobs[1].status end
  return { extends = m.extends, files = m.files }
end

-- Field declarations become the schema. Parents of dotted paths are
-- objects unless declared; list entries ("x[]") need their list declared.
local FIELD_TYPES = list_set({ "string", "enum", "integer", "number", "boolean",
                               "date", "object", "array" })

local function add_field(path, f, d)
  local where = where_of(d)
  if R.schema[path] and R.schema[path].decl ~= d then
    problem(ST_RULES, where, "field '%s' is already declared at %s", path,
            R.schema[path].decl and where_of(R.schema[path].decl) or "(built in)")
    return
  end
  R.schema[path] = f
  local parent, key = smatch(path, "^(.*)%.([^%.]+)$")
  if not parent then parent, key = "", path end
  if parent ~= "" then
    local pf = R.schema[parent]
    if pf == nil then
      if ssub(parent, -2) == "[]" then
        problem(ST_RULES, where, "field '%s': declare the list '%s' first", path, ssub(parent, 1, -3))
        return
      end
      add_field(parent, { type = "object", decl = d, implicit = true }, d)
    elseif pf.type ~= "object" then
      problem(ST_RULES, where, "field '%s': '%s' is a %s, not an object", path, parent, pf.type)
    end
  end
  local kids = R.children[parent] or {}
  kids[#kids + 1] = key
  R.children[parent] = kids
end

local function define_field(d)
  local s, where = d.spec, where_of(d)
  if not FIELD_TYPES[s.type] then
    problem(ST_RULES, where, "field '%s': type must be one of %s", d.name,
            tconcat(sorted_keys(FIELD_TYPES), ", "))
    return
  end
  if s.type == "enum" and (type(s.values) ~= "table" or #s.values == 0) then
    problem(ST_RULES, where, "field '%s': an enum needs values = { ... }", d.name)
    return
  end
  local f = { type = s.type, values = s.values, value_set = s.values and list_set(s.values),
              default = s.default, min = s.min, max = s.max, unit = s.unit,
              nullable = s.nullable, doc = s.doc, decl = d }
  if s.default ~= nil then
    local errs = {}
    validate_value(deep_copy(s.default), f, nil, d.name, errs, {})
    if #errs > 0 then problem(ST_RULES, where, "field '%s': default: %s", d.name, errs[1].message) end
  end
  add_field(d.name, f, d)
  if s.type == "array" then
    local of = s.of or "object"
    if not FIELD_TYPES[of] or of == "array" then
      problem(ST_RULES, where, "field '%s': of must name the entry type", d.name)
      return
    end
    R.schema[d.name .. "[]"] = { type = of, values = s.values,
      value_set = s.values and list_set(s.values), min = s.min, max = s.max, decl = d }
  end
end

-- Check a path used in a data condition. `base` is the list-entry prefix
-- for paths inside count(..., where).
local function check_path(p, where, base)
  if getmetatable(p) == EXPR and p.kind == "how_many" then
    for _, x in ipairs(p.parts) do check_cond(x, where, base) end
    return
  elseif getmetatable(p) == EXPR and p.kind == "largest" then
    for _, x in ipairs(p.paths) do
      check_path(x, where, base)
      local f = base == nil and R.facts[x.segs[1]] == nil and R.schema[x.path]
      if f and f.type ~= "number" and f.type ~= "integer" then
        problem(ST_RULES, where, "largest: '%s' is not a number (it is %s)", x.path, f.type)
      end
    end
    return
  elseif getmetatable(p) == EXPR then
    check_path(p.list, where, base)
    local lf = R.schema[(base and base .. "." or "") .. p.list.path]
    if not R.facts[p.list.segs[1]] and lf and lf.type ~= "array" then
      problem(ST_RULES, where, "count: '%s' is not a list", p.list.path)
    end
    if p.where and is_cond(p.where) then
      check_cond(p.where, where, (base and base .. "." or "") .. p.list.path .. "[]")
    end
    return
  end
  if base == nil and R.facts[p.segs[1]] then return end
  local sp = base or ""
  for _, s in ipairs(p.segs) do
    local nsp = sp == "" and s or sp .. "." .. s
    if R.schema[nsp] == nil then
      problem(ST_RULES, where, "'%s' is not a field of the case schema%s", p.path,
              did_you_mean(s, R.children[sp] or {}))
      return
    end
    sp = nsp
  end
end

function check_cond(n, where, base)
  if type(n) == "function" then return end
  if not is_cond(n) then
    problem(ST_RULES, where, "expected a condition, got %s", type(n))
    return
  end
  local w = n.source
  if n.parts then
    for _, x in ipairs(n.parts) do check_cond(x, where, base) end
  elseif n.op == "suggestion_is" then
    if not R.level_by_id[n.level] then
      problem(ST_RULES, w, "suggestion_is: unknown level %s", show(n.level))
    end
    if CHECKING_KIND ~= "flag" then
      problem(ST_RULES, w, "suggestion_is can only be used in a flag (a rule cannot depend on the suggestion)")
    end
  elseif n.op == "fired" then
    if not R.named[n.name] then
      problem(ST_RULES, w, "fired: no rule, flag or table named '%s'%s", n.name,
              did_you_mean(n.name, sorted_keys(R.named)))
    end
  else
    check_path(n.p, w, base)
    if n.q then check_path(n.q, w, base) end
  end
end

local function resolve_level(v, where, what)
  local lv = R.level_by_id[v]
  if lv == nil then
    local ids = {}
    for _, l in ipairs(R.levels or {}) do ids[#ids + 1] = l.id end
    problem(ST_RULES, where, "%s: unknown level %s%s (levels: %s)", what, show(v),
            type(v) == "string" and did_you_mean(v, ids) or "", tconcat(ids, ", "))
  end
  return lv
end

local function define_levels(d)
  local where, list = where_of(d), d.spec
  local levels, by_id, prev = {}, {}, -1
  for i, l in ipairs(list) do
    if type(l) ~= "table" or type(l.id) ~= "string" or type(l.label) ~= "string"
       or PATHWAY_RANK[l.pathway] == nil then
      problem(ST_RULES, where, "levels entry %d needs id, label and pathway (one of %s)",
              i, tconcat(PATHWAYS, ", "))
      return
    end
    for _, k in ipairs(sorted_keys(l)) do
      if k ~= "id" and k ~= "label" and k ~= "pathway" and k ~= "doc" then
        problem(ST_RULES, where, "levels entry %d: unknown key '%s'", i, tostring(k))
      end
    end
    if PATHWAY_RANK[l.pathway] < prev then
      problem(ST_RULES, where, "levels must be listed from universal up to child_protection")
    end
    prev = PATHWAY_RANK[l.pathway]
    if by_id[l.id] then problem(ST_RULES, where, "level '%s' is listed twice", l.id) end
    local lv = { id = l.id, label = l.label, pathway = l.pathway, rank = i - 1 }
    levels[i] = lv
    by_id[l.id] = lv
  end
  if #levels == 0 or levels[1].pathway ~= "universal" then
    problem(ST_RULES, where, "the first level must map to the universal pathway")
    return
  end
  for _, p in ipairs(PATHWAYS) do         -- pathway names work as level ids
    if by_id[p] == nil then
      for _, lv in ipairs(levels) do
        if lv.pathway == p then by_id[p] = lv; break end
      end
    end
  end
  R.levels, R.level_by_id = levels, by_id
end

-- Decision-table cells, typed by their column.
local function parse_cell(cell, col, where)
  if cell == "-" then return { any = true, desc = nil } end
  local ty = col.type
  local p = col.path
  if type(cell) == "table" then
    local set, shown = {}, {}
    for i, v in ipairs(cell) do
      local c = parse_cell(v, col, where)
      if c == nil then return nil end
      set[#set + 1] = c.test
      shown[i] = show(v)
    end
    return { test = function(v)
      for _, t in ipairs(set) do if t(v) then return true end end
      return false
    end, desc = sfmt("%s is one of %s", p, tconcat(shown, ", ")) }
  end
  if ty == "number" or ty == "integer" then
    if type(cell) == "number" then
      return { test = function(v) return v == cell end, desc = sfmt("%s is %s", p, show(cell)) }
    end
    if type(cell) == "string" then
      local op, num = smatch(cell, "^%s*([<>]=?)%s*(%-?[%d%.]+)%s*$")
      num = tonumber(num)
      if op and num then
        local tests = { ["<"] = function(v) return v < num end, ["<="] = function(v) return v <= num end,
                        [">"] = function(v) return v > num end, [">="] = function(v) return v >= num end }
        return { test = tests[op], desc = sfmt("%s %s %s", p, op, show(num)) }
      end
      local lo, hi = smatch(cell, "^%s*(%-?[%d%.]+)%s*%.%.%s*(%-?[%d%.]+)%s*$")
      lo, hi = tonumber(lo), tonumber(hi)
      if lo and hi then
        return { test = function(v) return v >= lo and v <= hi end,
                 desc = sfmt("%s is between %s and %s", p, show(lo), show(hi)) }
      end
    end
    return nil, "a number, a comparison like \">= 3\", a range like \"1..3\" or \"-\""
  elseif ty == "boolean" then
    if type(cell) == "boolean" then
      return { test = function(v) return v == cell end, desc = sfmt("%s is %s", p, show(cell)) }
    end
    return nil, "true, false or \"-\""
  elseif ty == "enum" or ty == "string" or ty == "date" then
    if type(cell) == "string" and (ty ~= "enum" or col.value_set[cell]) then
      return { test = function(v) return v == cell end, desc = sfmt("%s is %s", p, show(cell)) }
    end
    if ty == "enum" then return nil, "one of " .. tconcat(col.values, ", ") .. " or \"-\"" end
    return nil, "a string or \"-\""
  end
  return nil, "a value of type " .. tostring(ty)
end

local HIT_POLICIES = list_set({ "unique", "first", "priority", "collect" })

local function define_table(d)
  local s, where = d.spec, where_of(d)
  d.hit = s.hit or "unique"
  if not HIT_POLICIES[d.hit] then
    problem(ST_RULES, where, "decision_table '%s': hit must be unique, first, priority or collect", d.name)
  end
  if type(s.inputs) ~= "table" or #s.inputs == 0 or type(s.rows) ~= "table" then
    problem(ST_RULES, where, "decision_table '%s': inputs and rows must be lists", d.name)
    return
  end
  local cols = {}
  d.inputs = {}
  for i, inp in ipairs(s.inputs) do
    local ok, p = pcall(as_path, inp, "decision_table input")
    if not ok or getmetatable(p) == EXPR then
      problem(ST_RULES, where, "decision_table '%s': input %d must be a field path; give a count or" ..
              " other value expression a fact's name", d.name, i)
      return
    end
    d.inputs[i] = p
    check_path(p, where)
    local fact = R.facts[p.segs[1]]
    local col
    if fact and #p.segs == 1 then
      col = { type = fact.spec.type, values = fact.spec.values,
              value_set = fact.spec.values and list_set(fact.spec.values) }
      if col.type == nil then
        problem(ST_RULES, where, "decision_table '%s': fact '%s' is an input, so it must declare type = ...",
                d.name, p.path)
        return
      end
    else
      col = R.schema[p.path] or { type = "string" }
    end
    cols[i] = { type = col.type, values = col.values, value_set = col.value_set, path = p.path }
  end
  d.rows = {}
  for ri, row in ipairs(s.rows) do
    if type(row) ~= "table" or #row ~= #cols + 1 then
      problem(ST_RULES, where, "decision_table '%s' row %d: expected %d cells (%d inputs and a level), got %s",
              d.name, ri, #cols + 1, #cols, type(row) == "table" and tostring(#row) or type(row))
    else
      local r = { cells = {}, reason = row.reason, cite = row.cite, actions = row.actions }
      local parts = {}
      for ci = 1, #cols do
        local c, expected = parse_cell(row[ci], cols[ci], where)
        if c == nil then
          problem(ST_RULES, where, "decision_table '%s' row %d, column %d (%s): expected %s, got %s",
                  d.name, ri, ci, cols[ci].path, expected, show(row[ci]))
          c = { any = true }
        end
        r.cells[ci] = c
        if c.desc then parts[#parts + 1] = c.desc end
      end
      r.desc = #parts > 0 and tconcat(parts, " and ") or "(every case)"
      r.lv = resolve_level(row[#cols + 1], where, sfmt("decision_table '%s' row %d", d.name, ri))
      r.rank = r.lv and r.lv.rank or -1
      if r.lv and (d.max_lv == nil or r.lv.rank > d.max_lv.rank) then d.max_lv = r.lv end
      for _, k in ipairs(sorted_keys(row)) do
        if type(k) == "string" and k ~= "reason" and k ~= "cite" and k ~= "actions" then
          problem(ST_RULES, where, "decision_table '%s' row %d: unknown key '%s'", d.name, ri, k)
        end
      end
      d.rows[ri] = r
    end
  end
end

local function check_actions(d, list, where)
  if list == nil then return end
  if type(list) ~= "table" then
    problem(ST_RULES, where, "%s '%s': actions must be a list of strings", d.kind, d.name)
    return
  end
  for i, a in ipairs(list) do
    if type(a) ~= "string" then
      problem(ST_RULES, where, "%s '%s': actions entry %d must be a string", d.kind, d.name, i)
    end
  end
end

local function define_fact(d)
  local s, where = d.spec, where_of(d)
  if (s.value == nil) == (s.when == nil) then
    problem(ST_RULES, where, "fact '%s': give exactly one of value = ... or when = <condition>", d.name)
    return
  end
  if s.value ~= nil and type(s.value) ~= "function" and getmetatable(s.value) ~= EXPR then
    problem(ST_RULES, where, "fact '%s': value must be how_many { ... }, largest { ... }, count(...)" ..
            " or a function(c)", d.name)
    return
  end
  if R.schema[d.name] then
    problem(ST_RULES, where, "fact '%s' has the name of a case field", d.name)
  end
  if type(s.value) == "function" then
    local f = s.value
    d.compute = function(ctx) return f(case_view(ctx)) end
  elseif s.value then
    -- a value expression: its value when known exactly, else unknown
    local x = s.value
    d.expr = x
    d.compute = function(ctx)
      local env = new_env(ctx, false, false)
      local lo, hi = eval_expr(env, x)
      if lo == nil or lo ~= hi then error(unknown_signal(dedup_sorted(env.missing)), 0) end
      return lo
    end
  else
    local w = s.when
    d.compute = function(ctx)
      local env = new_env(ctx, false, false)
      local r
      if d.compiled and not ctx.interpret then r = d.compiled(env) else r = eval_cond(env, w) end
      if r == nil then error(unknown_signal(dedup_sorted(env.missing)), 0) end
      return r
    end
  end
  R.facts[d.name] = d
end

-- Apply the set's declarations: override/disable act on earlier sets.
local merge
do
  local SKIP = { levels = true, override = true, disable = true }

  function merge(decls)
    local live, by_name = {}, {}
    local function ns(kind)
      if kind == "fact" then return "fact:" elseif kind == "field" then return "field:"
      elseif kind == "test" then return "test:" elseif kind == "check" then return "check:" end
      return "finding:"
    end
    for _, d in ipairs(decls) do
      if d.kind == "override" or d.kind == "disable" then
        local target
        for _, prefix in ipairs({ "finding:", "fact:" }) do
          target = target or by_name[prefix .. d.name]
        end
        if target == nil then
          problem(ST_RULES, where_of(d), "%s '%s': no earlier rule, flag, table or fact has that name",
                  d.kind, d.name)
        elseif target.set == d.set then
          problem(ST_RULES, where_of(d), "%s '%s': it is declared in the same rule set at %s; edit it there",
                  d.kind, d.name, where_of(target))
        elseif d.kind == "disable" then
          check_keys("disable", d.name, d.spec, d.file, d.line)
          target.disabled = d
          by_name[ns(target.kind) .. d.name] = nil
        else
          local keys = { req = { "cite" }, opt = KEYS[target.kind].opt, all = {} }
          for k in pairs(KEYS[target.kind].all) do keys.all[k] = true end
          check_keys("override", d.name, d.spec, d.file, d.line, keys)
          local spec = {}
          for k, v in pairs(target.spec) do spec[k] = v end
          for k, v in pairs(d.spec) do spec[k] = v end
          local nd = { kind = target.kind, name = d.name, set = d.set, file = d.file,
                       line = d.line, spec = spec, seq = target.seq, origin = where_of(target) }
          target.disabled = d
          live[#live + 1] = nd
          by_name[ns(target.kind) .. d.name] = nd
        end
      elseif not SKIP[d.kind] then
        local key = ns(d.kind) .. d.name
        local prev = by_name[key]
        if prev then
          problem(ST_RULES, where_of(d), "%s '%s' is already declared at %s", d.kind, d.name, where_of(prev))
        else
          by_name[key] = d
          live[#live + 1] = d
        end
      end
    end
    local at, out = {}, {}     -- in declaration order; an override takes its target's place
    for _, d in ipairs(live) do if not d.disabled then at[d.seq] = d end end
    for i = 1, #R.decls do
      if at[i] then out[#out + 1] = at[i] end
    end
    return out
  end
end

-- Freezing: rule code must not keep state from one case to the next. After
-- loading, every table a rule function reaches through an upvalue is
-- replaced by a read-only view, and every other upvalue's value is kept so
-- it can be put back after each evaluation.
local getupvalue, setupvalue, upvalueid = debug_lib.getupvalue,
  debug_lib.setupvalue, debug_lib.upvalueid

local function frozen(t, name)
  local views = {}
  local plain = true
  for _, v in next, t do
    if type(v) == "table" and getmetatable(v) == nil then plain = false end
  end
  if plain then             -- scalars only: reads go straight to t
    return setmetatable({}, {
      __index = t,
      __newindex = function()
        error(sfmt("rules cannot keep or change state between cases (the table '%s' is read-only)", name), 2)
      end,
      __len = function() return #t end,
      __pairs = function() return next, t, nil end,
      __metatable = false,
    })
  end
  local mt = {
    __index = function(_, k)
      local v = t[k]
      if type(v) == "table" and getmetatable(v) == nil then
        views[k] = views[k] or frozen(v, name)
        return views[k]
      end
      return v
    end,
    __newindex = function()
      error(sfmt("rules cannot keep or change state between cases (the table '%s' is read-only)", name), 2)
    end,
    __len = function() return #t end,
    __pairs = function(p)
      return function(_, k)
        local nk = next(t, k)
        if nk == nil then return nil end
        return nk, p[nk]
      end, p, nil
    end,
    __metatable = false,
  }
  return setmetatable({}, mt)
end

local function freeze_function(f, seen, kept)
  if seen[f] or not is_rule_code(f) then return end
  seen[f] = true
  for i = 1, 255 do
    local name, v = getupvalue(f, i)
    if name == nil then break end
    if name ~= "_ENV" then
      local id = upvalueid(f, i)
      if type(v) == "function" then
        freeze_function(v, seen, kept)
      elseif type(v) == "table" and getmetatable(v) == nil then
        setupvalue(f, i, frozen(v, name))
      elseif not kept[id] then
        kept[id] = { f = f, i = i, v = v }
      end
    end
  end
end

local function freeze_cond(n, seen, kept)
  if type(n) == "function" then return freeze_function(n, seen, kept) end
  if getmetatable(n) == EXPR then          -- a value expression's conditions
    if n.where then freeze_cond(n.where, seen, kept) end
    local parts = n.parts
    if parts then for i = 1, #parts do freeze_cond(parts[i], seen, kept) end end
    return
  end
  if not is_cond(n) or seen[n] then return end
  seen[n] = true                  -- a definition shared by many rules once
  local parts = n.parts
  if parts then for i = 1, #parts do freeze_cond(parts[i], seen, kept) end end
  if n.p then freeze_cond(n.p, seen, kept) end
end

local function freeze_rules(decls)
  local seen, kept = {}, {}
  for _, d in ipairs(decls) do
    local s = d.spec
    freeze_cond(s.when, seen, kept)
    freeze_cond(s.value, seen, kept)
  end
  if R.decide then freeze_function(R.decide, seen, kept) end
  local list = {}
  for _, k in pairs(kept) do list[#list + 1] = k end
  R.kept_upvalues = list
end

-- Put back every plain upvalue a rule function may have changed.
local function restore_upvalues()
  local kept = R.kept_upvalues
  for i = 1, #kept do
    local k = kept[i]
    setupvalue(k.f, k.i, k.v)
  end
end

-- The schema as a tree: objects get `fields` (key -> field), lists get
-- `entry` (the field of each entry), every field its `path`.
local function link_schema()
  R.root = { type = "object", path = "", fields = {} }
  for p, f in pairs(R.schema) do
    f.path = p
    if f.type == "object" then f.fields = {} end
  end
  for p, f in pairs(R.schema) do
    if ssub(p, -2) == "[]" then
      R.schema[ssub(p, 1, -3)].entry = f
    else
      local parent, key = smatch(p, "^(.*)%.([^%.]+)$")
      local owner = parent and R.schema[parent] or R.root
      owner.fields[key or p] = f
    end
  end
end

local BUILTIN_FIELDS = {
  { "id", { type = "string", doc = "pseudonymous case identifier" } },
  { "assessed_on", { type = "date", doc = "the date the case is assessed as of: the only 'today' rules see" } },
}

local function finish()
  local levels_decl_last
  for _, d in ipairs(R.decls) do
    if d.kind == "levels" then levels_decl_last = d end
  end
  if levels_decl_last then define_levels(levels_decl_last)
  else problem(ST_RULES, nil, "the rule set declares no levels { ... }") end
  for _, bf in ipairs(BUILTIN_FIELDS) do
    local f = bf[2]
    f.decl = false
    R.schema[bf[1]] = f
    local kids = R.children[""] or {}
    kids[#kids + 1] = bf[1]
    R.children[""] = kids
  end
  local decls = merge(R.decls)
  for _, d in ipairs(decls) do
    if d.kind ~= "test" then check_keys(d.kind, d.name, d.spec, d.file, d.line) end
    if d.kind == "field" then define_field(d) end
  end
  link_schema()
  for _, d in ipairs(decls) do if d.kind == "fact" then define_fact(d) end end
  for _, d in ipairs(decls) do
    local s, where = d.spec, where_of(d)
    if d.kind == "rule" or d.kind == "flag" or d.kind == "decision_table" then
      d.cite, d.reason, d.actions, d.severity = s.cite, s.reason, s.actions, s.severity
      for _, k in ipairs({ "cite", "reason" }) do
        if type(s[k]) ~= "string" or s[k] == "" then
          problem(ST_RULES, where, "%s '%s': %s must be text", d.kind, d.name, k)
        end
      end
      check_actions(d, s.actions, where)
      R.named[d.name] = d
      R.evaluated[#R.evaluated + 1] = d
      d.slot = #R.evaluated            -- its status's place in ctx.status_of
    end
  end
  if R.levels then
    for _, d in ipairs(decls) do
      local where = where_of(d)
      if d.kind == "rule" then
        d.lv = resolve_level(d.spec.level, where, sfmt("rule '%s'", d.name))
        if d.lv then d.lv.used = true end
      end
      CHECKING_KIND = d.kind
      if d.kind == "rule" or d.kind == "flag" then
        d.when = d.spec.when
        if type(d.when) ~= "function" and not is_cond(d.when) then
          problem(ST_RULES, where, "%s '%s': when must be a condition or a function(c)", d.kind, d.name)
        else
          check_cond(d.when, where)
        end
      elseif d.kind == "fact" and is_cond(d.spec.when) then
        check_cond(d.spec.when, where)
      elseif d.kind == "fact" and d.expr then
        check_path(d.expr, where)
      elseif d.kind == "check" then
        if not is_cond(d.spec.when) then
          problem(ST_RULES, where, "check '%s': when must be a data condition", d.name)
        else
          check_cond(d.spec.when, where)
          R.checks[#R.checks + 1] = d
        end
      elseif d.kind == "decision_table" then
        define_table(d)
        for _, r in ipairs(d.rows or {}) do if r.lv then r.lv.used = true end end
      end
    end
  end
  local m = R.sets[#R.sets]
  R.id, R.version, R.title = m.id, m.version, m.title
  for i = #R.sets, 1, -1 do
    if R.sets[i].decide then
      R.decide = R.sets[i].decide
      R.decide_source = sfmt("%s:%d", R.sets[i].file, R.sets[i].line)
      break
    end
  end
  HOLIDAYS = R.holidays
  R.merged = decls
  freeze_rules(decls)
end

-- Load every source of the set and its parents, in order. Returns the set's
-- id and version, or nil, status, message.
function API.load_sources(list, hash)
  R = new_registry()
  R.hash = hash
  for _, src in ipairs(list) do
    local name, text = src[1], src[2]
    local set = set_of(name)
    if ssub(name, -12) == "/ruleset.lua" then
      local _, m = run_file(name, text, set)
      if m then R.sets[#R.sets + 1] = m end
    else
      run_file(name, text, set)
    end
  end
  if #R.sets == 0 then problem(ST_RULES, nil, "no ruleset.lua was loaded") end
  if #R.problems == 0 then finish() end
  if #R.problems > 0 then
    local msgs = {}
    for i, p in ipairs(R.problems) do
      if i > 50 then msgs[#msgs + 1] = sfmt("... and %d more", #R.problems - 50); break end
      msgs[#msgs + 1] = p.msg
    end
    return nil, R.problems[1].status, tconcat(msgs, "\n")
  end
  return R.id, R.version or ""
end

-- How many inlined declarations and facts the last evaluation through the
-- inlined rule set sent the general way (a value they read was not
-- recorded), or nil; for tests that the fast path is taken.
function API.last_slow() return R.last_slow end

-- The fast paths: the schema's checkers and the inlined rule set, both
-- generated Lua, and the schema handed to the host's reader, which checks
-- a case as it reads it and gives a case it passes the root node. The host asks for them before the second evaluation, so
-- a single evaluation (a command's start-up) does without the cost of
-- making them; the general ways give the same results.
function API.prepare()
  if R.prepared then return end
  R.prepared = true
  -- Data conditions compiled into closures, once: until now (an engine's
  -- first evaluation) they were interpreted, which gives the same answer,
  -- so evaluating one case does not pay for compiling them all.
  for _, d in ipairs(R.merged) do
    local w = d.kind == "fact" and d.spec.when or d.when
    if (d.kind == "rule" or d.kind == "flag" or d.kind == "fact") and is_cond(w) then
      d.compiled = compile(w)
    end
  end
  link_checkers()
  set_case_schema(R.root, root_node())
  inline_set()
end

---------------------------------------------------------------------------
-- Evaluating a case
---------------------------------------------------------------------------

do
  -- The warning that the caller's date stands in for assessed_on: the same
  -- table for every such case.
  local function default_date_warning(date)
    local w = R.made[date]
    if w == nil then
      w = setmetatable({ path = "assessed_on", message = sfmt(
        "not given; evaluated as of %s, the date supplied by the caller", date) }, SHARED)
      R.made[date] = w
    end
    return w
  end

  -- What TH_EVAL_SUMMARY gives the host instead of a result: a list of its
  -- status, pathway, rank, local level, case id (false where there is
  -- none) and error count, then each finding's rule, in order.
  local function summary_of(res)
    local s, findings = res.suggestion, res.findings or NONE
    if type(s) ~= "table" then s = nil end    -- none, or null
    local out = { res.status, s and s.pathway or false, s and s.rank or false,
                  s and s.local_level or false,
                  type(res.case) == "string" and res.case or false, #(res.errors or NONE) }
    for i = 1, #findings do out[6 + i] = findings[i].rule end
    return out
  end

  -- The summary of a case the flat chunk decided, made without its result.
  -- Nothing there went the general way, so nothing is undetermined or in
  -- error and the case is complete; with no decide, the suggestion is the
  -- highest level that applied. The chunk listed the rules that held first,
  -- highest level first, in the order of a result's findings.
  local function flat_summary(ctx)
    local notable, name = ctx.notable, R.flat_names
    local lv = name[notable[1]] and notable[1].lv or R.levels[1]
    local out = new_table(6 + #notable, 0)
    out[1], out[2], out[3], out[4] = "complete", lv.pathway, lv.rank, lv.id
    out[5], out[6] = type(ctx.id) == "string" and ctx.id or false, 0
    for i = 1, #notable do
      local rule = name[notable[i]]
      if rule == nil then break end           -- a flag: the rules are done
      out[6 + i] = rule
    end
    return out
  end

  -- The result of a case the rules ran on.
  local function result_of(ctx, opts, warns)
    local res = build_result(ctx, opts, warns)
    CUR, CUR_DECL = nil, nil
    restore_upvalues()
    return res
  end

  -- The rules run on ctx, and the result.
  local function run_rules(ctx, case, opts, warns)
    if R.inline and not ctx.explain and not ctx.interpret then
      R.inline(ctx, case)
      R.last_slow = ctx.slow
    else
      for _, d in ipairs(R.evaluated) do run_decl(ctx, d) end
    end
    return result_of(ctx, opts, warns)
  end

  -- A case the host read flat: checked against the schema as it was read,
  -- no tables made, its values given by the flat chunk's plan, the id and
  -- date first. The chunk alone decides it, or answers false when a value
  -- is not there and a declaration must go the general way, which needs
  -- the case's tables: evaluate_flat gives false, and the host reads the
  -- case again into tables and calls evaluate.
  function API.evaluate_flat(opts, id, on, ...)
    local date = on
    if date == nil then
      date = opts.default_date
      if date == nil or parse_date(date) == nil then return false end
    end
    SHOW_VALUES = false
    local ctx = new_ctx(nil, id, date, opts)
    CUR = ctx
    if R.inline_flat(ctx, id, on, ...) == false then CUR = nil return false end
    R.last_slow = ctx.slow
    if opts.summary and not R.decide then
      CUR = nil                               -- no rule code ran: no upvalue changed
      return flat_summary(ctx)
    end
    local res = result_of(ctx, opts, on == nil and { default_date_warning(date) } or NONE)
    return opts.summary and summary_of(res) or res
  end

  -- opts: { explain = bool, default_date = "YYYY-MM-DD" | nil }; checked:
  -- the host's reader passed the case against the schema, and gave each of
  -- its tables its node
  local function evaluate(case, opts, checked)
    local root = root_node()
    if not checked and (type(case) ~= "table" or (next(case) ~= nil and is_array(case))) then
      return invalid_result(nil, { { path = "(case)", message = "a case must be a JSON object" } }, {})
    end
    local errs, warns = {}, {}
    SHOW_VALUES = opts.explain == true
    if rawget(case, "assessed_on") == nil and opts.default_date then
      rawset(case, "assessed_on", opts.default_date)
      checked = checked and parse_date(opts.default_date) ~= nil
      warns[#warns + 1] = default_date_warning(opts.default_date)
    end
    -- interpret: the general way only, for the check
    if opts.interpret or not (checked or fast_object(case, root)) then
      validate_object(case, root, errs, warns)
    end
    if rawget(case, "assessed_on") == nil then
      errs[#errs + 1] = { path = "assessed_on", message = "required: the date the case is assessed as of (YYYY-MM-DD)" }
    end
    by_path(errs)
    by_path(warns)
    if #errs > 0 then return invalid_result(case, errs, warns) end
    local ctx = new_ctx(case, rawget(case, "id"), rawget(case, "assessed_on"), opts)
    CUR = ctx
    local checks = R.checks
    for i = 1, #checks do                     -- consistency across fields
      local d = checks[i]
      local env = new_env(ctx, false, false)
      if eval_cond(env, d.spec.when) == true then
        errs[#errs + 1] = { path = d.spec.path, message = d.spec.message }
      end
    end
    if #errs > 0 then
      CUR = nil
      return invalid_result(case, by_path(errs), warns)
    end
    if opts.validate_only then
      CUR = nil
      return { case = rawget(case, "id"), assessed_on = rawget(case, "assessed_on"),
               status = "valid", warnings = warns,
               ruleset = ruleset_entry() }
    end
    return run_rules(ctx, case, opts, warns)
  end

  -- with opts.summary, the result's summary (summary_of)
  function API.evaluate(case, opts, checked)
    local res = evaluate(case, opts, checked)
    return opts.summary and summary_of(res) or res
  end
end

-- The type of the field at a data path such as "concerns.1.subtype"
-- (numbers are list positions, from 1), for reading CSV columns; or nil
-- and a did-you-mean.
function API.field_type(path)
  local sp = ""
  for seg in sgmatch(path, "[^%.]+") do
    local nsp
    if smatch(seg, "^%d+$") then nsp = sp .. "[]"
    elseif sp == "" then nsp = seg
    else nsp = sp .. "." .. seg end
    if R.schema[nsp] == nil then       -- the first segment that is not a field
      return nil, did_you_mean(seg, R.children[sp] or {})
    end
    sp = nsp
  end
  local f = R.schema[sp]
  return f and f.type or nil
end

-- Every declared field in declaration order, parents before children:
-- { path = "concerns[].subtype", type = ..., values = ..., min, max, doc,
-- nullable, has_default }, for hosts that build a form from the schema.
function API.schema()
  local out = {}
  local function walk(parent)
    for _, key in ipairs(R.children[parent] or {}) do
      local path = parent == "" and key or parent .. "." .. key
      local f = R.schema[path]
      if f and not f.implicit then
        out[#out + 1] = { path = path, type = f.type, values = f.values, min = f.min,
                          max = f.max, doc = f.doc, nullable = f.nullable or nil,
                          has_default = f.default ~= nil or nil }
        if f.type == "array" then
          local e = R.schema[path .. "[]"]
          out[#out].of = e and e.type
          if e and e.values then out[#out].values = e.values end
          walk(path .. "[]")
        end
      end
      if f and f.type == "object" then walk(path) end
    end
  end
  walk("")
  return out
end

-- The declaration being evaluated when a limit stopped the evaluation.
function API.current()
  local d = CUR_DECL or (CUR and CUR.at and R.evaluated[CUR.at])
  CUR, CUR_DECL = nil, nil
  if d then return d.name, where_of(d) end
  return nil
end

---------------------------------------------------------------------------
-- Tests written beside the rules
---------------------------------------------------------------------------

do
  local EXPECT_KEYS = list_set({ "level", "fired", "not_fired", "flags", "no_flags",
    "status", "missing", "actions", "could_be_higher", "errors" })

  function API.load_tests(name, text)
    local before = #R.decls
    local probs = #R.problems
    run_file(name, text, R.id)
    for i = before + 1, #R.decls do
      local d = R.decls[i]
      local where = where_of(d)
      if d.kind ~= "test" then
        problem(ST_RULES, where, "test files may only declare test \"...\" { ... }")
      else
        check_keys("test", d.name, d.spec, d.file, d.line)
        if type(d.spec.case) ~= "table" or type(d.spec.expect) ~= "table" then
          problem(ST_RULES, where, "test '%s': case and expect must be tables", d.name)
        else
          for _, k in ipairs(sorted_keys(d.spec.expect)) do
            if not EXPECT_KEYS[k] then
              problem(ST_RULES, where, "test '%s': unknown expect key '%s'%s", d.name, tostring(k),
                      did_you_mean(tostring(k), sorted_keys(EXPECT_KEYS)))
            end
          end
          local lv = d.spec.expect.level
          if lv ~= nil then resolve_level(lv, where, sfmt("test '%s'", d.name)) end
          for _, k in ipairs({ "fired", "not_fired", "flags", "no_flags" }) do
            for _, n in ipairs(d.spec.expect[k] or {}) do
              if not R.named[n] then
                problem(ST_RULES, where, "test '%s': %s names '%s', which the rule set does not have%s",
                        d.name, k, show(n), did_you_mean(tostring(n), sorted_keys(R.named)))
              end
            end
          end
          R.tests[#R.tests + 1] = d
        end
      end
    end
    if #R.problems > probs then
      local p = R.problems[probs + 1]
      return nil, p.msg, p.status
    end
    return true
  end
end

function API.test_count() return #R.tests end

function API.test_info(i)
  local d = R.tests[i]
  return d.name, where_of(d)
end

local function names_of(list, key)
  local s = {}
  for _, f in ipairs(list) do s[f[key]] = true end
  return s
end

local function compare(d, res)
  local ex, problems = d.spec.expect, {}
  local function fail(fmt, ...) problems[#problems + 1] = sfmt(fmt, ...) end
  if res.status == "invalid" then
    if ex.status ~= "invalid" then
      for _, e in ipairs(res.case_errors) do fail("case data: %s: %s", e.path, e.message) end
      if #problems == 0 then fail("the case is invalid") end
    end
    return problems
  end
  local got = res.suggestion
  if ex.level ~= nil then
    local want = R.level_by_id[ex.level]
    if want and want.id ~= got.local_level then
      fail("expected level %s, got %s", want.id, got.local_level)
    end
  end
  local fired, flags = names_of(res.findings, "rule"), names_of(res.flags, "flag")
  for _, n in ipairs(ex.fired or {}) do if not fired[n] then fail("expected '%s' to apply; it did not", n) end end
  for _, n in ipairs(ex.not_fired or {}) do if fired[n] then fail("expected '%s' not to apply; it did", n) end end
  for _, n in ipairs(ex.flags or {}) do if not flags[n] then fail("expected flag '%s'; it was not raised", n) end end
  for _, n in ipairs(ex.no_flags or {}) do if flags[n] then fail("expected no flag '%s'; it was raised", n) end end
  if ex.status ~= nil and ex.status ~= res.status then fail("expected status %s, got %s", ex.status, res.status) end
  if ex.could_be_higher ~= nil and ex.could_be_higher ~= got.could_be_higher then
    fail("expected could_be_higher = %s, got %s", tostring(ex.could_be_higher), tostring(got.could_be_higher))
  end
  if ex.missing then
    local missing = {}
    for _, u in ipairs(res.undetermined) do for _, p in ipairs(u.missing) do missing[p] = true end end
    for _, p in ipairs(ex.missing) do if not missing[p] then fail("expected '%s' to be listed as missing", p) end end
  end
  if ex.actions then
    local acts = list_set(res.actions)
    for _, a in ipairs(ex.actions) do if not acts[a] then fail("expected action %s", show(a)) end end
  end
  local nerr = #res.errors
  if (ex.errors or 0) ~= nerr then
    for _, e in ipairs(res.errors) do fail("error in '%s' (%s): %s", e.rule, e.source, e.message) end
    if ex.errors then fail("expected %d errors, got %d", ex.errors, nerr) end
  end
  return problems
end

-- Domain coverage: which of the set's own rules, flags and table rows fire
-- in some test, and which are named as a near miss (not_fired, no_flags).
local function note_coverage(d, res)
  local cov = R.coverage or { fired = {}, rows = {}, near = {} }
  R.coverage = cov
  for _, f in ipairs(res and res.findings or {}) do
    cov.fired[f.rule] = true
    if f.row then cov.rows[f.rule .. "#" .. f.row] = true end
  end
  for _, f in ipairs(res and res.flags or {}) do cov.fired[f.flag] = true end
  for _, k in ipairs({ "not_fired", "no_flags" }) do
    for _, n in ipairs(d.spec.expect[k] or {}) do cov.near[n] = true end
  end
end

function API.coverage()
  local cov = R.coverage or { fired = {}, rows = {}, near = {} }
  local gaps = {}
  for _, d in ipairs(R.evaluated) do
    if d.set == R.id then
      if not cov.fired[d.name] then
        gaps[#gaps + 1] = sfmt("'%s' (%s) applies in no test", d.name, where_of(d))
      end
      if not cov.near[d.name] then
        gaps[#gaps + 1] = sfmt("'%s' (%s) has no near-miss test (name it in not_fired or no_flags)",
                               d.name, where_of(d))
      end
      for ri in ipairs(d.rows or {}) do
        if not cov.rows[d.name .. "#" .. ri] then
          gaps[#gaps + 1] = sfmt("'%s' row %d (%s) is hit in no test", d.name, ri, where_of(d))
        end
      end
    end
  end
  return gaps
end

-- What the compiled and the interpreted evaluations must agree on.
local function outcome(res)
  local parts = { res.status or "", res.suggestion ~= NULL and res.suggestion
                  and res.suggestion.local_level or "" }
  for _, key in ipairs({ "findings", "flags", "undetermined", "errors" }) do
    for _, x in ipairs(res[key] or {}) do
      parts[#parts + 1] = sfmt("%s:%s:%s:%s", key, tostring(x.rule or x.flag),
        tostring(x.row or ""), tconcat(x.missing or {}, ",") .. tostring(x.message or ""))
    end
  end
  return tconcat(parts, "\n")
end

function API.run_test(i, explain)
  local d = R.tests[i]
  local ok, case = pcall(deep_copy, d.spec.case)
  local res
  if ok then res = API.evaluate(case, { explain = explain }) end
  local problems = ok and compare(d, res) or { "case: " .. clean_error(case) }
  if ok then    -- the compiled conditions must agree with the interpreter
    local again = API.evaluate(deep_copy(d.spec.case), { explain = explain, interpret = true })
    if outcome(again) ~= outcome(res) then
      problems[#problems + 1] = "engine self-check: the compiled and the interpreted " ..
        "evaluations of this case differ (please report this)"
    end
  end
  note_coverage(d, res)
  local fired = {}
  for _, f in ipairs(res and res.findings or {}) do fired[#fired + 1] = f.rule end
  local flags = {}
  for _, f in ipairs(res and res.flags or {}) do flags[#flags + 1] = f.flag end
  return {
    test = d.name, source = where_of(d), passed = #problems == 0,
    expected_level = d.spec.expect.level,
    level = res and res.suggestion ~= NULL and res.suggestion.local_level or nil,
    status = res and res.status or nil,
    fired = fired, flags = flags, problems = problems,
  }
end

---------------------------------------------------------------------------
-- The sandbox rule files run in
---------------------------------------------------------------------------

do
  -- Patterns backtrack without limit inside one C call, which no hook can
  -- interrupt, so rules get no pattern functions; plain search instead.
  local function plain_find(s, needle, init)
    return sfind(s, needle, init, true)
  end

  -- with(base, changes): a copy of base with changes laid over it; nested
  -- objects merge, lists are replaced whole. Lets a test say "this family,
  -- but with ...".
  local function with(base, changes)
    if type(base) ~= "table" or type(changes) ~= "table" then
      error("with(base, changes) expects two tables", 2)
    end
    local out = deep_copy(base)
    for k, v in pairs(changes) do
      if type(v) == "table" and type(out[k]) == "table" and not is_array(v) and not is_array(out[k]) then
        out[k] = with(out[k], v)
      else
        out[k] = deep_copy(v)
      end
    end
    return out
  end

  local MAX_REP = 1 << 20
  -- Capped on the count as well as the size: rep("", 3e9) makes nothing but
  -- still loops 3e9 times inside one C call, where no hook can stop it.
  local function capped_rep(s, n, sep)
    n = floor(tonumber(n) or 0)
    local total = #tostring(s) * (n > 0 and n or 0) + (sep and #tostring(sep) * (n > 1 and n - 1 or 0) or 0)
    if total > MAX_REP or n > MAX_REP then
      error(sfmt("string.rep: result over %d bytes or repeats", MAX_REP), 2)
    end
    return srep(s, n, sep)
  end

  local text = {
    contains = function(s, needle) return sfind(s, needle, 1, true) ~= nil end,
    starts_with = function(s, p) return ssub(s, 1, #p) == p end,
    ends_with = function(s, p) return p == "" or ssub(s, -#p) == p end,
    lower = slower, upper = string.upper,
  }

  -- Harden the real string table: string methods reach it from any string.
  local string_lib = string
  string_lib.dump = nil
  string_lib.match, string_lib.gmatch, string_lib.gsub = nil, nil, nil
  string_lib.find = plain_find
  string_lib.rep = capped_rep
  local smeta = getmetatable("")
  smeta.__metatable = false

  -- A read-only copy of the named entries of a library: rule files share
  -- these tables, so one must not be able to change them for another.
  local function copy_lib(lib, names, name)
    local t = {}
    for _, n in ipairs(names) do t[n] = lib[n] end
    return frozen(t, name)
  end

  SANDBOX = {
    -- safe base functions
    assert = assert, error = error, ipairs = ipairs, next = next, pairs = pairs,
    pcall = pcall, select = select, tonumber = tonumber, tostring = tostring, type = type,
    null = NULL,
    math = copy_lib(math, { "abs", "ceil", "floor", "fmod", "huge", "max", "maxinteger",
      "min", "mininteger", "modf", "sqrt", "tointeger", "type", "ult", "pi", "exp", "log" }, "math"),
    string = copy_lib(string_lib, { "byte", "char", "find", "format", "len", "lower",
      "rep", "reverse", "sub", "upper" }, "string"),
    table = copy_lib(table, { "concat", "insert", "move", "pack", "remove", "sort", "unpack" }, "table"),
    utf8 = copy_lib(utf8, { "char", "charpattern", "codepoint", "codes", "len", "offset" }, "utf8"),
    text = copy_lib(text, { "contains", "starts_with", "ends_with", "lower", "upper" }, "text"),
    with = with,
    -- declarations
    ruleset = manifest_decl, levels = levels_decl, bank_holidays = holidays_decl,
    field = declarer("field"), fact = declarer("fact"), rule = declarer("rule"),
    flag = declarer("flag"), decision_table = declarer("decision_table"),
    test = declarer("test"), override = declarer("override"), disable = declarer("disable"),
    check = declarer("check"),
  }
  for k, v in pairs(C) do SANDBOX[k] = v end
  for k, v in pairs(dates) do SANDBOX[k] = v end
  setmetatable(SANDBOX, {
    __index = function(_, k)
      error(sfmt("unknown name '%s'%s", tostring(k),
                 did_you_mean(tostring(k), sorted_keys(SANDBOX))), 2)
    end,
    __metatable = false,
  })
end

return API
