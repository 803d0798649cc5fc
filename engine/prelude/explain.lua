-- prelude/explain.lua -- explain mode's evidence and why-not: why the next
-- level up was not reached, from the rules and rows at that level.

local host, need = ...
local type, ipairs, pcall, error, setmetatable, rawequal =
  type, ipairs, pcall, error, setmetatable, rawequal
local NULL, LIMIT, SHARED =
  host.NULL, host.LIMIT, host.SHARED
local util = need "util"
local list_set, deep_copy =
  util.list_set, util.deep_copy
local declare = need "declare"
local where_of =
  declare.where_of
local context = need "context"
local new_env =
  context.new_env
local logic = need "logic"
local eval_cond =
  logic.eval_cond
local R      -- the registry in force (declare.use_registry)
need("declare").on_registry(function(r) R = r end)

local M = {}

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

-- The rules at level lv, and the tables with a row at lv, in the order
-- they are evaluated: the only declarations why-not looks at, listed once
-- per level for every case.
local function at_level(lv)
  local by = R.why_not_decls
  if by == nil then by = {}; R.why_not_decls = by end
  local list = by[lv]
  if list == nil then
    list = {}
    for _, d in ipairs(R.evaluated) do
      local keep = d.kind == "rule" and d.lv == lv
      if d.kind == "decision_table" then
        for _, row in ipairs(d.rows) do
          if row.lv == lv then keep = true end
        end
      end
      if keep then list[#list + 1] = d end
    end
    by[lv] = list
  end
  return list
end

-- A table R.made keeps for key: entries made once per rule set and shared.
local function made_for(key)
  local t = R.made[key]
  if t == nil then t = {}; R.made[key] = t end
  return t
end

-- The most outcomes of one rule's leaves whose why-not entry is kept: the
-- rest are made per case (their text is the same), so memory stays bounded.
local MAX_KEPT_OUTCOMES = 64

-- A rule's entry: its result is "error" where it erred or its leaves
-- could not all be tested (ok false), else "unknown" or "false".
local function rule_entry(d, st, ok, failed, unknown)
  local result = (st.result == "error" or not ok) and "error"
    or (st.result == nil and "unknown" or "false")
  return { rule = d.name, kind = "rule", level = d.lv.id, cite = d.cite, basis = d.basis,
           why = d.why, source = where_of(d), result = result, failed = failed, unknown = unknown }
end

-- A rule's leaves tested one by one, in order, as a traced eval_cond
-- lists them: what failed (by their words) and what was unknown (with the
-- paths it missed). An error stops the test there, as it stops a traced
-- evaluation; the rule's result is then "error".
local function traced_leaves(ctx, d, st)
  local env, leaves, failed, unknown = { ctx = ctx, missing = {} }, d.leaves, {}, {}
  local ok, err = pcall(function()
    local missing = env.missing
    for i = 1, #leaves do
      local leaf = leaves[i]
      local m = #missing
      local r = leaf.test(env)
      if r == false then
        failed[#failed + 1] = leaf.node and leaf.node:describe() or "a custom condition (function)"
      elseif r == nil then
        local miss = {}
        if leaf.node then for j = m + 1, #missing do miss[#miss + 1] = missing[j] end end
        unknown[#unknown + 1] = { part = leaf.node and leaf.node:describe()
                                  or "a custom condition (function)", missing = miss }
      end
    end
  end)
  if not ok and rawequal(err, LIMIT) then error(err, 0) end
  return rule_entry(d, st, ok, failed, unknown)
end

-- The same from eval_cond with a trace: the reference, for a rule set's
-- first evaluation and the cross-check.
local function traced_cond(ctx, d, st)
  local env = new_env(ctx, true, false)
  local ok, err = pcall(eval_cond, env, d.when)
  if not ok and rawequal(err, LIMIT) then error(err, 0) end
  local failed, unknown = {}, {}
  for _, t in ipairs(env.trace) do
    if t.result == false then failed[#failed + 1] = t.part
    else unknown[#unknown + 1] = { part = t.part, missing = t.missing or {} } end
  end
  return rule_entry(d, st, ok, failed, unknown)
end

-- Each of the leaves tested, where the level's compiled function
-- (fast/why_not) gave no key: the outcome as a number, a digit per leaf
-- (0 held, 1 failed, 2 unknown), or nil when an unknown leaf's missing
-- paths may differ from case to case (it is not `plain`).
local function outcome_of(env, leaves)
  local key = 0
  for i = 1, #leaves do
    local leaf = leaves[i]
    local r = leaf.test(env)
    if r == nil and not leaf.plain then return nil end
    key = key * 3 + (r == true and 0 or r == false and 1 or 2)
  end
  return key
end

local RESULT_DIGIT = { [false] = 0, error = 2 }   -- nil (unknown): 1
local MAX_KEY_LEAVES = 33                          -- 3^33 < 2^53: the key is exact

-- A rule's why-not entry. Where each of its leaves erred in none and
-- every unknown one reads a plain path (so it misses that path and no
-- other), the entry depends only on the rule's result and each leaf's
-- outcome: it is made once per rule and outcome and shared, so its JSON
-- is made once too (SHARED).
local function rule_why_not(ctx, d, st, env, key)
  local leaves = d.leaves
  if not leaves or ctx.interpret then return traced_cond(ctx, d, st) end
  if #leaves > MAX_KEY_LEAVES then return traced_leaves(ctx, d, st) end
  if key == nil then                          -- not given by the level's function
    local ok
    ok, key = pcall(outcome_of, env, leaves)
    if not ok and rawequal(key, LIMIT) then error(key, 0) end
    if not ok then key = nil end
  end
  if not key then return traced_leaves(ctx, d, st) end
  key = key * 3 + (RESULT_DIGIT[st.result] or 1)
  local kept = leaves.kept
  local e = kept[key]
  if e == nil then
    e = traced_leaves(ctx, d, st)
    local n = kept.n or 0
    if n < MAX_KEPT_OUTCOMES then
      kept.n, kept[key] = n + 1, setmetatable(e, SHARED)
    end
  end
  return e
end

-- A table's row at the level that neither matched nor was unknown: the
-- same for every case, made once.
local function row_entry(d, ri, row, target, u, st)
  local kept = not u and made_for(d.rows)
  local e = kept and kept[ri]
  if e == nil then
    e = { rule = d.name, kind = "decision_table", row = ri,
          level = target.id, cite = row.cite or d.cite, source = where_of(d),
          basis = row.basis, why = row.why,
          result = u and "unknown" or "false", failed = u and {} or { row.desc },
          unknown = u and { { part = row.desc, missing = st.missing or {} } } or {} }
    if kept then kept[ri] = setmetatable(e, SHARED) end
  end
  return e
end

-- Why the next level up (target) was not reached: the rules at that level
-- that did not fire, with the parts that failed and those that were
-- unknown, and the tables' rows at that level that did not match.
local function why_not(ctx, target)
  local out, env = {}, { ctx = ctx, missing = {} }   -- env: for the leaves' tests
  local decls = at_level(target)
  -- every rule's outcome key at once, compiled (fast/why_not), where the
  -- inlined chunk ran (only it gives ctx.values); on an error, rule by rule
  local keys
  local keys_of = ctx.values and R.why_keys and R.why_keys[target]
  if keys_of then
    local ok, k = pcall(keys_of, env, ctx.values)
    if ok then keys = k elseif rawequal(k, LIMIT) then error(k, 0) end
  end
  local status = ctx.status_of
  for i = 1, #decls do
    local d = decls[i]
    local st = status[d.slot]
    if d.kind == "rule" then
      if d.lv == target and st.result ~= true then
        local key = keys and keys[i]
        local e = key and d.leaves.kept[key * 3 + (RESULT_DIGIT[st.result] or 1)]
        out[#out + 1] = e or rule_why_not(ctx, d, st, env, key)
      end
    elseif d.kind == "decision_table" and st.result ~= "error" then
      local hit, unknown = list_set(st.hits or {}), list_set(st.unknown_rows or {})
      for ri, row in ipairs(d.rows) do
        if row.lv == target and not hit[ri] then
          out[#out + 1] = row_entry(d, ri, row, target, unknown[ri], st)
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

M.evidence = evidence
M.at_level = at_level
M.MAX_KEY_LEAVES = MAX_KEY_LEAVES
M.why_not = why_not
M.next_level_up = next_level_up
return M
