-- prelude/sandbox.lua -- the environment rule files run in: an allow-list
-- of safe base functions, read-only copies of libraries, the condition
-- and date helpers and the declarations; and the hardened string library
-- every string reaches through its metatable.

local host, need = ...
local type, pairs, ipairs, next, error, pcall, tostring, tonumber, select, setmetatable, getmetatable =
  type, pairs, ipairs, next, error, pcall, tostring, tonumber, select, setmetatable, getmetatable
local sfmt, ssub, sfind, srep, slower, floor =
  string.format, string.sub, string.find, string.rep, string.lower, math.floor
local NULL, debug_lib =
  host.NULL, host.debug
local util = need "util"
local sorted_keys, did_you_mean, deep_copy, is_array =
  util.sorted_keys, util.did_you_mean, util.deep_copy, util.is_array
local dates =
  need("dates").helpers
local declare = need "declare"
local declarer, manifest_decl, levels_decl, holidays_decl =
  declare.declarer, declare.manifest_decl, declare.levels_decl, declare.holidays_decl
local cond = need "cond"
local C =
  cond.C
local keys_of =
  need("view").keys_of
local freeze = need "freeze"
local frozen =
  freeze.frozen

local M = {}

local SANDBOX          -- the allow-listed names rule files see

-- A file's globals are looked up in SANDBOX through a table __index, which
-- the VM follows without a call; SANDBOX's own metatable names an unknown
-- name (at the end of this file).
local function file_env()
  return setmetatable({}, {
    __index = SANDBOX,
    __newindex = function(_, k)
      error(sfmt("rule files cannot create or change the global '%s'; write 'local %s = ...'",
                 tostring(k), tostring(k)), 2)
    end,
    __metatable = false,
  })
end

-- next for rule code. The case a rule function reads, and the tables it
-- holds on to, are read-only views: empty tables whose metatable names the
-- table they show (target), which plain next would find empty, so a loop
-- over one would silently see nothing and a rule be false. This next walks
-- the target and gives each value as the view gives it (a view of a
-- nested table, a read recorded in explain mode). Any other table with a
-- metatable that hides its content (a file's globals) is refused, not
-- walked as if empty.
local rule_next
do
  local dgetmetatable, real_next = debug_lib.getmetatable, next
  function rule_next(t, k)
    local mt = type(t) == "table" and dgetmetatable(t)
    if not mt then return real_next(t, k) end
    local target = mt.target
    if target == nil then
      if mt.__index ~= nil and real_next(t) == nil then
        error("next: this table shows values it does not hold (use pairs)", 2)
      end
      return real_next(t, k)
    end
    local nk = real_next(keys_of(target), k)
    if nk == nil then return nil end
    if mt.plain then return nk, target[nk] end
    return nk, t[nk]
  end
end

-- pairs for rule code: a table's own __pairs, else rule_next.
local function rule_pairs(t)
  local mt = type(t) == "table" and debug_lib.getmetatable(t)
  if mt and mt.__pairs then return pairs(t) end
  if type(t) ~= "table" then return pairs(t) end     -- pairs' own error
  return rule_next, t, nil
end

-- Patterns backtrack without limit inside one C call, which no hook can
-- interrupt, so rules get no pattern functions; plain search instead.
local function plain_find(s, needle, init)
  return sfind(s, needle, init, true)
end

-- with(base, changes): a copy of base with changes laid over it; nested
-- objects merge, lists are replaced whole. Lets a test say "this family,
-- but with ...".
local function with(base, changes)
  if type(base) ~= "table" or type(changes) ~= "table" then
    error("with(base, changes) expects two tables", 2)
  end
  local out = deep_copy(base)
  for k, v in pairs(changes) do
    if type(v) == "table" and type(out[k]) == "table" and not is_array(v) and not is_array(out[k]) then
      out[k] = with(out[k], v)
    else
      out[k] = deep_copy(v)
    end
  end
  return out
end

local MAX_REP = 1 << 20
-- Capped on the count as well as the size: rep("", 3e9) makes nothing but
-- still loops 3e9 times inside one C call, where no hook can stop it.
local function capped_rep(s, n, sep)
  n = floor(tonumber(n) or 0)
  local total = #tostring(s) * (n > 0 and n or 0) + (sep and #tostring(sep) * (n > 1 and n - 1 or 0) or 0)
  if total > MAX_REP or n > MAX_REP then
    error(sfmt("string.rep: result over %d bytes or repeats", MAX_REP), 2)
  end
  return srep(s, n, sep)
end

local text = {
  contains = function(s, needle) return sfind(s, needle, 1, true) ~= nil end,
  starts_with = function(s, p) return ssub(s, 1, #p) == p end,
  ends_with = function(s, p) return p == "" or ssub(s, -#p) == p end,
  lower = slower, upper = string.upper,
}

-- Harden the real string table: string methods reach it from any string.
-- Called last (init), when every module has taken what it uses of it.
local string_lib = string
function M.harden_strings()
  -- luacheck: push ignore 122
  string_lib.dump = nil                  -- the real table, changed on purpose
  string_lib.match, string_lib.gmatch, string_lib.gsub = nil, nil, nil
  string_lib.find = plain_find
  string_lib.rep = capped_rep
  -- luacheck: pop
  local smeta = getmetatable("")
  smeta.__metatable = false
end

-- What rule files get of it: the same hardened find and rep.
local rule_string = setmetatable({ find = plain_find, rep = capped_rep }, { __index = string_lib })

-- A read-only copy of the named entries of a library: rule files share
-- these tables, so one must not be able to change them for another.
local function copy_lib(lib, names, name)
  local t = {}
  for _, n in ipairs(names) do t[n] = lib[n] end
  return frozen(t, name)
end

SANDBOX = {
  -- safe base functions
  assert = assert, error = error, ipairs = ipairs, next = rule_next, pairs = rule_pairs,
  pcall = pcall, select = select, tonumber = tonumber, tostring = tostring, type = type,
  null = NULL,
  math = copy_lib(math, { "abs", "ceil", "floor", "fmod", "huge", "max", "maxinteger",
    "min", "mininteger", "modf", "sqrt", "tointeger", "type", "ult", "pi", "exp", "log" }, "math"),
  string = copy_lib(rule_string, { "byte", "char", "find", "format", "len", "lower",
    "rep", "reverse", "sub", "upper" }, "string"),
  table = copy_lib(table, { "concat", "insert", "move", "pack", "remove", "sort", "unpack" }, "table"),
  utf8 = copy_lib(utf8, { "char", "charpattern", "codepoint", "codes", "len", "offset" }, "utf8"),
  text = copy_lib(text, { "contains", "starts_with", "ends_with", "lower", "upper" }, "text"),
  with = with,
  -- declarations
  ruleset = manifest_decl, levels = levels_decl, bank_holidays = holidays_decl,
  field = declarer("field"), fact = declarer("fact"), rule = declarer("rule"),
  flag = declarer("flag"), decision_table = declarer("decision_table"),
  test = declarer("test"), override = declarer("override"), disable = declarer("disable"),
  check = declarer("check"),
}
for k, v in pairs(C) do SANDBOX[k] = v end
for k, v in pairs(dates) do SANDBOX[k] = v end
setmetatable(SANDBOX, {
  __index = function(_, k)
    error(sfmt("unknown name '%s'%s", tostring(k),
               did_you_mean(tostring(k), sorted_keys(SANDBOX))), 2)
  end,
  __metatable = false,
})

M.file_env = file_env
return M
