-- prelude/logic.lua -- the three-valued evaluator, the reference semantics
-- of conditions: true, false or nil (unknown), the leaves and value
-- expressions, and function conditions. fast/ gives the same answers
-- faster; explain mode, why-not and the self-check use this.

local host, need = ...
local type, pairs, ipairs, error, pcall, tostring, getmetatable, rawequal =
  type, pairs, ipairs, error, pcall, tostring, getmetatable, rawequal
local sfmt, huge =
  string.format, math.huge
local NULL, LIMIT =
  host.NULL, host.LIMIT
local calendar = need "dates"
local parse_date, months_from, working_days_at_least =
  calendar.parse_date, calendar.months_from, calendar.working_days_at_least
local cond = need "cond"
local EXPR, is_unknown =
  cond.EXPR, cond.is_unknown
local schema = need "schema"
local node_of, node_path =
  schema.node_of, schema.node_path
local view = need "view"
local case_view, make_view =
  view.case_view, view.make_view
local facts = need "facts"
local resolve =
  facts.resolve

local M = {}

-- The three-valued groups, one semantics for every tier (this
-- interpreter, fast/compile's closures, fast/inline's generated code).
-- all stops at a false part, any and none at a true one:
-- GROUP_STOP[op] = { the part value that stops the group, what the group
-- then gives, what it gives when every part gives the other value }; with
-- no stop and an unknown part, the group is unknown. at_least_n_of is
-- n_of of the parts that hold (yes) and those unknown (maybe).
local GROUP_STOP = { all = { false, false, true }, any = { true, true, false },
                     none = { true, false, true } }

local function n_of(yes, maybe, needed)
  if yes >= needed then return true end
  if yes + maybe < needed then return false end
  return nil
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

-- The date leaves' tests, on day numbers: the date read (z), the leaf's
-- number and the day the case is assessed as of. nil: a count of working
-- days over a span the calendar refuses.
local DATE_TEST = {
  within_days = function(z, n, today)
    local d = today - z
    return d >= 0 and d <= n
  end,
  at_least_days_ago = function(z, n, today) return today - z >= n end,
  at_least_months_ago = function(z, n, today) return months_from(z, today) >= n end,
  at_least_working_days_ago = function(z, n, today) return working_days_at_least(z, today, n) end,
}

-- A date leaf's answer on the value v read (not nil), its number n and the
-- day the case is assessed as of: true or false (null, on a nullable
-- field, is not applicable: false), or nil and what is wrong with v. One
-- definition, which the inlined chunk (fast/inline) calls too.
local function date_answer(op, v, n, today)
  if v == NULL then return false end
  local z = parse_date(v)
  if not z then return nil, "is not a date" end
  local r = DATE_TEST[op](z, n, today)
  if r == nil then return nil, "is over 50 years before assessed_on" end
  return r
end
for op in pairs(DATE_TEST) do
  LEAF[op] = function(env, n, base)
    local v = resolve(env, n.p, base); note(env, n.p, v, base)
    if v == nil then return nil end
    local r, wrong = date_answer(op, v, n.n, env.ctx.assessed)
    if r == nil then error(sfmt("%s: %s %s", op, n.p.path, wrong), 0) end
    return r
  end
end
LEAF.date_after = function(env, n, base)
  local a, b = resolve(env, n.p, base), resolve(env, n.q, base)
  note(env, n.p, a, base); note(env, n.q, b, base)
  if a == nil or b == nil or a == NULL or b == NULL then return nil end
  local za, zb = parse_date(a), parse_date(b)
  if not za or not zb then error(sfmt("date_after: %s or %s is not a date", n.p.path, n.q.path), 0) end
  return za > zb
end

-- Run a function condition: true/false, or nil (unknown) with the paths.
local function eval_function(env, f, base)
  local arg = base and make_view(base, nil, nil) or env.view
  if arg == nil and env.reads then        -- explain: a view that records what it reads,
    arg = make_view(env.ctx.case, "", env.reads)    -- made when first needed
    env.view = arg
  end
  arg = arg or case_view(env.ctx)
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
  -- A traced evaluation (why-not) reads every part, even past a stop.
  local parts, full = n.parts, env.trace ~= nil
  local stop = GROUP_STOP[op]
  if stop then
    local on, gives, res = stop[1], stop[2], stop[3]
    for i = 1, #parts do
      local r = eval_cond(env, parts[i], base)
      if r == on then
        if not full then return gives end
        res = gives
      elseif r == nil and res ~= gives then
        res = nil
      end
    end
    return res
  elseif op == "at_least_n_of" then
    local yes, maybe = 0, 0
    for i = 1, #parts do
      local r = eval_cond(env, parts[i], base)
      if r == true then yes = yes + 1 elseif r == nil then maybe = maybe + 1 end
    end
    return n_of(yes, maybe, n.n)
  end
  error("unknown condition " .. tostring(op), 0)
end

M.eval_cond = eval_cond
M.GROUP_STOP = GROUP_STOP
M.n_of = n_of
M.eval_expr = eval_expr
M.LEAF = LEAF
M.NUMERIC = NUMERIC
M.DATE_TEST = DATE_TEST
M.date_answer = date_answer
M.eval_function = eval_function
return M
