-- prelude/util.lua -- small helpers every module may use: key order,
-- "did you mean", values for messages and generated code, copies, the
-- shared empty list, and error values as bounded text.

local host, need = ...
local type, pairs, ipairs, next, error, pcall, tostring, setmetatable, getmetatable, rawget =
  type, pairs, ipairs, next, error, pcall, tostring, setmetatable, getmetatable, rawget
local sfmt, ssub, sbyte, slower, tsort, mtype =
  string.format, string.sub, string.byte, string.lower, table.sort, math.type
local NULL, EMPTY_OBJECT =
  host.NULL, host.EMPTY_OBJECT
local CURRENT = need "current"

local M = {}

local function sorted_keys(t)
  local ks = {}
  for k in pairs(t) do ks[#ks + 1] = k end
  tsort(ks, function(a, b)    -- numbers, then strings, then any other key
    local ta, tb = type(a), type(b)
    local ra, rb = ta == "number" and 1 or ta == "string" and 2 or 3,
                   tb == "number" and 1 or tb == "string" and 2 or 3
    if ra ~= rb then return ra < rb end
    if ra == 3 then return false end     -- booleans, tables: no order, none needed
    return a < b
  end)
  return ks
end

local function list_set(list)
  local s = {}
  for _, v in ipairs(list) do s[v] = true end
  return s
end

-- Levenshtein distance, for "did you mean".
local function distance(a, b)
  local la, lb = #a, #b
  if la == 0 then return lb end
  if lb == 0 then return la end
  local prev, cur = {}, {}
  for j = 0, lb do prev[j] = j end
  for i = 1, la do
    cur[0] = i
    local ca = sbyte(a, i)
    for j = 1, lb do
      local cost = (ca == sbyte(b, j)) and 0 or 1
      local v = prev[j] + 1
      if cur[j - 1] + 1 < v then v = cur[j - 1] + 1 end
      if prev[j - 1] + cost < v then v = prev[j - 1] + cost end
      cur[j] = v
    end
    prev, cur = cur, prev
  end
  return prev[lb]
end

local function did_you_mean(word, candidates)
  local best, bestd
  for _, c in ipairs(candidates) do
    local d = distance(slower(word), slower(c))
    if d <= 1 + #word // 3 and (bestd == nil or d < bestd) then
      best, bestd = c, d
    end
  end
  return best and sfmt(" (did you mean '%s'?)", best) or ""
end

-- A Lua literal that reads back as exactly v, or nil: for generated code.
local function literal(v)
  local t = type(v)
  if t == "number" or t == "string" then return sfmt("%q", v) end
  if t == "boolean" or t == "nil" then return tostring(v) end
  return nil
end

-- A value for a message. A table or function is named, not printed:
-- tostring would give its address, and the same case must give the same
-- bytes every time.
local function show(v)
  if v == NULL then return "null" end
  local t = type(v)
  if t == "string" then return sfmt("%q", v) end
  if t == "table" then return rawget(v, 1) ~= nil and "a list" or "an object" end
  if t == "number" or t == "boolean" or t == "nil" then return tostring(v) end
  return "a " .. t
end

-- Case content stays out of messages unless the caller asked for explain
-- output: messages then say what kind of value was found, not the value.
local function what(v)
  if CURRENT.show_values then return show(v) end
  if type(v) == "string" then return "a string" end
  if type(v) == "number" then return "a number" end
  if type(v) == "boolean" then return "true or false" end
  return "a " .. type(v)
end

local function deep_copy(v, depth)
  if type(v) ~= "table" then return v end
  depth = (depth or 0) + 1
  if depth > 64 then error("table nested too deeply", 0) end
  local t = {}
  for k, x in next, v do t[k] = deep_copy(x, depth) end
  return t
end

-- A list: keys 1..n. An empty JSON object ({}, marked by the readers) is
-- not one, though it is as empty as [].
local function is_array(t)
  if getmetatable(t) == EMPTY_OBJECT then return false end
  local n = #t
  for k in next, t do
    if mtype(k) ~= "integer" or k < 1 or k > n then return false end
  end
  return true
end

-- An empty list nothing may add to: shared by results that list nothing.
local NONE = setmetatable({}, { __newindex = function() error("NONE is read-only", 2) end })


-- An error value as bounded text. Tables without __tostring would show a
-- memory address, which differs between runs: name the type instead.
local function clean_error(e)
  if type(e) == "string" then
    if #e > 500 then e = ssub(e, 1, 500) .. "..." end
    return e
  end
  if type(e) == "number" or type(e) == "boolean" then return tostring(e) end
  local mt = type(e) == "table" and getmetatable(e)
  if mt and mt.__tostring then
    local ok, s = pcall(tostring, e)
    if ok and type(s) == "string" then return clean_error(s) end
  end
  if e == nil then return "error raised with no message (nil)" end
  return sfmt("error raised with a %s value and no message", type(e))
end

local function dedup_sorted(list)
  if #list == 0 then return NONE end
  local seen, out = {}, {}
  for _, v in ipairs(list) do
    if not seen[v] then seen[v] = true; out[#out + 1] = v end
  end
  tsort(out)
  return out
end

M.sorted_keys = sorted_keys
M.list_set = list_set
M.did_you_mean = did_you_mean
M.literal = literal
M.show = show
M.what = what
M.deep_copy = deep_copy
M.is_array = is_array
M.NONE = NONE
M.clean_error = clean_error
M.dedup_sorted = dedup_sorted
return M
