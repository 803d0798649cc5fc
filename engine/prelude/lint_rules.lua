-- prelude/lint_rules.lua -- two checks of `threshold check` (lint.lua) on
-- what the rules do together rather than one at a time:
--
-- shadowed_rule: a rule whose data condition implies the condition of
-- another rule at the same or a higher level, so that whenever it applies
-- the other does too and it can never change the suggestion. The
-- implication is proved over the condition trees, for the simple cases
-- only (all-of supersets, any-of subsets, is/one_of value subsets, numeric
-- ranges, counts over narrower entries, date spans); anything else (a
-- function(c), how_many, largest) proves nothing, so a finding is never a
-- guess. Each step holds in the engine's three-valued logic: when the
-- first condition is true (not unknown), so is the second.
--
-- not_monotone: a graded field (an enum declared ordered, a boolean or a
-- number that says which way is worse) worsened one step must never lower
-- the pathway. The cases are generated from the set's own test cases
-- (each graded field set to each step of its scale, numbers either side
-- of the thresholds the conditions name); a counter-example is given as
-- the worse case's JSON, with the field, both values and both pathways.

local host, need = ...
local type, ipairs, next, tostring, getmetatable, setmetatable, pcall, math_type, math_min =
  type, ipairs, next, tostring, getmetatable, setmetatable, pcall, math.type, math.min
local sfmt, tconcat, tsort, smatch, sgmatch, sbyte, huge =
  string.format, table.concat, table.sort, string.match, string.gmatch, string.byte, math.huge
local NULL =
  host.NULL
local util = need "util"
local deep_copy, show, sorted_keys =
  util.deep_copy, util.show, util.sorted_keys
local cond = need "cond"
local EXPR, is_cond =
  cond.EXPR, cond.is_cond
local R      -- the registry in force (declare.use_registry)
need("declare").on_registry(function(r) R = r end)

local M = {}

local MAX_DEPTH = 12            -- condition nesting the implication follows
local MAX_EVALS = 2000          -- evaluations the monotonicity check may make,
local EVAL_WORK = 150000        -- fewer when the set has more than 75 declarations to run
local MAX_PROOF_STEPS = 100000 -- pairs of conditions the implication compares
local PATHWAY_RANK = { universal = 0, early_help = 1, child_in_need = 2, child_protection = 3 }

-- Implication ---------------------------------------------------------------

local implies       -- forward

local function plain_path(p) return p ~= nil and getmetatable(p) ~= EXPR end

-- The values a numeric condition lets through, as an interval.
local function interval(n)
  local op = n.op
  if op == "at_least" then return { lo = n.n }
  elseif op == "above" then return { lo = n.n, lo_open = true }
  elseif op == "at_most" then return { hi = n.n }
  elseif op == "below" then return { hi = n.n, hi_open = true }
  elseif op == "between" then return { lo = n.lo, hi = n.hi }
  elseif op == "is" and type(n.v) == "number" then return { lo = n.v, hi = n.v }
  end
  return nil
end

local function lo_within(a, b)      -- a's lower end is inside b's
  if b.lo == nil then return true end
  if a.lo == nil then return false end
  return a.lo > b.lo or (a.lo == b.lo and (a.lo_open or not b.lo_open))
end

local function hi_within(a, b)
  if b.hi == nil then return true end
  if a.hi == nil then return false end
  return a.hi < b.hi or (a.hi == b.hi and (a.hi_open or not b.hi_open))
end

-- How the value of a numeric condition's operand x relates to y's in
-- every case: "eq", "le" (x <= y), "ge", or nil. A count over entries
-- that satisfy a narrower condition is never more.
local function relation(x, y, depth)
  if plain_path(x) and plain_path(y) then return x.path == y.path and "eq" or nil end
  if getmetatable(x) ~= EXPR or getmetatable(y) ~= EXPR then return nil end
  if x.kind ~= "count" or y.kind ~= "count" or x.list.path ~= y.list.path then return nil end
  local le = y.where == nil or (x.where ~= nil and implies(x.where, y.where, depth))
  local ge = x.where == nil or (y.where ~= nil and implies(y.where, x.where, depth))
  if le and ge then return "eq" end
  return le and "le" or ge and "ge" or nil
end

local NUMERIC = { at_least = true, above = true, at_most = true, below = true, between = true }
local SPAN_LONGER = { at_least_days_ago = true, at_least_months_ago = true,
                      at_least_working_days_ago = true }

-- a => b for two leaf conditions.
local function atom_implies(a, b, depth)
  local ao, bo = a.op, b.op
  if NUMERIC[bo] then
    local ia, ib = interval(a), interval(b)
    if not ia or not ib then return false end
    local rel = relation(a.p, b.p, depth)
    if rel == "eq" then return lo_within(ia, ib) and hi_within(ia, ib) end
    if rel == "le" then return ib.hi == nil and lo_within(ia, ib) end
    if rel == "ge" then return ib.lo == nil and hi_within(ia, ib) end
    return false
  end
  if not (plain_path(a.p) and plain_path(b.p) and a.p.path == b.p.path) then
    if ao == "fired" and bo == "fired" then return a.name == b.name end
    if ao == "suggestion_is" and bo == "suggestion_is" then return a.level == b.level end
    return false
  end
  if bo == "is" then
    if ao == "is" then return a.v == b.v end
    if ao == "one_of" then            -- only when every value listed is b's
      for _, v in ipairs(a.vs) do if v ~= b.v then return false end end
      return #a.vs > 0
    end
    return false
  elseif bo == "one_of" then
    if ao == "is" then return b.set[a.v] == true end
    if ao == "one_of" then
      for _, v in ipairs(a.vs) do if not b.set[v] then return false end end
      return #a.vs > 0
    end
    return false
  elseif bo == "is_not" then
    if b.v == nil then return false end
    if ao == "is" then return a.v ~= nil and a.v ~= b.v end
    if ao == "one_of" then
      for _, v in ipairs(a.vs) do if v == b.v then return false end end
      return #a.vs > 0
    end
    if ao == "is_not" then return a.v == b.v end
    return false
  elseif bo == "present" then
    if ao == "present" then return true end
    if ao == "is" then return a.v ~= nil and a.v ~= NULL end
    if ao == "one_of" then
      for _, v in ipairs(a.vs) do if v == NULL then return false end end
      return #a.vs > 0
    end
    return false
  elseif bo == "within_days" then
    return ao == "within_days" and a.n <= b.n
  elseif SPAN_LONGER[bo] then
    return ao == bo and a.n >= b.n
  elseif bo == "date_after" then
    return ao == "date_after" and plain_path(a.q) and plain_path(b.q) and a.q.path == b.q.path
  end
  return false
end

-- Proofs are memoised by pair and bounded in number: past the bound
-- nothing more is claimed (a large set is checked in part, never wrongly).
local proved, steps_left = setmetatable({}, { __mode = "k" }), 0

local prove      -- forward

-- a => b: whenever a is true, b is true. False when it cannot be shown.
function implies(a, b, depth)
  if a == b then return true end
  depth = (depth or 0) + 1
  if depth > MAX_DEPTH or not is_cond(a) or not is_cond(b) then return false end
  local ma = proved[a]
  if ma == nil then ma = setmetatable({}, { __mode = "k" }); proved[a] = ma end
  local r = ma[b]
  if r ~= nil then return r end
  if steps_left <= 0 then return false end
  steps_left = steps_left - 1
  ma[b] = false                 -- while proving: no circular proof
  r = prove(a, b, depth)
  ma[b] = r
  return r
end

function prove(a, b, depth)
  local ao, bo = a.op, b.op
  if bo == "all" then
    for _, x in ipairs(b.parts) do if not implies(a, x, depth) then return false end end
    return true
  end
  if ao == "any" then
    for _, x in ipairs(a.parts) do if not implies(x, b, depth) then return false end end
    return #a.parts > 0
  end
  if ao == "all" or (ao == "at_least_n_of" and a.n >= #a.parts and a.n > 0) then
    for _, x in ipairs(a.parts) do if implies(x, b, depth) then return true end end
  end
  if bo == "any" then
    for _, x in ipairs(b.parts) do if implies(a, x, depth) then return true end end
    return false
  end
  if bo == "at_least_n_of" then
    local k = 0
    for _, x in ipairs(b.parts) do if implies(a, x, depth) then k = k + 1 end end
    return k >= b.n
  end
  if ao == "none" and bo == "none" then    -- every part of b is false when every part of a is
    for _, y in ipairs(b.parts) do
      local found = false
      for _, x in ipairs(a.parts) do
        if implies(y, x, depth) then found = true; break end
      end
      if not found then return false end
    end
    return true
  end
  if a.parts or b.parts then return false end
  return atom_implies(a, b, depth)
end

M.implies = implies

-- The names fired(...) reads anywhere in the set: such a rule matters
-- beyond the suggestion it gives.
local function fired_names()
  local names = {}
  local function walk(n, depth)
    if depth > 40 then return end
    if getmetatable(n) == EXPR then
      if n.where then walk(n.where, depth + 1) end
      for _, x in ipairs(n.parts or {}) do walk(x, depth + 1) end
      return
    end
    if not is_cond(n) then return end
    if n.op == "fired" then names[n.name] = true end
    for _, x in ipairs(n.parts or {}) do walk(x, depth + 1) end
    if n.p and getmetatable(n.p) == EXPR then walk(n.p, depth + 1) end
  end
  for _, d in ipairs(R.merged or {}) do
    local s = d.spec
    if type(s) == "table" then
      if s.when ~= nil then walk(s.when, 0) end
      if s.value ~= nil then walk(s.value, 0) end
    end
  end
  return names
end

function M.shadowed(add)
  if R.decide then return end               -- the set decides itself: no claim about the level
  proved, steps_left = setmetatable({}, { __mode = "k" }), MAX_PROOF_STEPS
  local rules = {}
  for _, d in ipairs(R.merged or {}) do
    if d.kind == "rule" and d.lv and is_cond(d.spec.when) then rules[#rules + 1] = d end
  end
  local used = fired_names()
  for _, d in ipairs(rules) do
    if d.set == R.id and not used[d.name] then
      local by
      for _, o in ipairs(rules) do
        if o ~= d and o.lv.rank >= d.lv.rank and implies(d.spec.when, o.spec.when) then
          -- two rules at one level with the same condition: the later is named
          local mutual = o.lv.rank == d.lv.rank and o.set == R.id and implies(o.spec.when, d.spec.when)
          if not mutual or (o.seq or 0) < (d.seq or 0) then
            if by == nil or o.lv.rank > by.lv.rank then by = o end
          end
        end
      end
      if by then
        add("shadowed_rule", "warning", d.file, d.line,
            "rule '%s' (%s) can never change the suggestion: whenever it applies, rule '%s' (%s, %s:%d)" ..
            " applies too; merge the two, or say what this rule's condition adds",
            d.name, d.lv.id, by.name, by.lv.id, by.file, by.line)
      end
    end
  end
end

-- Monotonicity --------------------------------------------------------------

local function json_string(s)
  local out = { '"' }
  for i = 1, #s do
    local c = sbyte(s, i)
    if c == 34 or c == 92 then out[#out + 1] = "\\" .. s:sub(i, i)
    elseif c < 32 or c == 127 then out[#out + 1] = sfmt("\\u%04x", c)
    else out[#out + 1] = s:sub(i, i) end
  end
  out[#out + 1] = '"'
  return tconcat(out)
end

-- A case as JSON, keys sorted; an empty table is a list where the schema
-- has one.
local function to_json(v, spath, out)
  local t = type(v)
  if v == NULL then out[#out + 1] = "null"
  elseif t == "string" then out[#out + 1] = json_string(v)
  elseif t == "number" then
    out[#out + 1] = math_type(v) == "integer" and tostring(v) or sfmt("%.17g", v)
  elseif t == "boolean" then out[#out + 1] = tostring(v)
  elseif t == "table" then
    local f = R.schema[spath]
    if #v > 0 or (next(v) == nil and f and f.type == "array") then
      out[#out + 1] = "["
      for i, x in ipairs(v) do
        if i > 1 then out[#out + 1] = "," end
        to_json(x, spath .. "[]", out)
      end
      out[#out + 1] = "]"
    else
      out[#out + 1] = "{"
      for i, k in ipairs(sorted_keys(v)) do
        if i > 1 then out[#out + 1] = "," end
        out[#out + 1] = json_string(tostring(k)) .. ":"
        to_json(v[k], spath == "" and tostring(k) or spath .. "." .. tostring(k), out)
      end
      out[#out + 1] = "}"
    end
  else
    out[#out + 1] = "null"
  end
  return out
end

local function json_of(case) return tconcat(to_json(case, "", {})) end

-- The numbers the conditions compare a path with (thresholds), by path.
local function thresholds()
  local by = {}
  local function put(p, x)
    if plain_path(p) and type(x) == "number" then
      local t = by[p.path] or {}
      t[#t + 1] = x
      by[p.path] = t
    end
  end
  local function walk(n, base, depth)
    if depth > 40 then return end
    if getmetatable(n) == EXPR then
      local lb = n.list and ((base and base .. "." or "") .. n.list.path .. "[]")
      if n.where then walk(n.where, lb, depth + 1) end
      for _, x in ipairs(n.parts or {}) do walk(x, base, depth + 1) end
      return
    end
    if not is_cond(n) then return end
    for _, x in ipairs(n.parts or {}) do walk(x, base, depth + 1) end
    if n.p and getmetatable(n.p) == EXPR then walk(n.p, base, depth + 1) end
    if n.p and plain_path(n.p) then
      local p = { path = (base and base .. "." or "") .. n.p.path }
      put(p, n.n); put(p, n.lo); put(p, n.hi); put(p, n.v)
    end
  end
  for _, d in ipairs(R.merged or {}) do
    local s = d.spec
    if type(s) == "table" and s.when ~= nil then walk(s.when, nil, 0) end
    if type(s) == "table" and s.value ~= nil then walk(s.value, nil, 0) end
  end
  return by
end

-- The graded fields: { path, steps = { { from, to }, ... } or numeric }.
local function graded_fields()
  local out, limits = {}, thresholds()
  for _, path in ipairs(sorted_keys(R.schema)) do
    local f = R.schema[path]
    if type(path) == "string" and f.decl ~= false then
      local g
      if f.ordered and f.values then
        g = { path = path, steps = {} }
        for i = 1, #f.values - 1 do g.steps[i] = { f.values[i], f.values[i + 1] } end
      elseif f.type == "boolean" and type(f.worse) == "boolean" then
        g = { path = path, steps = { { not f.worse, f.worse } } }
      elseif (f.type == "integer" or f.type == "number") and (f.worse == "higher" or f.worse == "lower") then
        local lo, hi = f.min or -huge, f.max or huge
        local s = f.type == "integer" and 1 or 0.5
        local dir = f.worse == "higher" and s or -s
        g = { path = path, steps = {}, number = dir }
        local seen = {}
        for _, t in ipairs(limits[path] or {}) do
          for _, x in ipairs({ t - s, t, t + s }) do
            local y = x + dir
            if x >= lo and x <= hi and y >= lo and y <= hi and not seen[x] then
              seen[x] = true
              g.steps[#g.steps + 1] = { x, y }
            end
          end
        end
        tsort(g.steps, function(a, b) return a[1] < b[1] end)
      end
      if g and #g.steps > 0 then out[#out + 1] = g end
    end
  end
  return out
end

-- The table holding the last key of path in case (objects made as
-- needed), and that key; nil when a list on the way is absent or empty
-- (its first entry is the one graded).
local function holder(case, path)
  local segs = {}
  for s in sgmatch(path, "[^%.]+") do segs[#segs + 1] = s end
  local t = case
  for i = 1, #segs - 1 do
    local s = segs[i]
    local list = smatch(s, "^(.*)%[%]$")
    if list then
      local l = t[list]
      if type(l) ~= "table" or l == NULL or type(l[1]) ~= "table" then return nil end
      t = l[1]
    else
      local o = t[s]
      if o == nil then o = {}; t[s] = o end
      if type(o) ~= "table" or o == NULL then return nil end
      t = o
    end
  end
  local last = segs[#segs]
  if smatch(last, "%[%]$") then return nil end
  return t, last
end

local evaluate = need("evaluate").evaluate

-- The pathway of case and its findings at that pathway, memoised by key.
local function outcome(case, key, memo, budget)
  local o = memo[key]
  if o ~= nil then return o end
  if budget.left <= 0 then return false end
  budget.left = budget.left - 1
  local ok, res = pcall(evaluate, case, { summary = false })
  o = false
  if ok and type(res) == "table" and res.status ~= "invalid" and type(res.suggestion) == "table" then
    local p = res.suggestion.pathway
    local at, all = {}, {}
    for _, f in ipairs(res.findings or {}) do
      if f.pathway == p then at[#at + 1] = f.rule end
      all[f.rule] = true
    end
    o = { rank = PATHWAY_RANK[p], pathway = p, fired = at, all = all }
  end
  memo[key] = o
  return o
end

-- base with the field at path set to v (a copy), or nil.
local function variant(base, path, v)
  local c = deep_copy(base)
  local h, k = holder(c, path)
  if h == nil then return nil end
  h[k] = v
  return c
end

-- bases: the cases to start from (tables, not changed here), each
-- different from the others.
function M.monotone(bases, add)
  local fields = graded_fields()
  local n = #(R.evaluated or {})
  local memo, reported = {}, {}
  local budget = { left = n > 0 and math_min(MAX_EVALS, EVAL_WORK // n) or MAX_EVALS }
  local compared = 0
  -- every field on the first bases before any on the later ones, so that
  -- the budget reaches every field
  for bi, base in ipairs(bases) do
    for _, g in ipairs(fields) do
      if budget.left <= 0 then return compared, #fields end
      local h, k = holder(deep_copy(base), g.path)
      local steps = h and g.steps or {}
      if h and g.number and type(h[k]) == "number" then   -- the case's own value, too
        steps = { { h[k], h[k] + g.number } }
        for _, st in ipairs(g.steps) do steps[#steps + 1] = st end
      end
      for _, st in ipairs(reported[g.path] and {} or steps) do
        local kl = sfmt("%d|%s|%s", bi, g.path, tostring(st[1]))
        local kh = sfmt("%d|%s|%s", bi, g.path, tostring(st[2]))
        local a = outcome(variant(base, g.path, st[1]), kl, memo, budget)
        local b = a and outcome(variant(base, g.path, st[2]), kh, memo, budget)
        if a and b then
          compared = compared + 1
          if b.rank < a.rank then
            local lost
            for _, name in ipairs(a.fired) do
              if not b.all[name] then lost = R.named[name]; break end
            end
            if lost == nil or lost.set == R.id then
              local file, line = lost and lost.file or "?", lost and lost.line or 0
              local decl = R.schema[g.path].decl
              if lost == nil and decl then file, line = decl.file, decl.line end
              add("not_monotone", "warning", file, line,
                  "worsening '%s' from %s to %s lowers the pathway from %s to %s%s. The worse case: %s",
                  g.path, show(st[1]), show(st[2]), a.pathway, b.pathway,
                  lost and sfmt(" ('%s' no longer applies)", lost.name) or "",
                  json_of(variant(base, g.path, st[2])))
              reported[g.path] = true
              break
            end
          end
        end
      end
    end
  end
  return compared, #fields
end

-- The cases of the set's tests (loaded by the caller), as bases.
function M.test_bases()
  local out, seen = {}, {}
  for _, d in ipairs(R.tests or {}) do
    local c = d.spec and d.spec.case
    local ex = d.spec and d.spec.expect
    if type(c) == "table" and not (type(ex) == "table" and ex.status == "invalid") then
      local key = json_of(c)
      if not seen[key] then seen[key] = true; out[#out + 1] = c end
    end
  end
  return out
end

M.json_of = json_of
return M
