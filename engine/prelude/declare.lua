-- prelude/declare.lua -- declarations: the registry a rule set is loaded
-- into, load problems, where a declaration was made, the keys each kind
-- takes, and the functions rule files declare with (`kind "name" { ... }`,
-- ruleset, levels, bank_holidays).

local host, need = ...
local type, pairs, ipairs, next, error, getmetatable =
  type, pairs, ipairs, next, error, getmetatable
local sfmt, tconcat, mtype =
  string.format, table.concat, math.type
local rule_site =
  host.rule_site
local util = need "util"
local sorted_keys, list_set, did_you_mean, show, deep_copy =
  util.sorted_keys, util.list_set, util.did_you_mean, util.show, util.deep_copy
local calendar = need "dates"
local parse_date =
  calendar.parse_date

local M = {}

-- The registry being loaded or in force. It is read on every case, so the
-- modules that read it keep it in an upvalue, and are told of a new one
-- here (on_registry); use_registry is called only when a rule set is
-- loaded or a manifest read.
local R
local holders = {}

function M.on_registry(set) holders[#holders + 1] = set end

function M.use_registry(r)
  R = r
  for i = 1, #holders do holders[i](r) end
  return r
end

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
    -- loading: the file being run, { set, file, pending, manifest } (load.run_file)
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
  return R and R.loading and R.loading.file or "?", 0
end

-- Declaration keys: required and optional, per kind.
local KEYS = {
  rule = { req = { "level", "cite", "reason", "when" },
           opt = { "actions", "doc", "tags", "basis", "why" } },
  flag = { req = { "cite", "reason", "when" },
           opt = { "actions", "doc", "severity", "tags", "basis", "why" } },
  fact = { req = {}, opt = { "doc", "value", "when", "type", "values", "unit" } },
  decision_table = { req = { "inputs", "rows", "cite", "reason" },
                     opt = { "hit", "actions", "doc", "tags", "basis", "why" } },
  field = { req = { "type" },
            opt = { "doc", "values", "default", "min", "max", "unit", "of",
                    "nullable", "example", "ordered", "worse", "future" } },
  test = { req = { "case", "expect" }, opt = { "doc", "cite" } },
  check = { req = { "when", "path", "message" }, opt = { "doc" } },
  override = { req = { "cite" }, opt = {} },
  disable = { req = { "cite" }, opt = { "reason" } },
}
for _, k in pairs(KEYS) do k.all = list_set(k.req); for _, o in ipairs(k.opt) do k.all[o] = true end end

-- The type of each key's value, per kind of declaration and for the parts
-- of declarations (a ruleset's keys, a levels entry, a table row, a test's
-- expect). Checked when the set is loaded, so a wrong type is refused with
-- its file:line and what was expected, never met later as a crash, a
-- silent default or a list cut short at a hole. A list is a plain table
-- with the keys 1..n and nothing else; "condition" and "value" are only
-- told apart from other values here (load checks what they are).
local TYPES = {
  rule = { level = "string", cite = "string", reason = "string", when = "condition",
           actions = "strings", doc = "string", tags = "strings" },
  flag = { cite = "string", reason = "string", when = "condition", actions = "strings",
           doc = "string", severity = "string", tags = "strings" },
  fact = { doc = "string", value = "value", when = "condition", type = "string",
           values = "strings", unit = "string" },
  decision_table = { inputs = "list", rows = "list", cite = "string", reason = "string",
                     hit = "string", actions = "strings", doc = "string", tags = "strings" },
  field = { type = "string", doc = "string", values = "strings", default = "any",
            min = "number", max = "number", unit = "string", of = "string",
            nullable = "boolean", example = "any" },
  test = { case = "table", expect = "table", doc = "string", cite = "string" },
  check = { when = "condition", path = "string", message = "string", doc = "string" },
  override = { cite = "string" },        -- and the keys of what it overrides
  disable = { cite = "string", reason = "string" },
  ruleset = { id = "string", title = "string", version = "string", extends = "string",
              source = "string", sources = "strings", files = "list", decide = "function",
              doc = "string", area = "string" },
  levels_entry = { id = "string", label = "string", pathway = "string", doc = "string" },
  row = { reason = "string", cite = "string", actions = "strings" },
  expect = { level = "string", fired = "strings", not_fired = "strings", flags = "strings",
             no_flags = "strings", status = "string", missing = "strings",
             actions = "strings", could_be_higher = "boolean", errors = "integer" },
}

local TYPE_WORDS = {
  string = "a string", strings = "a list of strings", list = "a list", table = "a table",
  condition = "a condition or a function(c)",
  value = "how_many { ... }, largest { ... }, count(...) or a function(c)",
  ["function"] = "a function", boolean = "true or false", number = "a number",
  integer = "a whole number",
}

-- A value as a message names it: a long string by its length.
local function shown(v)
  if type(v) == "string" and #v > 60 then return sfmt("a string of %d bytes", #v) end
  if type(v) == "table" and getmetatable(v) ~= nil then return "a condition or helper value" end
  return show(v)
end

-- nil when v is a plain list (keys 1..n only), else what is wrong with it.
local function list_fault(v)
  if getmetatable(v) ~= nil then return "got a condition or helper value" end
  local n, max = 0, 0
  for k in next, v do
    if mtype(k) ~= "integer" or k < 1 then
      return sfmt("it has the key %s; write a list { a, b, ... }", shown(k))
    end
    n = n + 1
    if k > max then max = k end
  end
  if n ~= max then
    for i = 1, max do
      if v[i] == nil then return sfmt("entry %d is missing (a nil in the list)", i) end
    end
  end
  return nil
end

-- nil when v has type ty (a TYPES word), else the message's tail.
local function type_fault(ty, v)
  local t, ok = type(v), false
  if ty == "any" then return nil
  elseif ty == "integer" then ok = mtype(v) == "integer"
  elseif ty == "condition" or ty == "value" then ok = t == "function" or t == "table"
  elseif ty == "table" then ok = t == "table" and getmetatable(v) == nil
  elseif ty == "list" or ty == "strings" then
    if t == "table" then
      local f = list_fault(v)
      if f then return sfmt("must be %s: %s", TYPE_WORDS[ty], f) end
      if ty == "strings" then
        for i = 1, #v do
          if type(v[i]) ~= "string" then
            return sfmt("entry %d must be a string, got %s", i, shown(v[i]))
          end
        end
      end
      return nil
    end
  else ok = t == ty end
  if ok then return nil end
  return sfmt("must be %s, got %s", TYPE_WORDS[ty] or ty, shown(v))
end

-- Check the keys of spec that types names; what says whose they are
-- ("rule 'name'", "ruleset"). True when every one has its type.
local function check_types(what, types, spec, where)
  local ok = true
  for _, k in ipairs(sorted_keys(spec)) do
    local ty = type(k) == "string" and types and types[k]
    local fault = ty and type_fault(ty, spec[k])
    if fault then
      problem(ST_RULES, where, "%s: %s %s", what, k, fault)
      ok = false
    end
  end
  return ok
end

-- Unknown keys are collected first and sorted only when there are any, so
-- the common case costs one pass and messages come in a stable order.
local function check_keys(kind, name, spec, file, line, keys)
  keys = keys or KEYS[kind]
  local n0 = #R.problems
  local bad
  for k in pairs(spec) do
    if type(k) ~= "string" or not keys.all[k] then
      bad = bad or {}
      bad[#bad + 1] = k
    end
  end
  if bad then
    local allowed, positional = sorted_keys(keys.all), false
    for _, k in ipairs(sorted_keys(list_set(bad))) do
      if type(k) ~= "string" then
        if not positional then
          problem(ST_RULES, sfmt("%s:%d", file, line),
                  "%s '%s': entries must be written key = value", kind, name)
        end
        positional = true
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
  check_types(sfmt("%s '%s'", kind, name), keys.types or TYPES[kind], spec, sfmt("%s:%d", file, line))
  return #R.problems == n0
end

-- `kind "name" { ... }`: the name call returns a function taking the body.
local function declarer(kind)
  return function(name)
    local file, line = call_site()
    if type(name) ~= "string" or name == "" then
      error(sfmt("%s needs a name in quotes, e.g. %s \"...\" { ... }", kind, kind), 2)
    end
    local pending = { kind = kind, name = name, file = file, line = line }
    R.loading.pending[#R.loading.pending + 1] = pending
    return function(spec)
      if type(spec) ~= "table" then
        error(sfmt("%s '%s' needs a body in braces { ... }", kind, name), 2)
      end
      pending.done = true
      local d = { kind = kind, name = name, set = R.loading.set, file = file,
                  line = line, spec = spec, seq = #R.decls + 1 }
      R.decls[#R.decls + 1] = d
      return nil
    end
  end
end

local function manifest_decl(spec)
  local file, line = call_site()
  if type(spec) ~= "table" then error("ruleset expects a table { id = ..., ... }", 2) end
  if R.loading.manifest then error("a rule set has one ruleset { ... } declaration", 2) end
  spec = deep_copy(spec)
  spec.file, spec.line = file, line
  R.loading.manifest = spec
end

local function levels_decl(list)
  local file, line = call_site()
  if type(list) ~= "table" then error("levels expects a list of { id = ..., pathway = ..., label = ... }", 2) end
  R.decls[#R.decls + 1] = { kind = "levels", name = "levels", set = R.loading.set,
    file = file, line = line, spec = list, seq = #R.decls + 1 }
end

local function holidays_decl(list)
  local file, line = call_site()
  if type(list) ~= "table" then error("bank_holidays expects a list of dates", 2) end
  local fault = list_fault(list)
  if fault then
    problem(ST_RULES, sfmt("%s:%d", file, line), "bank_holidays must be a list of dates: %s", fault)
    return
  end
  for i, s in ipairs(list) do
    local z = parse_date(s)
    if not z then
      problem(ST_RULES, sfmt("%s:%d", file, line), "bank_holidays entry %d: %s is not a date", i, show(s))
    else
      R.holidays[z] = true
    end
  end
end

-- The basis of a rule, flag or decision-table row: "quoted" (the cited
-- passage says it), "national" (statutory guidance) or "judgement" (a
-- local reading, with one line of why). Returns basis, why, or nil after
-- recording the problem at where.
local BASES = { "quoted", "national", "judgement" }
local BASIS_HOW = 'write basis = "quoted" (the cited passage says it), "national" (statutory' ..
  ' guidance) or "judgement" with why = "..." (a local reading, with one line of why)'

-- no patterns here: the string library is hardened once loaded (sandbox)
local function one_line(s)
  local text = false
  for i = 1, #s do
    local c = s:byte(i)
    if c == 10 or c == 13 then return nil end
    if c ~= 32 and c ~= 9 then text = true end
  end
  return text
end

local function check_basis(what, spec, where)
  local b, why = spec.basis, spec.why
  if b == nil then
    problem(ST_RULES, where, "%s has no basis: %s", what, BASIS_HOW)
    return nil
  end
  if b ~= "quoted" and b ~= "national" and b ~= "judgement" then
    problem(ST_RULES, where, "%s: basis must be \"quoted\", \"national\" or \"judgement\", got %s%s",
            what, show(b), type(b) == "string" and did_you_mean(b, BASES) or "")
    return nil
  end
  if b == "judgement" then
    local line = type(why) == "string" and one_line(why)
    if line == nil then
      problem(ST_RULES, where, "%s: why must be one line", what)
      return nil
    end
    if not line then
      problem(ST_RULES, where, "%s: basis = \"judgement\" needs why = \"...\": one line saying why this reading",
              what)
      return nil
    end
  elseif why ~= nil then
    problem(ST_RULES, where, "%s: why is for basis = \"judgement\"; a %s basis needs none (remove why, or make it a judgement)",
            what, show(b))
    return nil
  end
  return b, why
end

M.new_registry = new_registry
M.ST_RULES = ST_RULES
M.ST_RUNTIME = ST_RUNTIME
M.ST_SYNTAX = ST_SYNTAX
M.problem = problem
M.where_of = where_of
M.call_site = call_site
M.KEYS = KEYS
M.check_keys = check_keys
M.check_basis = check_basis
M.TYPES = TYPES
M.check_types = check_types
M.list_fault = list_fault
M.declarer = declarer
M.manifest_decl = manifest_decl
M.levels_decl = levels_decl
M.holidays_decl = holidays_decl
return M
