-- prelude/explain.lua -- explain mode's evidence and why-not: why the next
-- level up was not reached, from the rules and rows at that level.

local host, need = ...
local type, ipairs, pcall =
  type, ipairs, pcall
local NULL =
  host.NULL
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

-- Why the next level up was not reached: the rules at that level that did
-- not fire, with the parts that failed and those that were unknown.
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

local function why_not(ctx, target)
  local out = {}
  local decls = at_level(target)
  for i = 1, #decls do
    local d = decls[i]
    local st = ctx.status_of[d.slot]
    if d.kind == "rule" and d.lv == target and st.result ~= true then
      local env = new_env(ctx, true, false)
      local ok
      if d.traced and not ctx.explain and not ctx.interpret then
        ok = pcall(d.traced, env)
      else
        ok = pcall(eval_cond, env, d.when)
      end
      local failed, unknown = {}, {}
      for _, t in ipairs(env.trace or {}) do
        if t.result == false then failed[#failed + 1] = t.part
        else unknown[#unknown + 1] = { part = t.part, missing = t.missing or {} } end
      end
      out[#out + 1] = { rule = d.name, kind = "rule", level = target.id, cite = d.cite,
        basis = d.basis, why = d.why, source = where_of(d), result = (st.result == "error" or not ok) and "error"
          or (st.result == nil and "unknown" or "false"),
        failed = failed, unknown = unknown }
    elseif d.kind == "decision_table" and st.result ~= "error" then
      local hit, unknown = list_set(st.hits or {}), list_set(st.unknown_rows or {})
      for ri, row in ipairs(d.rows) do
        if row.lv == target and not hit[ri] then
          local u = unknown[ri]
          out[#out + 1] = { rule = d.name, kind = "decision_table", row = ri,
            level = target.id, cite = row.cite or d.cite, source = where_of(d),
            basis = row.basis, why = row.why,
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

M.evidence = evidence
M.why_not = why_not
M.next_level_up = next_level_up
return M
