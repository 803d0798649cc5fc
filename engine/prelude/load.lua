-- prelude/load.lua -- loading a rule set: its files run in the sandbox,
-- manifests read and checked, sets merged (override, disable), and every
-- declaration checked and put in force in a new registry.

local _, need = ...
local type, pairs, ipairs, error, pcall, tostring, getmetatable, load =
  type, pairs, ipairs, error, pcall, tostring, getmetatable, load
local sfmt, ssub, smatch, tconcat =
  string.format, string.sub, string.match, table.concat
local util = need "util"
local sorted_keys, list_set, did_you_mean, show, clean_error, dedup_sorted =
  util.sorted_keys, util.list_set, util.did_you_mean, util.show, util.clean_error, util.dedup_sorted
local declare = need "declare"
local use_registry, new_registry, ST_RUNTIME, ST_SYNTAX, ST_RULES, problem, where_of, KEYS, check_keys =
  declare.use_registry, declare.new_registry, declare.ST_RUNTIME, declare.ST_SYNTAX, declare.ST_RULES, declare.problem, declare.where_of, declare.KEYS, declare.check_keys
local check_basis =
  declare.check_basis
local TYPES, check_types =
  declare.TYPES, declare.check_types
local levels = need "levels"
local resolve_level, define_levels =
  levels.resolve_level, levels.define_levels
local cond = need "cond"
local EXPR, is_cond, unknown_signal =
  cond.EXPR, cond.is_cond, cond.unknown_signal
local schema = need "schema"
local define_field, link_schema, BUILTIN_FIELDS =
  schema.define_field, schema.link_schema, schema.BUILTIN_FIELDS
local view = need "view"
local case_view =
  view.case_view
local context = need "context"
local new_env =
  context.new_env
local logic = need "logic"
local eval_cond, eval_expr =
  logic.eval_cond, logic.eval_expr
local check = need "check"
local check_cond, check_path, check_actions =
  check.check_cond, check.check_path, check.check_actions
local tables = need "tables"
local define_table =
  tables.define_table
local freeze = need "freeze"
local freeze_rules =
  freeze.freeze_rules
local sandbox = need "sandbox"
local file_env =
  sandbox.file_env
local calendar = need "dates"
local set_holidays =
  calendar.set_holidays
local R      -- the registry in force (declare.use_registry)
need("declare").on_registry(function(r) R = r end)

local M = {}

-- Run one file's text in a fresh environment. Returns true, or false after
-- recording the problem.
local function run_file(name, text, set)
  local fn, err = load(text, "@" .. name, "t", file_env())
  if not fn then
    problem(ST_SYNTAX, nil, "%s", err)
    return false
  end
  local loading = { set = set, file = name, pending = {} }
  R.loading = loading
  local ok, e = pcall(fn)
  local pending, manifest = loading.pending, loading.manifest
  R.loading = nil
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
    local typed = check_types("ruleset", TYPES.ruleset, m, where)
    if typed and m.files ~= nil then
      for i, f in ipairs(m.files) do
        if type(f) ~= "string" or not smatch(f, "^[%w_%-]+%.lua$") then
          problem(ST_RULES, where, "ruleset: files entry %d must be a file name like \"neglect.lua\"", i)
        end
      end
    end
  end
end

-- What a ruleset.lua declares (its extends and files), without keeping it.
function M.read_manifest(name, text)
  local saved = R
  use_registry(new_registry())
  local set = set_of(name)
  local ok, m = run_file(name, text, set)
  local probs = R.problems
  use_registry(saved)
  if not ok or #probs > 0 then
    return nil, probs[1].msg, probs[1].status
  end
  if m == nil then
    return nil, name .. ": no ruleset { id = ..., ... } declaration", ST_RULES
  end
  saved = R
  use_registry(new_registry())
  check_manifest(m, set, sfmt("%s:%d", m.file, m.line))
  local mprobs = R.problems
  use_registry(saved)
  if #mprobs > 0 then return nil, mprobs[1].msg, mprobs[1].status end
  return { extends = m.extends, files = m.files }
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
      local lo, hi
      if d.compiled_expr and not ctx.interpret then lo, hi = d.compiled_expr(env)
      else lo, hi = eval_expr(env, x) end
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

  -- The highest level a rule or table spec can give, by rank (nil: none).
  local function top_rank(kind, spec)
    if kind == "rule" then
      local lv = R.level_by_id[spec.level]
      return lv and lv.rank
    end
    local best
    if type(spec.rows) == "table" then
      for _, row in ipairs(spec.rows) do
        local lv = type(row) == "table" and R.level_by_id[row[#row]]
        if lv and (best == nil or lv.rank > best) then best = lv.rank end
      end
    end
    return best
  end

  -- A local disable or override that removes or lowers an inherited rule
  -- or table is a choice the set makes for every case: each result says
  -- so, naming the inherited declaration and the local cite.
  local function note_lowered(d, target, what)
    R.load_warnings = R.load_warnings or {}
    R.load_warnings[#R.load_warnings + 1] = { path = "ruleset", message = sfmt(
      "%s '%s' at %s %s the inherited %s at %s (cite: %s)", d.kind, d.name, where_of(d),
      what, target.kind, where_of(target), type(d.spec.cite) == "string" and d.spec.cite or "none") }
  end

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
          if target.kind == "rule" or target.kind == "decision_table" or target.kind == "flag" then
            note_lowered(d, target, "removes")   -- a flag is an alert: removing one lowers too
          end
          target.disabled = d
          by_name[ns(target.kind) .. d.name] = nil
        else
          local keys = { req = { "cite" }, opt = KEYS[target.kind].opt, all = {}, types = {} }
          for k in pairs(KEYS[target.kind].all) do keys.all[k] = true end
          for k, ty in pairs(TYPES[target.kind] or {}) do keys.types[k] = ty end
          keys.types.cite = TYPES.override.cite
          check_keys("override", d.name, d.spec, d.file, d.line, keys)
          local spec = {}
          for k, v in pairs(target.spec) do spec[k] = v end
          for k, v in pairs(d.spec) do spec[k] = v end
          -- an override of a rule or flag says its own basis: the
          -- inherited one was for the earlier set's cite
          if (target.kind == "rule" or target.kind == "flag") and d.spec.basis == nil then
            problem(ST_RULES, where_of(d), "override '%s' has no basis: say whether its cite says it:" ..
                    " basis = \"quoted\", \"national\" or \"judgement\" with why = \"...\"", d.name)
          elseif d.spec.basis ~= nil and d.spec.why == nil then
            spec.why = nil
          end
          if target.kind == "rule" or target.kind == "decision_table" then
            local was, now = top_rank(target.kind, target.spec), top_rank(target.kind, spec)
            if was and now and now < was then
              note_lowered(d, target, sfmt("lowers from %s to %s", R.levels[was + 1].id, R.levels[now + 1].id))
            end
          end
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
  local merged, decls = merge(R.decls), {}
  for _, d in ipairs(merged) do     -- a declaration with a key of the wrong type goes no further
    if d.kind == "test" or check_keys(d.kind, d.name, d.spec, d.file, d.line) then
      decls[#decls + 1] = d
      if d.kind == "field" then define_field(d) end
    end
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
      if d.kind ~= "decision_table" then      -- a table's rows say theirs (tables)
        d.basis, d.why = check_basis(sfmt("%s '%s'", d.kind, d.name), s, where)
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
      if d.kind == "rule" or d.kind == "flag" then
        d.when = d.spec.when
        if type(d.when) ~= "function" and not is_cond(d.when) then
          problem(ST_RULES, where, "%s '%s': when must be a condition or a function(c)", d.kind, d.name)
        else
          check_cond(d.kind, d.when, where)
        end
      elseif d.kind == "fact" and is_cond(d.spec.when) then
        check_cond(d.kind, d.spec.when, where)
      elseif d.kind == "fact" and d.expr then
        check_path(d.kind, d.expr, where)
      elseif d.kind == "check" then
        if not is_cond(d.spec.when) then
          problem(ST_RULES, where, "check '%s': when must be a data condition", d.name)
        else
          check_cond(d.kind, d.spec.when, where)
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
  set_holidays(R.holidays)
  R.merged = decls
  freeze_rules(R, decls)
end

-- Load every source of the set and its parents, in order. Returns the set's
-- id and version, or nil, status, message.
function M.load_sources(list, hash)
  use_registry(new_registry())
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

M.run_file = run_file
return M
