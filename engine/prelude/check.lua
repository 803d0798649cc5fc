-- prelude/check.lua -- a rule set's conditions checked when it is loaded:
-- every path a field or fact, every name and level declared, actions text.

local _, need = ...
local type, ipairs, getmetatable =
  type, ipairs, getmetatable
local util = need "util"
local sorted_keys, did_you_mean, show =
  util.sorted_keys, util.did_you_mean, util.show
local declare = need "declare"
local ST_RULES, problem =
  declare.ST_RULES, declare.problem
local cond = need "cond"
local EXPR, is_cond =
  cond.EXPR, cond.is_cond
local R      -- the registry in force (declare.use_registry)
need("declare").on_registry(function(r) R = r end)

local M = {}

local check_cond

-- Check a path used in a data condition. `base` is the list-entry prefix
-- for paths inside count(..., where); `kind` is the declaration's.
local function check_path(kind, p, where, base)
  if getmetatable(p) == EXPR and p.kind == "how_many" then
    for _, x in ipairs(p.parts) do check_cond(kind, x, where, base) end
    return
  elseif getmetatable(p) == EXPR and p.kind == "largest" then
    for _, x in ipairs(p.paths) do
      check_path(kind, x, where, base)
      local f = base == nil and R.facts[x.segs[1]] == nil and R.schema[x.path]
      if f and f.type ~= "number" and f.type ~= "integer" then
        problem(ST_RULES, where, "largest: '%s' is not a number (it is %s)", x.path, f.type)
      end
    end
    return
  elseif getmetatable(p) == EXPR then
    check_path(kind, p.list, where, base)
    local lf = R.schema[(base and base .. "." or "") .. p.list.path]
    if not R.facts[p.list.segs[1]] and lf and lf.type ~= "array" then
      problem(ST_RULES, where, "count: '%s' is not a list", p.list.path)
    end
    if p.where and is_cond(p.where) then
      check_cond(kind, p.where, where, (base and base .. "." or "") .. p.list.path .. "[]")
    end
    return
  end
  if base == nil and R.facts[p.segs[1]] then return end
  local sp = base or ""
  for _, s in ipairs(p.segs) do
    local nsp = sp == "" and s or sp .. "." .. s
    if R.schema[nsp] == nil then
      problem(ST_RULES, where, "'%s' is not a field of the case schema%s", p.path,
              did_you_mean(s, R.children[sp] or {}))
      return
    end
    sp = nsp
  end
end

-- Check a condition of a declaration of this kind against the schema, the
-- levels and the names declared.
function check_cond(kind, n, where, base)
  if type(n) == "function" then return end
  if not is_cond(n) then
    problem(ST_RULES, where, "expected a condition, got %s", type(n))
    return
  end
  local w = n.source
  if n.parts then
    for _, x in ipairs(n.parts) do check_cond(kind, x, where, base) end
  elseif n.op == "suggestion_is" then
    if not R.level_by_id[n.level] then
      problem(ST_RULES, w, "suggestion_is: unknown level %s", show(n.level))
    end
    if kind ~= "flag" then
      problem(ST_RULES, w, "suggestion_is can only be used in a flag (a rule cannot depend on the suggestion)")
    end
  elseif n.op == "fired" then
    if not R.named[n.name] then
      problem(ST_RULES, w, "fired: no rule, flag or table named '%s'%s", n.name,
              did_you_mean(n.name, sorted_keys(R.named)))
    end
  else
    check_path(kind, n.p, w, base)
    if n.q then check_path(kind, n.q, w, base) end
  end
end

local function check_actions(d, list, where)
  if list == nil then return end
  if type(list) ~= "table" then
    problem(ST_RULES, where, "%s '%s': actions must be a list of strings", d.kind, d.name)
    return
  end
  for i, a in ipairs(list) do
    if type(a) ~= "string" then
      problem(ST_RULES, where, "%s '%s': actions entry %d must be a string", d.kind, d.name, i)
    end
  end
end

M.check_cond = check_cond
M.check_path = check_path
M.check_actions = check_actions
return M
