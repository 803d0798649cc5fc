-- prelude/view.lua -- the case as function conditions and facts see it: a
-- read-only view. Reads pass through (a field the case lacks is still
-- unknown, a field the schema lacks still an error); writes are errors, so
-- no rule can change what a later rule reads. Data conditions read the
-- plain tables directly. With `reads`, every value read is recorded, for
-- explain mode.

local host, need = ...
local type, next, error, tostring, setmetatable =
  type, next, error, tostring, setmetatable
local sfmt =
  string.format
local debug_lib =
  host.debug
local schema = need "schema"
local node_of, join_path, node_path =
  schema.node_of, schema.join_path, schema.node_path
local R      -- the registry in force (declare.use_registry)
need("declare").on_registry(function(r) R = r end)

local M = {}

local make_view       -- a read-only (optionally recording) view of a table
local plain_view
local dgetmetatable = debug_lib.getmetatable

-- The table that holds the keys a view (or a frozen table) shows: a fact
-- may give a view, which a view of the case then shows again.
local function keys_of(t)
  local mt = dgetmetatable(t)
  while type(mt) == "table" and mt.target ~= nil do
    t = mt.target
    mt = dgetmetatable(t)
  end
  return t
end

do

  local function refuse_view_write(proxy, k)
    local t = dgetmetatable(proxy).target
    error(sfmt("rules cannot change the case (%s)", node_of(t) and node_path(node_of(t), tostring(k))
               or tostring(k)), 2)
  end

  local TARGET = {}     -- the key under which a mirror keeps its table

  -- A field the mirror has not read yet: t answers (a value, a default, an
  -- empty object, a fact, or unknown); a table it gives is viewed too. What
  -- it gives is kept, so the next read takes the fast path.
  local MIRROR_MT = { __index = function(m, k)   -- m has TARGET, and no __newindex
    local v = m[TARGET][k]
    if type(v) == "table" then v = plain_view(v) end
    if v ~= nil then m[k] = v end
    return v
  end }

  local function view_len(proxy) return #dgetmetatable(proxy).target end

  local function view_pairs(proxy)
    local t = keys_of(proxy)
    return function(_, k)
      local nk = next(t, k)
      if nk == nil then return nil end
      return nk, proxy[nk]
    end, proxy, nil
  end

  -- The view when nothing is recorded: an empty proxy over a mirror of t
  -- that fills as fields are read, tables among them as views. After the
  -- first read of a field, reads take the VM's fast path (__index is a
  -- table). The mirror is out of the rules' reach: the proxy's metatable is
  -- hidden, and its __pairs walks t. Three tables a view, no closure.
  function plain_view(t)
    local tm = dgetmetatable(t)
    if type(tm) == "table" and tm.target ~= nil then return t end   -- read-only already
    local m = setmetatable({ [TARGET] = t }, MIRROR_MT)
    return setmetatable({}, { __index = m, __newindex = refuse_view_write, __len = view_len,
                              __pairs = view_pairs, __metatable = false, target = t })
  end
end

function make_view(t, path, reads)
  if not reads then return plain_view(t) end
  local kids, mt = {}, {}
  local proxy = setmetatable({}, mt)
  local function here(k)
    return reads and join_path(path, type(k) == "number" and k or tostring(k))
  end
  mt.__index = function(_, k)
    local v = t[k]
    if type(v) == "table" then
      local view = kids[k]
      if view == nil then
        view = make_view(v, here(k), reads)
        kids[k] = view
      end
      if reads and path == "" and R.facts[k] then reads[#reads + 1] = { path = k, value = v } end
      return view
    end
    if reads then reads[#reads + 1] = { path = here(k), value = v } end
    return v
  end
  mt.__newindex = function(_, k)
    local where = node_of(t) and node_path(node_of(t), tostring(k)) or tostring(k)
    error(sfmt("rules cannot change the case (%s)", where), 2)
  end
  mt.__len = function() return #t end
  mt.target = t                 -- for next (sandbox.rule_next)
  local keys = keys_of(t)
  mt.__pairs = function()
    return function(_, k)
      local nk = next(keys, k)
      if nk == nil then return nil end
      return nk, proxy[nk]
    end, proxy, nil
  end
  mt.__metatable = false
  return proxy
end

local function case_view(ctx)
  local v = ctx.view
  if v == nil then
    v = make_view(ctx.case, "", nil)
    ctx.view = v
  end
  return v
end

M.case_view = case_view
M.keys_of = keys_of
M.make_view = make_view
return M
