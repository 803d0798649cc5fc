-- prelude/fast/compile.lua -- compiled conditions: each data condition made
-- closures once, with logic's eval_cond semantics when nothing is traced
-- or recorded. Plain field paths are read straight from the tables;
-- anything else (a missing value, a default, a fact, a count, a date)
-- takes the general leaf. Why-not tests a rule's leaves one by one
-- (compile_leaves). Explain mode and
-- `threshold test`'s cross-check use eval_cond.

local host, need = ...
local type, ipairs, getmetatable, rawget =
  type, ipairs, getmetatable, rawget
local NULL =
  host.NULL
local cond = need "cond"
local EXPR =
  cond.EXPR
local facts_mod = need "facts"
local NO_VALUE, fact_memo =
  facts_mod.NO_VALUE, facts_mod.fact_memo
local logic = need "logic"
local LEAF, NUMERIC, eval_function, GROUP_STOP, n_of, eval_expr =
  logic.LEAF, logic.NUMERIC, logic.eval_function, logic.GROUP_STOP, logic.n_of, logic.eval_expr

local M = {}

-- The set's facts (facts, by name) are passed down explicitly: a path
-- whose first step names one is a fact, not a plain read.

-- A reader for a plain path (no fact, no count): the value, or nil when a
-- step is missing, so the caller takes the general way.
local function direct_reader(p, facts)
  if getmetatable(p) == EXPR or facts[p.segs[1]] then return nil end
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

-- A reader for a fact named by a one-step path, read from the case (no
-- list entry): its memoised value, computed the usual way on first use,
-- or nil when it has none (then the general leaf names what is missing,
-- from the memo). A path from a list entry is the entry's field.
local function fact_reader(p, facts)
  if getmetatable(p) == EXPR or #p.segs ~= 1 or not facts[p.segs[1]] then return nil end
  local name = p.segs[1]
  return function(env, base)
    if base ~= nil then return nil end
    local ctx = env.ctx
    local v = ctx.facts[name]
    if v == nil then v = fact_memo(ctx, name) end
    if v == NO_VALUE then return nil end
    return v
  end
end

local compile

local function compile_leaf(n, facts)
  local leaf, op = LEAF[n.op], n.op
  local fread = n.p and fact_reader(n.p, facts)
  if fread and (op == "is" or op == "is_not") then
    local v0, negate = n.v, op == "is_not"
    return function(env, base)
      local x = fread(env, base)
      if x == nil then return leaf(env, n, base) end
      return (x == v0) ~= negate
    end
  elseif fread and op == "one_of" then
    local set = n.set
    return function(env, base)
      local x = fread(env, base)
      if x == nil then return leaf(env, n, base) end
      return set[x] == true
    end
  elseif fread and NUMERIC[op] then
    local test = NUMERIC[op]
    return function(env, base)
      local x = fread(env, base)
      local tx = type(x)
      if tx == "table" then return test(#x, n) end
      if tx ~= "number" then return leaf(env, n, base) end
      return test(x, n)
    end
  end
  local read = n.p and direct_reader(n.p, facts)
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
                  and direct_reader(n.p.list, facts)
  if list_of then
    -- count(list, where) compared: the entries' condition compiled too; a
    -- list the plain read does not find goes the general way
    local test = NUMERIC[op]
    local where = n.p.where and compile(n.p.where, facts)
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

-- n compiled into a closure (env, base) with eval_cond's answer; facts:
-- the rule set's facts by name (the registry's R.facts).
function compile(n, facts)
  if type(n) == "function" then
    return function(env, base) return eval_function(env, n, base) end
  end
  if LEAF[n.op] then return compile_leaf(n, facts) end
  local fs = {}
  for i, x in ipairs(n.parts) do fs[i] = compile(x, facts) end
  local k, op = #fs, n.op
  -- the groups of logic (GROUP_STOP, n_of): the same semantics, the
  -- parts' closures called in place of eval_cond
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
  local needed = n.n                       -- at_least_n_of
  return function(env, base)
    local yes, maybe = 0, 0
    for i = 1, k do
      local r = fs[i](env, base)
      if r == true then yes = yes + 1 elseif r == nil then maybe = maybe + 1 end
    end
    return n_of(yes, maybe, needed)
  end
end

-- A fact's value expression compiled: a closure (env, base) giving
-- eval_expr's bounds (lo, hi), or nil where eval_expr computes it (a
-- count). how_many's parts are compile's closures, counted as eval_expr
-- counts them; largest reads plain paths straight from the tables, and
-- leaves a value not there (or not a number) to eval_expr, which names it.
local function compile_expr(x, facts)
  if x.kind == "largest" then
    local reads, k = {}, #x.paths
    for i, p in ipairs(x.paths) do
      reads[i] = direct_reader(p, facts)
      if reads[i] == nil then return nil end
    end
    return function(env, base)
      local t, best = base or env.ctx.case, nil
      for i = 1, k do
        local v = reads[i](t)
        if v == nil or (v ~= NULL and type(v) ~= "number") then return eval_expr(env, x, base) end
        if v ~= NULL and (best == nil or v > best) then best = v end
      end
      if best == nil then return NULL, NULL end
      return best, best
    end
  end
  if x.kind ~= "how_many" then return nil end
  local fs = {}
  for i, part in ipairs(x.parts) do fs[i] = compile(part, facts) end
  local k = #fs
  return function(env, base)
    local lo, hi = 0, 0
    for i = 1, k do
      local r = fs[i](env, base)
      if r == true then lo, hi = lo + 1, hi + 1 elseif r == nil then hi = hi + 1 end
    end
    return lo, hi
  end
end

-- n's leaves for why-not, in the order a traced eval_cond lists them:
-- every part of every group, even past a stop, and a count or how_many as
-- one leaf (nothing inside it is traced). Each is { test = compile's
-- closure for the leaf, node = the leaf (nil for a function condition),
-- plain = true where, unknown, it misses only its own path (a case field
-- read by one path: no fact, count, second date or other declaration),
-- by_value = true where it is also a comparison fast/why_not can make on
-- the value itself, slot = where the inlined chunk keeps that value
-- (fast/inline) }; and kept, the rule's why-not entries by outcome, made
-- once (explain).
local function compile_leaves(n, facts, out)
  out = out or {}
  if type(n) == "function" then
    out[#out + 1] = { test = function(env, base) return eval_function(env, n, base) end }
  elseif LEAF[n.op] then
    local p, op = n.p, n.op
    local plain = p ~= nil and getmetatable(p) ~= EXPR and not facts[p.segs[1]] and n.q == nil
    out[#out + 1] = { test = compile_leaf(n, facts), node = n, plain = plain,
      by_value = plain and (op == "is" or op == "is_not" or op == "one_of" or NUMERIC[op] ~= nil) }
  else
    for _, x in ipairs(n.parts) do compile_leaves(x, facts, out) end
  end
  out.kept = out.kept or {}     -- the why-not entries shared by outcome (explain)
  return out
end

M.compile = compile
M.compile_leaves = compile_leaves
M.compile_expr = compile_expr
return M
