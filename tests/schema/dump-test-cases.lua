-- dump-test-cases.lua FILE...: the case of every test in the rule sets'
-- test files, one JSON line each: {"file", "test", "expect_status", "case"}.
-- Run by plain lua5.4, outside the engine: test files hold tests and
-- locals only (with, null and the declarations), so a few stand-ins load
-- them. An empty table is written [] (validate-cases.py makes it {} where
-- the schema has an object).
local NULL = setmetatable({}, { __name = "null" })

local function is_array(t)
  local n = #t
  for k in pairs(t) do
    if math.type(k) ~= "integer" or k < 1 or k > n then return false end
  end
  return true
end

local function deep_copy(v)
  if type(v) ~= "table" or v == NULL then return v end
  local t = {}
  for k, x in pairs(v) do t[k] = deep_copy(x) end
  return t
end

-- as engine/prelude/sandbox.lua's with: objects merge, lists are replaced
local function with(base, changes)
  local out = deep_copy(base)
  for k, v in pairs(changes) do
    if type(v) == "table" and type(out[k]) == "table" and v ~= NULL and out[k] ~= NULL
       and not is_array(v) and not is_array(out[k]) then
      out[k] = with(out[k], v)
    else
      out[k] = deep_copy(v)
    end
  end
  return out
end

local function encode(v, out)
  local t = type(v)
  if v == NULL then out[#out + 1] = "null"
  elseif t == "string" then
    out[#out + 1] = '"' .. v:gsub('[%c"\\]', function(c)
      return string.format("\\u%04x", c:byte())
    end) .. '"'
  elseif t == "number" then
    out[#out + 1] = math.type(v) == "integer" and tostring(v) or string.format("%.17g", v)
  elseif t == "boolean" then out[#out + 1] = tostring(v)
  elseif t == "table" then
    if is_array(v) then
      out[#out + 1] = "["
      for i, x in ipairs(v) do
        if i > 1 then out[#out + 1] = "," end
        encode(x, out)
      end
      out[#out + 1] = "]"
    else
      local keys = {}
      for k in pairs(v) do keys[#keys + 1] = tostring(k) end
      table.sort(keys)
      out[#out + 1] = "{"
      for i, k in ipairs(keys) do
        if i > 1 then out[#out + 1] = "," end
        encode(k, out); out[#out + 1] = ":"; encode(v[k], out)
      end
      out[#out + 1] = "}"
    end
  else
    error("cannot write a " .. t .. " as JSON")
  end
  return out
end

for _, file in ipairs(arg) do
  local env = setmetatable({
    with = with, null = NULL, ipairs = ipairs, pairs = pairs, type = type,
    tostring = tostring, tonumber = tonumber, string = string, table = table, math = math,
    test = function(name)
      return function(spec)
        local ex = spec.expect or {}
        io.write(table.concat(encode({ file = file, test = name, case = spec.case,
          expect_status = ex.status or "" }, {})), "\n")
      end
    end,
  }, { __index = function(_, k) error(file .. ": a test file uses '" .. tostring(k) ..
                                      "', which dump-test-cases.lua does not stand in for", 2) end })
  local chunk = assert(loadfile(file, "t", env))
  chunk()
end
