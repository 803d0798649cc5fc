-- prelude/freeze.lua -- rule code must not keep state from one case to the
-- next. After loading, every table a rule function reaches through an
-- upvalue is replaced by a read-only view, and every other upvalue's
-- value is kept so it can be put back after each evaluation. The one
-- module that works with the debug library's upvalue functions.

local host, need = ...
local type, pairs, ipairs, next, error, setmetatable, getmetatable =
  type, pairs, ipairs, next, error, setmetatable, getmetatable
local sfmt =
  string.format
local debug_lib, is_rule_code =
  host.debug, host.is_rule_code
local cond = need "cond"
local EXPR, is_cond =
  cond.EXPR, cond.is_cond

local M = {}

local getupvalue, setupvalue, upvalueid = debug_lib.getupvalue,
  debug_lib.setupvalue, debug_lib.upvalueid

local function frozen(t, name)
  local views = {}
  local plain = true
  for _, v in next, t do
    if type(v) == "table" and getmetatable(v) == nil then plain = false end
  end
  if plain then             -- scalars only: reads go straight to t
    return setmetatable({}, {
      __index = t,
      __newindex = function()
        error(sfmt("rules cannot keep or change state between cases (the table '%s' is read-only)", name), 2)
      end,
      __len = function() return #t end,
      __pairs = function() return next, t, nil end,
      __metatable = false,
    })
  end
  local mt = {
    __index = function(_, k)
      local v = t[k]
      if type(v) == "table" and getmetatable(v) == nil then
        views[k] = views[k] or frozen(v, name)
        return views[k]
      end
      return v
    end,
    __newindex = function()
      error(sfmt("rules cannot keep or change state between cases (the table '%s' is read-only)", name), 2)
    end,
    __len = function() return #t end,
    __pairs = function(p)
      return function(_, k)
        local nk = next(t, k)
        if nk == nil then return nil end
        return nk, p[nk]
      end, p, nil
    end,
    __metatable = false,
  }
  return setmetatable({}, mt)
end

local function freeze_function(f, seen, kept)
  if seen[f] or not is_rule_code(f) then return end
  seen[f] = true
  for i = 1, 255 do
    local name, v = getupvalue(f, i)
    if name == nil then break end
    if name ~= "_ENV" then
      local id = upvalueid(f, i)
      if type(v) == "function" then
        freeze_function(v, seen, kept)
      elseif type(v) == "table" and getmetatable(v) == nil then
        setupvalue(f, i, frozen(v, name))
      elseif not kept[id] then
        kept[id] = { f = f, i = i, v = v }
      end
    end
  end
end

local function freeze_cond(n, seen, kept)
  if type(n) == "function" then return freeze_function(n, seen, kept) end
  if getmetatable(n) == EXPR then          -- a value expression's conditions
    if n.where then freeze_cond(n.where, seen, kept) end
    local parts = n.parts
    if parts then for i = 1, #parts do freeze_cond(parts[i], seen, kept) end end
    return
  end
  if not is_cond(n) or seen[n] then return end
  seen[n] = true                  -- a definition shared by many rules once
  local parts = n.parts
  if parts then for i = 1, #parts do freeze_cond(parts[i], seen, kept) end end
  if n.p then freeze_cond(n.p, seen, kept) end
end

local function freeze_rules(R, decls)
  local seen, kept = {}, {}
  for _, d in ipairs(decls) do
    local s = d.spec
    freeze_cond(s.when, seen, kept)
    freeze_cond(s.value, seen, kept)
  end
  if R.decide then freeze_function(R.decide, seen, kept) end
  local list = {}
  for _, k in pairs(kept) do list[#list + 1] = k end
  R.kept_upvalues = list
end

-- Put back every plain upvalue a rule function may have changed.
local function restore_upvalues(R)
  local kept = R.kept_upvalues
  for i = 1, #kept do
    local k = kept[i]
    setupvalue(k.f, k.i, k.v)
  end
end

M.frozen = frozen
M.freeze_rules = freeze_rules
M.restore_upvalues = restore_upvalues
return M
