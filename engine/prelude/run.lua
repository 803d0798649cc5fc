-- prelude/run.lua -- running a rule, flag or table once per case, memoised
-- so that fired() can ask for it, and the leaves that depend on other
-- declarations: fired and suggestion_is.

local host, need = ...
local ipairs, error, pcall, rawequal =
  ipairs, error, pcall, rawequal
local sfmt =
  string.format
local LIMIT, new_table =
  host.LIMIT, host.new_table
local util = need "util"
local clean_error, dedup_sorted =
  util.clean_error, util.dedup_sorted
local context = need "context"
local record_error, new_env =
  context.record_error, context.new_env
local logic = need "logic"
local eval_cond, LEAF =
  logic.eval_cond, logic.LEAF
local tables = need "tables"
local run_table =
  tables.run_table
local R      -- the registry in force (declare.use_registry)
need("declare").on_registry(function(r) R = r end)
local CURRENT = need "current"

local M = {}

local run_decl     -- below

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
  st = new_table(0, 8)       -- made at its size: running, result, missing, reads, hits...
  st.running = true
  ctx.status_of[d.slot] = st
  local prev = CURRENT.decl
  CURRENT.decl = d
  local ok, r, missing, reads
  local busy = ctx.env_busy      -- the shared environment is taken below
  if d.kind == "decision_table" then
    local hits, unknown, gap
    ok, hits, unknown, missing, reads, gap = pcall(run_table, ctx, d)
    if ok then
      st.hits, st.unknown_rows, st.gap = hits, unknown, gap
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
  CURRENT.decl = prev
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

M.run_decl = run_decl
return M
