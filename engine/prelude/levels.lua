-- prelude/levels.lua -- the pathways and a rule set's levels: the levels
-- declaration checked and put in force, and a level named by a rule, a
-- table row or a test found.

local _, need = ...
local type, ipairs, tostring =
  type, ipairs, tostring
local sfmt, tconcat =
  string.format, table.concat
local util = need "util"
local sorted_keys, did_you_mean, show =
  util.sorted_keys, util.did_you_mean, util.show
local declare = need "declare"
local ST_RULES, problem, where_of, TYPES, check_types, list_fault =
  declare.ST_RULES, declare.problem, declare.where_of, declare.TYPES, declare.check_types,
  declare.list_fault
local R      -- the registry in force (declare.use_registry)
need("declare").on_registry(function(r) R = r end)

local M = {}

local PATHWAYS = { "universal", "early_help", "child_in_need", "child_protection" }
local PATHWAY_RANK = { universal = 0, early_help = 1, child_in_need = 2,
                       child_protection = 3 }

local function resolve_level(v, where, what)
  local lv = R.level_by_id[v]
  if lv == nil then
    local ids = {}
    for _, l in ipairs(R.levels or {}) do ids[#ids + 1] = l.id end
    problem(ST_RULES, where, "%s: unknown level %s%s (levels: %s)", what, show(v),
            type(v) == "string" and did_you_mean(v, ids) or "", tconcat(ids, ", "))
  end
  return lv
end

local function define_levels(d)
  local where, list = where_of(d), d.spec
  local levels, by_id, prev = {}, {}, -1
  local fault = list_fault(list)
  if fault then
    problem(ST_RULES, where, "levels must be a list of { id = ..., pathway = ..., label = ... }: %s", fault)
    return
  end
  for i, l in ipairs(list) do
    if type(l) == "table" and not check_types(sfmt("levels entry %d", i), TYPES.levels_entry, l, where) then
      return
    end
    if type(l) ~= "table" or type(l.id) ~= "string" or type(l.label) ~= "string"
       or PATHWAY_RANK[l.pathway] == nil then
      problem(ST_RULES, where, "levels entry %d needs id, label and pathway (one of %s)",
              i, tconcat(PATHWAYS, ", "))
      return
    end
    for _, k in ipairs(sorted_keys(l)) do
      if k ~= "id" and k ~= "label" and k ~= "pathway" and k ~= "doc" then
        problem(ST_RULES, where, "levels entry %d: unknown key '%s'", i, tostring(k))
      end
    end
    if PATHWAY_RANK[l.pathway] < prev then
      problem(ST_RULES, where, "levels must be listed from universal up to child_protection")
    end
    prev = PATHWAY_RANK[l.pathway]
    if by_id[l.id] then problem(ST_RULES, where, "level '%s' is listed twice", l.id) end
    local lv = { id = l.id, label = l.label, pathway = l.pathway, rank = i - 1 }
    levels[i] = lv
    by_id[l.id] = lv
  end
  if #levels == 0 or levels[1].pathway ~= "universal" then
    problem(ST_RULES, where, "the first level must map to the universal pathway")
    return
  end
  for _, p in ipairs(PATHWAYS) do         -- pathway names work as level ids
    if by_id[p] == nil then
      for _, lv in ipairs(levels) do
        if lv.pathway == p then by_id[p] = lv; break end
      end
    end
  end
  R.levels, R.level_by_id = levels, by_id
end

M.resolve_level = resolve_level
M.define_levels = define_levels
return M
