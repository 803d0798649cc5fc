-- prelude/facts.lua -- facts, computed on first use and memoised per case,
-- and the value at a path a data condition reads, from the case or a fact.
-- The case's root node answers a fact's name with its value.

local host, need = ...
local type, ipairs, error, pcall, getmetatable, setmetatable, rawget, rawequal =
  type, ipairs, error, pcall, getmetatable, setmetatable, rawget, rawequal
local sfmt, tconcat =
  string.format, table.concat
local NULL, LIMIT =
  host.NULL, host.LIMIT
local util = need "util"
local clean_error =
  util.clean_error
local cond = need "cond"
local is_unknown, unknown_signal =
  cond.is_unknown, cond.unknown_signal
local schema = need "schema"
local node_path, missing_field, refuse_write =
  schema.node_path, schema.missing_field, schema.refuse_write
local context = need "context"
local record_error =
  context.record_error
local R      -- the registry in force (declare.use_registry)
need("declare").on_registry(function(r) R = r end)
local CURRENT = need "current"

local M = {}

local NO_VALUE = {}     -- a fact memoised with no value: nil, unknown or failed

-- Facts: computed on first use, memoised per case, cycles reported.
-- ctx.facts[name] is the value, or NO_VALUE; then ctx.failed[name] may say
-- why: { unknown = signal } or { err = message }. Returns both.
local function fact_memo(ctx, name)
  local v = ctx.facts[name]
  if v ~= nil then return v, ctx.failed and ctx.failed[name] end
  local d, stack = R.facts[name], ctx.stack
  if not stack then stack = {}; ctx.stack = stack end
  for i = 1, #stack do
    if stack[i] == name then
      local chain = {}
      for j = i, #stack do chain[#chain + 1] = stack[j] end
      chain[#chain + 1] = name
      local msg = "fact cycle: " .. tconcat(chain, " -> ")
      record_error(ctx, d, msg)
      return NO_VALUE, { err = msg }   -- not kept: the computation under way decides
    end
  end
  stack[#stack + 1] = name
  local ok, r = pcall(d.compute, ctx)
  stack[#stack] = nil
  local failure
  if ok and r == nil then
    -- a fact with no value is not known, never false: whatever reads it is
    -- undetermined, and names it as what is missing
    failure = { unknown = unknown_signal({ name }) }
  elseif ok then
    v = r
  elseif rawequal(r, LIMIT) then
    error(r, 0)
  elseif is_unknown(r) then
    failure = { unknown = r }
  else
    local msg = clean_error(r)
    record_error(ctx, d, msg)
    failure = { err = sfmt("fact '%s' failed: %s", name, msg) }
  end
  if failure then
    v = NO_VALUE
    ctx.failed = ctx.failed or {}
    ctx.failed[name] = failure
  end
  ctx.facts[name] = v
  return v, failure
end

-- A fact's value for rule code, which reads it through the case table (a
-- view or the root node) and so without the context: the current one.
local function get_fact(name)
  local v, failure = fact_memo(CURRENT.ctx, name)
  if failure then error(failure.unknown or failure.err, 0) end
  if v == NO_VALUE then return nil end
  return v
end

-- The path a condition's unknown names: p's path from the node (node_path),
-- made once per node and path. A node depends only on where it is in the
-- case, so the string is the same for every case; weak keys let a long
-- list's own nodes go with their case.
local PATHS = setmetatable({}, { __mode = "k" })
local function missing_path(node, path)
  local byp = PATHS[node]
  if byp == nil then byp = {}; PATHS[node] = byp end
  local s = byp[path]
  if s == nil then s = node_path(node, path); byp[path] = s end
  return s
end

-- Value at a path for data conditions: value, or nil with the missing paths
-- added to env.missing. `base` is the list entry for relative paths.
local function resolve(env, p, base)
  local t, first = base or env.ctx.case, 1
  local segs = p.segs
  local v
  if base == nil and R.facts[segs[1]] then
    local ok, fv = pcall(get_fact, segs[1])
    if not ok then
      if is_unknown(fv) then
        for _, mp in ipairs(fv.paths) do env.missing[#env.missing + 1] = mp end
        return nil
      end
      error(fv, 0)
    end
    v, first = fv, 2
    for i = first, #segs do
      if type(v) == "table" then v = v[segs[i]] else v = nil end
      if v == nil then
        env.missing[#env.missing + 1] = p.path
        return nil
      end
    end
    return v
  end
  for i = first, #segs do
    local k = segs[i]
    v = rawget(t, k)
    if v == nil then
      -- a field of the schema with no default, not an object: not
      -- recorded, so unknown (what missing_field would signal), said here
      -- without raising the signal and catching it
      local node = getmetatable(t)
      local spec = type(node) == "table" and node.spec
      local f = spec and spec.fields and spec.fields[k]
      if f ~= nil and f.default == nil and f.type ~= "object" then
        env.missing[#env.missing + 1] = missing_path(getmetatable(base or env.ctx.case), p.path)
        return nil
      end
      local ok, dv = pcall(missing_field, t, k)
      if not ok then
        if is_unknown(dv) then     -- name the whole path the condition needs
          env.missing[#env.missing + 1] = missing_path(getmetatable(base or env.ctx.case), p.path)
          return nil
        end
        error(dv, 0)
      end
      v = dv
    end
    t = v
  end
  if v == NULL then
    return NULL
  end
  return v
end

local function root_index(t, k)
  if R.facts[k] then return get_fact(k) end
  return missing_field(t, k, 3)
end

local function root_node()
  local n = R.root_node
  if n == nil then
    n = { spec = R.root, __index = root_index, __newindex = refuse_write }
    R.root_node = n
  end
  return n
end

M.root_node = root_node
M.NO_VALUE = NO_VALUE
M.fact_memo = fact_memo
M.resolve = resolve
return M
