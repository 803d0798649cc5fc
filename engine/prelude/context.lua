-- prelude/context.lua -- the context of one case's evaluation, the errors
-- it records, and the environments its conditions are evaluated in.

local _, need = ...
local pairs =
  pairs
local util = need "util"
local NONE =
  util.NONE
local calendar = need "dates"
local parse_date =
  calendar.parse_date
local declare = need "declare"
local where_of =
  declare.where_of
local R      -- the registry in force (declare.use_registry)
need("declare").on_registry(function(r) R = r end)

local M = {}

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
    not_recorded = false,     -- lists absent or null that were read (schema.missing_field)
    values = false,           -- the values the inlined chunk read (fast/inline), for why-not
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
  if explain then env.reads = {} end   -- a function condition makes its view (logic)
  return env
end

M.new_ctx = new_ctx
M.add_error = add_error
M.record_error = record_error
M.new_env = new_env
return M
