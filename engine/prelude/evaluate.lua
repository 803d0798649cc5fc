-- prelude/evaluate.lua -- evaluating a case: checked against the schema
-- and the set's checks, the rules run (the inlined chunk or one by one),
-- and the result or its summary; a case the host read flat; and what a
-- limit that stopped an evaluation reports.

local host, need = ...
local type, ipairs, next, setmetatable, rawget, rawset =
  type, ipairs, next, setmetatable, rawget, rawset
local sfmt, smatch, sgmatch =
  string.format, string.match, string.gmatch
local SHARED, new_table =
  host.SHARED, host.new_table
local util = need "util"
local did_you_mean, is_array, NONE =
  util.did_you_mean, util.is_array, util.NONE
local calendar = need "dates"
local parse_date =
  calendar.parse_date
local declare = need "declare"
local where_of =
  declare.where_of
local schema = need "schema"
local validate_object, by_path =
  schema.validate_object, schema.by_path
local context = need "context"
local new_ctx, new_env =
  context.new_ctx, context.new_env
local facts = need "facts"
local root_node =
  facts.root_node
local logic = need "logic"
local eval_cond =
  logic.eval_cond
local run = need "run"
local run_decl =
  run.run_decl
local result = need "result"
local ruleset_entry, build_result, invalid_result =
  result.ruleset_entry, result.build_result, result.invalid_result
local freeze = need "freeze"
local restore_upvalues =
  freeze.restore_upvalues
local checkers = need "fast/checkers"
local fast_object =
  checkers.fast_object
local R      -- the registry in force (declare.use_registry)
need("declare").on_registry(function(r) R = r end)
local CURRENT = need "current"

local M = {}

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
  CURRENT.ctx, CURRENT.decl = nil, nil
  restore_upvalues(R)
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
function M.evaluate_flat(opts, id, on, ...)
  local date = on
  if date == nil then
    date = opts.default_date
    if date == nil or parse_date(date) == nil then return false end
  end
  CURRENT.show_values = false
  local ctx = new_ctx(nil, id, date, opts)
  CURRENT.ctx = ctx
  if R.inline_flat(ctx, id, on, ...) == false then CURRENT.ctx = nil return false end
  R.last_slow = ctx.slow
  if opts.summary and not R.decide then
    CURRENT.ctx = nil                               -- no rule code ran: no upvalue changed
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
  CURRENT.show_values = opts.explain == true
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
  CURRENT.ctx = ctx
  local checks = R.checks
  for i = 1, #checks do                     -- consistency across fields
    local d = checks[i]
    local env = new_env(ctx, false, false)
    if eval_cond(env, d.spec.when) == true then
      errs[#errs + 1] = { path = d.spec.path, message = d.spec.message }
    end
  end
  if #errs > 0 then
    CURRENT.ctx = nil
    return invalid_result(case, by_path(errs), warns)
  end
  if opts.validate_only then
    CURRENT.ctx = nil
    return { case = rawget(case, "id"), assessed_on = rawget(case, "assessed_on"),
             status = "valid", warnings = warns,
             ruleset = ruleset_entry() }
  end
  return run_rules(ctx, case, opts, warns)
end

-- with opts.summary, the result's summary (summary_of)
function M.evaluate(case, opts, checked)
  local res = evaluate(case, opts, checked)
  return opts.summary and summary_of(res) or res
end

-- The type of the field at a data path such as "concerns.1.subtype"
-- (numbers are list positions, from 1), for reading CSV columns; or nil
-- and a did-you-mean.
function M.field_type(path)
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
-- nullable, has_default, default (a value's; a list's, always empty, is
-- left out), ordered, worse }, for hosts that build a form from
-- the schema; ordered: the values run from least to most concern; worse:
-- a boolean's concerning value, or "higher" / "lower" for a number.
function M.schema()
  local out = {}
  local function walk(parent)
    for _, key in ipairs(R.children[parent] or {}) do
      local path = parent == "" and key or parent .. "." .. key
      local f = R.schema[path]
      if f and not f.implicit then
        out[#out + 1] = { path = path, type = f.type, values = f.values, min = f.min,
                          max = f.max, doc = f.doc, nullable = f.nullable or nil,
                          has_default = f.default ~= nil or nil,
                          ordered = f.ordered, worse = f.worse }
        if type(f.default) ~= "table" then out[#out].default = f.default end   -- a list's is {}
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
function M.current()
  local d = CURRENT.decl or (CURRENT.ctx and CURRENT.ctx.at and R.evaluated[CURRENT.ctx.at])
  CURRENT.ctx, CURRENT.decl = nil, nil
  if d then return d.name, where_of(d) end
  return nil
end

return M
