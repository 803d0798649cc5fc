-- prelude/schema.lua -- the case schema: field declarations made into a
-- tree, the nodes a case's tables answer through, and the general check
-- of a case against the schema (fast/checkers has the quick one).

local host, need = ...
local type, pairs, next, error, tostring, setmetatable, getmetatable, rawset =
  type, pairs, next, error, tostring, setmetatable, getmetatable, rawset
local sfmt, ssub, smatch, tsort, tconcat, floor =
  string.format, string.sub, string.match, table.sort, table.concat, math.floor
local NULL =
  host.NULL
local util = need "util"
local sorted_keys, list_set, did_you_mean, show, what, deep_copy, is_array =
  util.sorted_keys, util.list_set, util.did_you_mean, util.show, util.what, util.deep_copy, util.is_array
local calendar = need "dates"
local parse_date =
  calendar.parse_date
local declare = need "declare"
local ST_RULES, problem, where_of =
  declare.ST_RULES, declare.problem, declare.where_of
local cond = need "cond"
local unknown_signal =
  cond.unknown_signal
local R      -- the registry in force (declare.use_registry)
need("declare").on_registry(function(r) R = r end)
local CURRENT = need "current"

local M = {}

-- The metatable of a case table is its node: { up = parent node, key = its
-- key in the parent, spec = its schema field } with the metamethods that
-- make the table answer for fields it lacks and refuse new ones. Nodes are
-- shared by every case (below), so validating a case allocates little.
-- Paths are built from nodes only when a message needs one, so reading a
-- case concatenates no strings.
local function node_of(t)
  local m = getmetatable(t)
  return type(m) == "table" and m.spec and m or nil
end

local function join_path(base, k)
  if base == "" then return k end
  if type(k) == "number" then return sfmt("%s[%d]", base, k - 1) end
  return base .. "." .. k
end

local function path_of(node)
  if node == nil or node.up == nil then return "" end
  return join_path(path_of(node.up), node.key)
end

local function node_path(up, key)
  if up == nil then return key end
  return join_path(path_of(up), key)
end

local validate_value     -- forward

local object_node        -- the node of a case object, below

local function missing_field(t, k, level)
  local node = getmetatable(t)
  local spec = node.spec
  local f = spec.fields and spec.fields[k]
  if f == nil then
    error(sfmt("'%s' is not a field of the case schema%s", node_path(node, tostring(k)),
               did_you_mean(tostring(k), R.children[spec.path] or {})), level or 2)
  end
  if f.default ~= nil then
    local ctx = CURRENT.ctx
    if f.type == "array" and ctx then   -- absent or null: read as its default, and said so
      local nr = ctx.not_recorded
      if not nr then nr = {}; ctx.not_recorded = nr end
      nr[#nr + 1] = node_path(node, k)
    end
    local v = deep_copy(f.default)
    if type(v) == "table" then         -- read-only like the rest of the case
      validate_value(v, f, node, k, {}, {})
    end
    rawset(t, k, v)
    return v
  end
  if f.type == "object" then   -- nothing recorded in it: each field decides
    local v = setmetatable({}, object_node(node, k, f))
    rawset(t, k, v)
    return v
  end
  error(unknown_signal({ node_path(node, k) }), 0)
end

local function refuse_write(t, k)
  error(sfmt("rules cannot change the case (%s)", node_path(getmetatable(t), tostring(k))), 2)
end

-- A node depends only on where it is in the case, so each is made once
-- and shared by every case (a list's entries by position, up to a point:
-- a long list's tail gets nodes of its own, which go with the case).
local child_node
do
  local SHARED_ENTRIES = 256

  function child_node(up, key, spec, index)
    local kids = up and up.kids          -- no up: a default checked at load
    local n = kids and kids[key]
    if n then return n end
    n = { up = up, key = key, spec = spec, __index = index, __newindex = refuse_write }
    if up and (type(key) == "string" or key <= SHARED_ENTRIES) then
      if kids == nil then kids = {}; up.kids = kids end
      kids[key] = n
    end
    return n
  end
end

function object_node(up, key, spec) return child_node(up, key, spec, missing_field) end
local function array_node(up, key, spec) return child_node(up, key, spec, nil) end


local function validate_object(t, node, errs, warns)
  local fields = node.spec.fields
  for k, v in next, t do
    local f = fields[k]
    if type(k) ~= "string" then
      errs[#errs + 1] = { path = node.up and path_of(node) or "(case)",
                          message = "expected an object, got a list" }
      break
    elseif f == nil then
      warns[#warns + 1] = { path = node_path(node, k), message = sfmt(
        "unknown field '%s'%s; it is ignored", k, did_you_mean(k, R.children[node.spec.path] or {})) }
    elseif v == NULL and not f.nullable then
      t[k] = nil                      -- null: not known
    else
      validate_value(v, f, node, k, errs, warns)
    end
  end
  setmetatable(t, node)
end

local function bad(errs, up, key, message)
  errs[#errs + 1] = { path = node_path(up, key), message = message }
end

local wrong
do
  local TYPE_WORDS = {
    string = "a string", enum = "one of the allowed values", integer = "a whole number",
    number = "a number", boolean = "true or false", date = "a date written YYYY-MM-DD",
    object = "an object", array = "a list",
  }

  function wrong(errs, up, key, ty, v)
    bad(errs, up, key, sfmt("expected %s, got %s", TYPE_WORDS[ty] or ty,
        type(v) == "table" and (is_array(v) and "a list" or "an object") or what(v)))
  end
end

-- Check v (the value at key of node up) against field f.
function validate_value(v, f, up, key, errs, warns)
  local ty = f.type
  if v == NULL then return end
  if ty == "object" then
    if type(v) ~= "table" or (next(v) ~= nil and is_array(v)) then return wrong(errs, up, key, ty, v) end
    validate_object(v, object_node(up, key, f), errs, warns)
  elseif ty == "array" then
    if type(v) ~= "table" or not is_array(v) then return wrong(errs, up, key, ty, v) end
    local node = array_node(up, key, f)
    local ef = f.entry
    for i = 1, #v do
      if v[i] == NULL then errs[#errs + 1] = { path = node_path(node, i), message = "a list entry cannot be null" }
      else validate_value(v[i], ef, node, i, errs, warns) end
    end
    setmetatable(v, node)
  elseif ty == "string" then
    if type(v) ~= "string" then return wrong(errs, up, key, ty, v) end
  elseif ty == "enum" then
    if type(v) ~= "string" or not f.value_set[v] then
      return bad(errs, up, key, sfmt("expected one of %s, got %s", tconcat(f.values, ", "),
                      type(v) == "string" and not CURRENT.show_values and "another value" or what(v)))
    end
  elseif ty == "boolean" then
    if type(v) ~= "boolean" then return wrong(errs, up, key, ty, v) end
  elseif ty == "date" then
    if not parse_date(v) then
      return bad(errs, up, key, sfmt("expected a real calendar date written YYYY-MM-DD, got %s",
                      type(v) == "string" and not CURRENT.show_values and "a string that is not one" or what(v)))
    end
  elseif ty == "number" or ty == "integer" then
    if type(v) ~= "number" or v ~= v then return wrong(errs, up, key, ty, v) end
    if ty == "integer" and v ~= floor(v) then return wrong(errs, up, key, ty, v) end
    if f.min and v < f.min then return bad(errs, up, key, sfmt("must be at least %s, got %s", show(f.min),
                                                 CURRENT.show_values and show(v) or "less")) end
    if f.max and v > f.max then return bad(errs, up, key, sfmt("must be at most %s, got %s", show(f.max),
                                                 CURRENT.show_values and show(v) or "more")) end
  end
end

-- Messages in path order, so the same case gives the same bytes whatever
-- order the table holds its keys in.
local function path_order(a, b)
  if a.path ~= b.path then return a.path < b.path end
  return a.message < b.message
end

local function by_path(list)
  if #list > 1 then tsort(list, path_order) end
  return list
end

-- Field declarations become the schema. Parents of dotted paths are
-- objects unless declared; list entries ("x[]") need their list declared.
local FIELD_TYPES = list_set({ "string", "enum", "integer", "number", "boolean",
                               "date", "object", "array" })

local function add_field(path, f, d)
  local where = where_of(d)
  if R.schema[path] and R.schema[path].decl ~= d then
    problem(ST_RULES, where, "field '%s' is already declared at %s", path,
            R.schema[path].decl and where_of(R.schema[path].decl) or "(built in)")
    return
  end
  R.schema[path] = f
  local parent, key = smatch(path, "^(.*)%.([^%.]+)$")
  if not parent then parent, key = "", path end
  if parent ~= "" then
    local pf = R.schema[parent]
    if pf == nil then
      if ssub(parent, -2) == "[]" then
        problem(ST_RULES, where, "field '%s': declare the list '%s' first", path, ssub(parent, 1, -3))
        return
      end
      add_field(parent, { type = "object", decl = d, implicit = true }, d)
    elseif pf.type ~= "object" then
      problem(ST_RULES, where, "field '%s': '%s' is a %s, not an object", path, parent, pf.type)
    end
  end
  local kids = R.children[parent] or {}
  kids[#kids + 1] = key
  R.children[parent] = kids
end

local function define_field(d)
  local s, where = d.spec, where_of(d)
  if not FIELD_TYPES[s.type] then
    problem(ST_RULES, where, "field '%s': type must be one of %s", d.name,
            tconcat(sorted_keys(FIELD_TYPES), ", "))
    return
  end
  if s.type == "enum" and (type(s.values) ~= "table" or #s.values == 0) then
    problem(ST_RULES, where, "field '%s': an enum needs values = { ... }", d.name)
    return
  end
  -- A graded field says which way is worse: an enumeration that lists its
  -- values least to most concern is ordered; a yes/no names its
  -- concerning value; a number, the direction of concern.
  if s.ordered ~= nil and (s.type ~= "enum" or s.ordered ~= true) then
    problem(ST_RULES, where, "field '%s': ordered = true is for an enum whose values run from least" ..
            " to most concern", d.name)
  end
  if s.worse ~= nil then
    local ok = (s.type == "boolean" and type(s.worse) == "boolean")
      or ((s.type == "integer" or s.type == "number") and (s.worse == "higher" or s.worse == "lower"))
    if not ok then
      problem(ST_RULES, where, "field '%s': worse is the concerning value of a boolean (true or false)," ..
              " or \"higher\" or \"lower\" for a number; an enum says ordered = true instead", d.name)
    end
  end
  if s.future ~= nil and (s.type ~= "date" or s.future ~= true) then
    problem(ST_RULES, where, "field '%s': future = true is for a date that may fall after assessed_on" ..
            " (a date expected, not a record)", d.name)
  end
  local f = { type = s.type, values = s.values, value_set = s.values and list_set(s.values),
              default = s.default, min = s.min, max = s.max, unit = s.unit,
              nullable = s.nullable, doc = s.doc, decl = d,
              ordered = s.ordered == true or nil, worse = s.worse,
              future = s.future == true or nil }
  if s.default ~= nil then
    local errs = {}
    validate_value(deep_copy(s.default), f, nil, d.name, errs, {})
    if #errs > 0 then problem(ST_RULES, where, "field '%s': default: %s", d.name, errs[1].message) end
  end
  add_field(d.name, f, d)
  if s.type == "array" then
    local of = s.of or "object"
    if not FIELD_TYPES[of] or of == "array" then
      problem(ST_RULES, where, "field '%s': of must name the entry type", d.name)
      return
    end
    R.schema[d.name .. "[]"] = { type = of, values = s.values,
      value_set = s.values and list_set(s.values), min = s.min, max = s.max, decl = d }
  end
end

-- The schema as a tree: objects get `fields` (key -> field), lists get
-- `entry` (the field of each entry), every field its `path`.
local function link_schema()
  R.root = { type = "object", path = "", fields = {} }
  for p, f in pairs(R.schema) do
    f.path = p
    if f.type == "object" then f.fields = {} end
  end
  for p, f in pairs(R.schema) do
    if ssub(p, -2) == "[]" then
      R.schema[ssub(p, 1, -3)].entry = f
    else
      local parent, key = smatch(p, "^(.*)%.([^%.]+)$")
      local owner = parent and R.schema[parent] or R.root
      owner.fields[key or p] = f
    end
  end
end

local BUILTIN_FIELDS = {
  { "id", { type = "string", doc = "pseudonymous case identifier" } },
  { "assessed_on", { type = "date", doc = "the date the case is assessed as of: the only 'today' rules see" } },
}

M.node_of = node_of
M.join_path = join_path
M.node_path = node_path
M.object_node = object_node
M.missing_field = missing_field
M.refuse_write = refuse_write
M.array_node = array_node
M.validate_object = validate_object
M.by_path = by_path
M.define_field = define_field
M.link_schema = link_schema
M.BUILTIN_FIELDS = BUILTIN_FIELDS
return M
