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
local EXPR, COND, is_cond =
  cond.EXPR, cond.COND, cond.is_cond

local M = {}

local getupvalue, setupvalue, upvalueid = debug_lib.getupvalue,
  debug_lib.setupvalue, debug_lib.upvalueid

-- A table rule code may share between cases: a plain one, or a condition
-- node or value expression (data a rule file built, which the evaluator
-- reads again for every case).
local function shareable(v)
  if type(v) ~= "table" then return false end
  local mt = getmetatable(v)
  return mt == nil or mt == COND or mt == EXPR
end

local function refuse(name)
  return function()
    error(sfmt("rules cannot keep or change state between cases (the table '%s' is read-only)", name), 2)
  end
end

local function frozen(t, name)
  local views = {}
  local plain = true
  for _, v in next, t do
    if shareable(v) then plain = false end
  end
  if plain then             -- scalars only: reads go straight to t
    return setmetatable({}, {
      __index = t,
      __newindex = refuse(name),
      __len = function() return #t end,
      __pairs = function() return next, t, nil end,
      __metatable = false,
      target = t, plain = true,    -- for next (sandbox.rule_next)
    })
  end
  local mt = {
    __index = function(_, k)
      local v = t[k]
      if shareable(v) then
        views[k] = views[k] or frozen(v, name)
        return views[k]
      end
      return v
    end,
    __newindex = refuse(name),
    __len = function() return #t end,
    __pairs = function(p)
      return function(_, k)
        local nk = next(t, k)
        if nk == nil then return nil end
        return nk, p[nk]
      end, p, nil
    end,
    __metatable = false,
    target = t,                    -- for next (sandbox.rule_next)
  }
  return setmetatable({}, mt)
end

local freeze_function

-- Every function reachable from a table rule code shares (values and keys,
-- nested tables, condition nodes) is frozen too: a function kept in a
-- table has upvalues of its own.
local function freeze_table(t, seen, kept)
  if seen[t] then return end
  seen[t] = true
  for k, v in next, t do
    if type(k) == "function" then freeze_function(k, seen, kept)
    elseif shareable(k) then freeze_table(k, seen, kept) end
    if type(v) == "function" then freeze_function(v, seen, kept)
    elseif shareable(v) then freeze_table(v, seen, kept) end
  end
end

-- Each upvalue of rule code, _ENV among them (a rule may name its own):
-- a shared table becomes a read-only view, and every upvalue's value (the
-- view, a function, a number...) is kept and put back after each case, so
-- assigning a new value to one lasts for one case only.
function freeze_function(f, seen, kept)
  if seen[f] or not is_rule_code(f) then return end
  seen[f] = true
  for i = 1, 255 do
    local name, v = getupvalue(f, i)
    if name == nil then break end
    local id = upvalueid(f, i)
    if not kept[id] then               -- a cell shared by closures: once
      if type(v) == "function" then
        freeze_function(v, seen, kept)
      elseif shareable(v) then
        freeze_table(v, seen, kept)
        v = frozen(v, name)
        setupvalue(f, i, v)
      end
      kept[id] = { f = f, i = i, v = v }
    end
  end
end

local function freeze_cond(n, seen, kept, walked)
  if type(n) == "function" then return freeze_function(n, seen, kept) end
  if getmetatable(n) == EXPR then          -- a value expression's conditions
    if n.where then freeze_cond(n.where, seen, kept, walked) end
    local parts = n.parts
    if parts then for i = 1, #parts do freeze_cond(parts[i], seen, kept, walked) end end
    return
  end
  if not is_cond(n) or walked[n] then return end
  walked[n] = true                -- a definition shared by many rules once
  local parts = n.parts
  if parts then for i = 1, #parts do freeze_cond(parts[i], seen, kept, walked) end end
  if n.p then freeze_cond(n.p, seen, kept, walked) end
end

local function freeze_rules(R, decls)
  local seen, kept, walked = {}, {}, {}
  for _, d in ipairs(decls) do
    local s = d.spec
    freeze_cond(s.when, seen, kept, walked)
    freeze_cond(s.value, seen, kept, walked)
  end
  if R.decide then freeze_function(R.decide, seen, kept) end
  local list = {}
  for _, k in pairs(kept) do list[#list + 1] = k end
  R.kept_upvalues = list
end

-- Put back every upvalue a rule function may have changed.
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
