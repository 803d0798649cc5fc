-- prelude/fast/checkers.lua -- the schema's checkers: generated Lua that
-- passes the common case (every value of its type, within bounds, no
-- unknown field) quickly; schema's validate_object says what is wrong.

local host, need = ...
local type, ipairs, error, setmetatable, getmetatable, load =
  type, ipairs, error, setmetatable, getmetatable, load
local sfmt, tconcat =
  string.format, table.concat
local NULL, count_keys =
  host.NULL, host.count_keys
local util = need "util"
local sorted_keys, literal, is_array =
  util.sorted_keys, util.literal, util.is_array
local calendar = need "dates"
local parse_date =
  calendar.parse_date
local schema = need "schema"
local object_node, array_node =
  schema.object_node, schema.array_node

local M = {}

-- The common case, checked quickly: every value of its field's type and
-- within its bounds, no unknown field, null only where the field allows
-- it. When the schema is linked, each object and list gets a checker,
-- generated as Lua text (link_checkers): true when the general way above
-- would report nothing and change nothing but the metatables, which it sets
-- the same. On false the general way runs on the object again, from the
-- top, to say what is wrong; checking a table twice sets the same
-- metatable.
local fast_object, link_checkers
do
  -- Lua text that is true when the value in v passes field f; up and key
  -- are the text of the node above and the key, for objects and lists.
  local function value_test(f, g, up, key)
    local ty = f.type
    if ty == "string" then return "type(v) == 'string'"
    elseif ty == "boolean" then return "type(v) == 'boolean'"
    elseif ty == "date" then return "parse_date(v) ~= nil"
    elseif ty == "enum" then
      g.sets[#g.sets + 1] = f.value_set
      return sfmt("type(v) == 'string' and SETS[%d][v] == true", #g.sets)
    elseif ty == "number" or ty == "integer" then
      -- v % 1 == 0 where the general way asks v == floor(v): the same for
      -- every finite number, and no call (an infinity goes the general way)
      local t = { "type(v) == 'number' and v == v" }
      if ty == "integer" then t[#t + 1] = "v % 1 == 0" end
      if f.min then t[#t + 1] = "v >= " .. literal(f.min) end
      if f.max then t[#t + 1] = "v <= " .. literal(f.max) end
      return tconcat(t, " and ")
    elseif ty == "object" then        -- the node made for this place before, if any
      return sfmt("type(v) == 'table' and CHECK[%d](v, %s.kids and %s.kids[%s]" ..
                  " or object_node(%s, %s, SPEC[%d]))", f.checker, up, up, key, up, key, f.checker)
    elseif ty == "array" then
      return sfmt("CHECK[%d](v, %s, %s)", f.checker, up, key)
    end
    return "false"
  end

  -- An object's checker: each declared field read once, and no other key.
  local function object_text(spec, g)
    local out = { sfmt("CHECK[%d] = function(t, node)", spec.checker),
                  "if getmetatable(t) ~= nil then return false end",
                  "local n, v = 0" }
    for _, name in ipairs(sorted_keys(spec.fields)) do
      local f = spec.fields[name]
      out[#out + 1] = sfmt("v = t[%s] if v ~= nil then if %snot (%s) then return false end n = n + 1 end",
                           literal(name), f.nullable and "v ~= NULL and " or "",
                           value_test(f, g, "node", literal(name)))
    end
    out[#out + 1] = "if n ~= count_keys(t) then return false end setmetatable(t, node) return true end"
    return tconcat(out, "\n")
  end

  -- A list's checker: a list whose every entry passes, none null.
  local function array_text(f, g)
    return sfmt("CHECK[%d] = function(a, up, key)\n" ..
                "if type(a) ~= 'table' or not is_array(a) then return false end\n" ..
                "local node = array_node(up, key, SPEC[%d])\n" ..
                "for i = 1, #a do local v = a[i] if v == NULL or not (%s) then return false end end\n" ..
                "setmetatable(a, node) return true end",
                f.checker, f.checker, value_test(f.entry, g, "node", "i"))
  end

  -- Every checker of the schema of registry R, made by one chunk:
  -- spec.fast for R.root and each object.
  function link_checkers(R)
    local specs = { R.root }
    for _, p in ipairs(sorted_keys(R.schema)) do
      local f = R.schema[p]
      if f.type == "object" or f.type == "array" then specs[#specs + 1] = f end
    end
    for i, spec in ipairs(specs) do spec.checker = i end
    local g, out = { sets = {} }, {
      "local CHECK, SPEC, SETS, NULL, type, getmetatable, setmetatable, parse_date, is_array,",
      "  object_node, array_node, count_keys = ..." }
    for _, spec in ipairs(specs) do
      out[#out + 1] = spec.type == "array" and array_text(spec, g) or object_text(spec, g)
    end
    local chunk, err = load(tconcat(out, "\n"), "=(the schema's checkers)", "t", {})
    if not chunk then error("internal error generating the schema's checkers: " .. err, 0) end
    local check = {}
    chunk(check, specs, g.sets, NULL, type, getmetatable, setmetatable, parse_date, is_array,
          object_node, array_node, count_keys)
    for i, spec in ipairs(specs) do
      if spec.type ~= "array" then spec.fast = check[i] end
    end
  end

  -- false until the checkers are made (API.prepare): the general way then
  function fast_object(t, node)
    local fast = node.spec.fast
    return fast ~= nil and fast(t, node)
  end
end

M.fast_object = fast_object
M.link_checkers = link_checkers
return M
