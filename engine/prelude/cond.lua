-- prelude/cond.lua -- conditions as data: the helpers rule files build
-- them with (is, all, at_least, count, ...), the words that describe them,
-- and the signal of the third truth value, unknown.

local _, need = ...
local type, ipairs, error, setmetatable, getmetatable =
  type, ipairs, error, setmetatable, getmetatable
local sfmt, sgmatch, tconcat =
  string.format, string.gmatch, table.concat
local util = need "util"
local list_set, show =
  util.list_set, util.show
local declare = need "declare"
local call_site =
  declare.call_site

local M = {}

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

local UNKNOWN_MT = { __tostring = function(u)
  return "unknown fact: " .. tconcat(u.paths, ", ")
end }

local function unknown_signal(paths)
  return setmetatable({ paths = paths }, UNKNOWN_MT)
end

local function is_unknown(e) return getmetatable(e) == UNKNOWN_MT end

M.EXPR = EXPR
M.COND = COND
M.is_cond = is_cond
M.C = C
M.as_path = as_path
M.unknown_signal = unknown_signal
M.is_unknown = is_unknown
return M
