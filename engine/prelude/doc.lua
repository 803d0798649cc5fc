-- prelude/doc.lua -- `threshold doc`: the loaded rule set as a document a
-- policy lead reads beside the threshold document it encodes. Levels in
-- order with the rules that suggest each, every condition in plain words
-- (the schema's doc of each field it reads as a gloss), decision tables as
-- rows, flags and their timescales, the facts the rules use, the data
-- dictionary, and what the set inherits and what it changed, with why.
--
-- The document is data, not markup: a condition is a list of lines, each
-- a depth and a list of words, each word { "t", text }, { "c", a path or
-- value as written in the rules } or { "g", a field's doc }. The host
-- renders it (HTML, Markdown) and escapes every string as it goes.

local host, need = ...
local type, ipairs, tostring, getmetatable, math_type, floor =
  type, ipairs, tostring, getmetatable, math.type, math.floor
local sfmt, smatch, ssub =
  string.format, string.match, string.sub
local getinfo = host.debug.getinfo
local util = need "util"
local sorted_keys =
  util.sorted_keys
local cond = need "cond"
local EXPR, is_cond =
  cond.EXPR, cond.is_cond
local schema_list =
  need("evaluate").schema
local code_lines =
  need("lint").code_lines
local getlocal = host.debug.getlocal
local sgmatch, sgsub = string.gmatch, string.gsub
local R      -- the registry in force (declare.use_registry)
need("declare").on_registry(function(r) R = r end)
local SOURCES = {}   -- the set's sources, by file name, while a document is made

local M = {}

-- A value as the rules write it: a string as itself, a number without a
-- needless ".0", true/false.
local function value_text(v)
  if type(v) == "number" and math_type(v) == "float" and v == floor(v) and v > -1e15 and v < 1e15 then
    return sfmt("%d", v)
  end
  if type(v) == "table" then return "(a list)" end
  return tostring(v)
end

local function T(s) return { "t", s } end
local function C(s) return { "c", value_text(s) } end
local function N(n) return { "t", value_text(n) } end    -- a number in a sentence

-- The field or fact a path names (relative to base, a list entry's path
-- "concerns[]" inside count's where): its doc, for the gloss.
local function doc_of(path, base)
  local full = base and (base .. "." .. path) or path
  local f = R.schema[full]
  if f and type(f.doc) == "string" then return f.doc end
  if base == nil then
    local fact = R.facts[path]
    if fact and type(fact.spec.doc) == "string" then return fact.spec.doc end
  end
  return nil
end

-- Words for a path: the path as written, then its doc.
local function term(p, base, words)
  words[#words + 1] = C(p.path)
  local d = doc_of(p.path, base)
  if d then words[#words + 1] = { "g", d } end
  return words
end

local function value_list(vs, words, last)
  for i, v in ipairs(vs) do
    if i > 1 then words[#words + 1] = T(i == #vs and (" " .. last .. " ") or ", ") end
    words[#words + 1] = C(v)
  end
  return words
end

-- Where a function is written: "core/gcp2.lua:96-101".
local function where_fn(f)
  local info = getinfo(f, "S")
  if info == nil or ssub(info.source, 1, 1) ~= "@" then return "the rule files" end
  local file = ssub(info.source, 2)
  if info.lastlinedefined > info.linedefined then
    return sfmt("%s:%d-%d", file, info.linedefined, info.lastlinedefined)
  end
  return sfmt("%s:%d", file, info.linedefined)
end

-- The case fields and facts a function(c)'s own body names (`c.x.y`),
-- in the order it first names them: a static reading of its text, which
-- does not follow the helpers it calls.
local function reads_of(f)
  local info = getinfo(f, "S")
  if info == nil or ssub(info.source, 1, 1) ~= "@" or info.linedefined <= 0 then return {} end
  local text = SOURCES[ssub(info.source, 2)]
  local param = getlocal(f, 1)
  if text == nil or param == nil or not smatch(param, "^[%a_][%w_]*$") then return {} end
  local out, seen = {}, {}
  for _, l in ipairs(code_lines(text, info.linedefined, info.lastlinedefined)) do
    for tail in sgmatch(l.text, "%f[%w_%.]" .. param .. "%.([%a_][%w_%.]*)") do
      local path
      local first = smatch(tail, "^[^%.]+")
      if R.facts[first] then
        path = first
      else
        local sp = ""
        for seg in sgmatch(tail, "[^%.]+") do
          local nsp = sp == "" and seg or sp .. "." .. seg
          local fld = R.schema[nsp]
          if fld == nil then break end
          path = nsp
          if fld.type ~= "object" then break end
          sp = nsp
        end
      end
      if path and not seen[path] then
        seen[path] = true
        out[#out + 1] = path
      end
    end
    -- the case itself handed on (to a helper): what that reads is not traced
    local code = l.n == info.linedefined and sgsub(l.text, "function%s*%b()", "") or l.text
    if smatch(" " .. code .. " ", "[^%w_%.]" .. param .. "[^%w_%.]") then out.opaque = true end
  end
  return out
end

-- A function as words: where it is written, and what its body names.
local function function_words(f, lead_words)
  local w = { T(lead_words .. " (" .. where_fn(f) .. ")") }
  local reads = reads_of(f)
  for i, p in ipairs(reads) do
    w[#w + 1] = T(i == 1 and "; its code names " or (i == #reads and " and " or ", "))
    w[#w + 1] = C(p)
  end
  return w
end

-- Every schema path under p ("tools[].tool", "current.plan_start").
local function pairs_sorted_prefix(p)
  local keys, i = {}, 0
  for _, k in ipairs(sorted_keys(R.schema)) do
    if type(k) == "string" and (ssub(k, 1, #p + 1) == p .. "." or ssub(k, 1, #p + 3) == p .. "[].") then
      keys[#keys + 1] = k
    end
  end
  return function() i = i + 1; return keys[i] end
end

-- The fields (schema paths, "concerns[].impact" for a list's entries) and
-- facts (by name) a condition or value reads, as keys of out.
local function paths_of(n, base, out)
  local function at(p) return base and (base .. "." .. p) or p end
  if type(n) == "function" then
    local rs = reads_of(n)
    for _, p in ipairs(rs) do
      out[p] = true
      local f = R.schema[p]
      if f and (f.type == "array" or f.type == "object") then  -- its entries' fields, through locals
        for q in pairs_sorted_prefix(p) do out[q] = true end
      end
    end
    if rs.opaque then out["\0opaque"] = true end
  elseif getmetatable(n) == EXPR then
    if n.kind == "count" then
      out[at(n.list.path)] = true
      if n.where ~= nil then paths_of(n.where, at(n.list.path) .. "[]", out) end
    elseif n.kind == "how_many" then
      for _, x in ipairs(n.parts) do paths_of(x, base, out) end
    elseif n.kind == "largest" then
      for _, p in ipairs(n.paths) do out[at(p.path)] = true end
    end
  elseif is_cond(n) then
    if n.parts then
      for _, x in ipairs(n.parts) do paths_of(x, base, out) end
    else
      if n.p then
        if getmetatable(n.p) == EXPR then paths_of(n.p, base, out) else out[at(n.p.path)] = true end
      end
      if n.q then out[at(n.q.path)] = true end
    end
  end
  return out
end

local GROUP = { all = "all of these hold", any = "any of these holds", none = "none of these holds" }

local function group_words(n)
  if n.op == "at_least_n_of" then return sfmt("at least %s of these hold", value_text(n.n)) end
  return GROUP[n.op]
end

local COMPARE = { at_least = "is at least", at_most = "is at most", above = "is above", below = "is below" }
local SPAN = {
  within_days = { "is within", "days before the assessment date" },
  at_least_days_ago = { "is at least", "days before the assessment date" },
  at_least_months_ago = { "is at least", "months before the assessment date" },
  at_least_working_days_ago = { "is at least", "working days before the assessment date" },
}

local render           -- forward: render(n, base, depth, out, why)

-- Lines for a condition that leads with words and may go on with the
-- lines of a sub-condition (count's where, a group).
local function lead(out, depth, words, sub, base, why)
  if sub == nil then
    out[#out + 1] = { d = depth, w = words }
  elseif is_cond(sub) and sub.parts == nil then
    local inner = {}
    render(sub, base, 0, inner, why)
    if #inner == 1 then
      for _, w in ipairs(inner[1].w) do words[#words + 1] = w end
      out[#out + 1] = { d = depth, w = words }
      return
    end
    out[#out + 1] = { d = depth, w = words }
    for _, l in ipairs(inner) do out[#out + 1] = { d = depth + 1 + l.d, w = l.w } end
  elseif is_cond(sub) then
    words[#words + 1] = T(group_words(sub) .. ":")
    out[#out + 1] = { d = depth, w = words }
    for _, x in ipairs(sub.parts) do render(x, base, depth + 1, out, why) end
  else                            -- a function: its own line below
    out[#out + 1] = { d = depth, w = words }
    render(sub, base, depth + 1, out, why)
  end
end

-- A comparison whose left side is a value expression (count, how_many,
-- largest).
local function compare_expr(n, base, depth, out, why)
  local x, op = n.p, n.op
  local k = n.n
  if x.kind == "count" then
    local list = term(x.list, base, {})
    local inner = base and (base .. "." .. x.list.path .. "[]") or (x.list.path .. "[]")
    if x.where ~= nil and ((op == "at_least" and k == 1) or (op == "above" and k == 0)) then
      local w = { T("at least one entry in ") }
      for _, v in ipairs(list) do w[#w + 1] = v end
      w[#w + 1] = T(" where ")
      return lead(out, depth, w, x.where, inner, why)
    end
    if x.where ~= nil and ((op == "below" and k == 1) or (op == "at_most" and k == 0)) then
      local w = { T("no entry in ") }
      for _, v in ipairs(list) do w[#w + 1] = v end
      w[#w + 1] = T(" where ")
      return lead(out, depth, w, x.where, inner, why)
    end
    if x.where == nil then
      local w = list
      if (op == "at_least" and k == 1) or (op == "above" and k == 0) then
        w[#w + 1] = T(" has at least one entry")
      elseif (op == "below" and k == 1) or (op == "at_most" and k == 0) then
        w[#w + 1] = T(" has no entries")
      else
        w[#w + 1] = T(sfmt(" has %s %s %s", op == "at_least" and "at least" or op == "at_most" and "at most"
                           or op == "above" and "more than" or "fewer than", value_text(k),
                           k == 1 and "entry" or "entries"))
      end
      out[#out + 1] = { d = depth, w = w }
      return
    end
    local w = { T("the number of entries in ") }
    for _, v in ipairs(list) do w[#w + 1] = v end
    w[#w + 1] = T(sfmt(" %s %s, counting those where ", COMPARE[op], value_text(k)))
    return lead(out, depth, w, x.where, inner, why)
  elseif x.kind == "how_many" then
    local words
    if op == "at_least" then words = sfmt("at least %s of these hold:", value_text(k))
    elseif op == "above" then words = sfmt("more than %s of these hold:", value_text(k))
    elseif op == "at_most" then words = sfmt("at most %s of these hold:", value_text(k))
    else words = sfmt("fewer than %s of these hold:", value_text(k)) end
    out[#out + 1] = { d = depth, w = { T(words) } }
    for _, p in ipairs(x.parts) do render(p, base, depth + 1, out, why) end
    return
  elseif x.kind == "largest" then
    local w = { T("the largest of ") }
    for i, p in ipairs(x.paths) do
      if i > 1 then w[#w + 1] = T(i == #x.paths and " and " or ", ") end
      term(p, base, w)
    end
    w[#w + 1] = T(" " .. COMPARE[op] .. " ")
    w[#w + 1] = N(k)
    out[#out + 1] = { d = depth, w = w }
    return
  end
  out[#out + 1] = { d = depth, w = { T(n.describe and n:describe() or op) } }
end

-- The lines of condition n, at depth, appended to out. why: the plain
-- words of the declaration, shown for a function(c).
function render(n, base, depth, out, why)
  if type(n) == "function" then
    local w = function_words(n, "a test written in Lua")
    if why then w[#w + 1] = T(sfmt("; in the rule's words: %s", why)) end
    out[#out + 1] = { d = depth, w = w }
    return
  end
  if not is_cond(n) then
    out[#out + 1] = { d = depth, w = { T("a condition") } }
    return
  end
  local op = n.op
  if n.parts then
    if #n.parts == 1 and op == "all" or (op == "any" and #n.parts == 1) then
      return render(n.parts[1], base, depth, out, why)
    end
    out[#out + 1] = { d = depth, w = { T(group_words(n) .. ":") } }
    for _, x in ipairs(n.parts) do render(x, base, depth + 1, out, why) end
    return
  end
  if n.p and getmetatable(n.p) == EXPR and COMPARE[op] then
    return compare_expr(n, base, depth, out, why)
  end
  local w = {}
  if op == "fired" then
    w = { T("the rule "), C(n.name), T(" applies") }
  elseif op == "suggestion_is" then
    local lv = R.level_by_id[n.level]
    w = { T("the suggested level is "), C(n.level) }
    if lv then w[#w + 1] = { "g", lv.label } end
  elseif n.p == nil or getmetatable(n.p) == EXPR then
    w = { T(n.describe and n:describe() or op) }
  else
    term(n.p, base, w)
    if op == "is" then
      w[#w + 1] = T(" is ")
      w[#w + 1] = C(n.v)
    elseif op == "is_not" then
      w[#w + 1] = T(" is not ")
      w[#w + 1] = C(n.v)
    elseif op == "one_of" then
      w[#w + 1] = T(" is one of ")
      value_list(n.shown or n.vs, w, "or")
    elseif COMPARE[op] then
      w[#w + 1] = T(" " .. COMPARE[op] .. " ")
      w[#w + 1] = N(n.n)
    elseif op == "between" then
      w[#w + 1] = T(" is between ")
      w[#w + 1] = N(n.lo)
      w[#w + 1] = T(" and ")
      w[#w + 1] = N(n.hi)
    elseif op == "present" then
      w[#w + 1] = T(" is recorded")
    elseif SPAN[op] then
      w[#w + 1] = T(" " .. SPAN[op][1] .. " ")
      w[#w + 1] = N(n.n)
      w[#w + 1] = T(" " .. SPAN[op][2])
    elseif op == "date_after" then
      w[#w + 1] = T(" is after ")
      term(n.q, base, w)
    else
      w = { T(n.describe and n:describe() or op) }
    end
  end
  out[#out + 1] = { d = depth, w = w }
end

-- A value expression (a fact's value) in words.
local function expr_lines(x, why)
  local out = {}
  if type(x) == "function" then
    out[1] = { d = 0, w = function_words(x, "worked out by Lua") }
  elseif x.kind == "count" then
    local w = { T("the number of entries in ") }
    term(x.list, nil, w)
    if x.where == nil then
      out[1] = { d = 0, w = w }
    else
      w[#w + 1] = T(" where ")
      lead(out, 0, w, x.where, x.list.path .. "[]", why)
    end
  elseif x.kind == "how_many" then
    out[1] = { d = 0, w = { T("how many of these hold:") } }
    for _, p in ipairs(x.parts) do render(p, nil, 1, out, why) end
  elseif x.kind == "largest" then
    local w = { T("the largest of ") }
    for i, p in ipairs(x.paths) do
      if i > 1 then w[#w + 1] = T(i == #x.paths and " and " or ", ") end
      term(p, nil, w)
    end
    out[1] = { d = 0, w = w }
  end
  return out
end

local function when_lines(c, why)
  local out = {}
  if c ~= nil then render(c, nil, 0, out, why) end
  return out
end

-- The timescales a condition reads: { path, n, unit } for each date span.
local function spans_of(n, out, base)
  if is_cond(n) then
    if n.parts then
      for _, x in ipairs(n.parts) do spans_of(x, out, base) end
    elseif SPAN[n.op] and n.p and n.p.path then
      local unit = ssub(SPAN[n.op][2], 1, -(#" before the assessment date" + 1))
      out[#out + 1] = { path = n.p.path, n = n.n, unit = unit, op = n.op,
                        doc = doc_of(n.p.path, base) }
    elseif n.p and getmetatable(n.p) == EXPR and n.p.kind == "count" and n.p.where then
      spans_of(n.p.where, out, (base and base .. "." or "") .. n.p.list.path .. "[]")
    end
  end
  return out
end

-- Decision-table cells as words: the raw cell, by its column.
local function cell_words(cell)
  if cell == "-" then return { T("any") } end
  if type(cell) == "table" then return value_list(cell, {}, "or") end
  if type(cell) == "string" then
    local op, num = smatch(cell, "^%s*([<>]=?)%s*(%-?[%d%.]+)%s*$")
    if op then
      local words = { [">="] = "%s or more", [">"] = "more than %s", ["<="] = "%s or less",
                      ["<"] = "less than %s" }
      return { T(sfmt(words[op], num)) }
    end
    local lo, hi = smatch(cell, "^%s*(%-?[%d%.]+)%s*%.%.%s*(%-?[%d%.]+)%s*$")
    if lo then return { T(sfmt("%s to %s", lo, hi)) } end
  end
  if type(cell) == "number" then return { T(value_text(cell)) } end
  return { C(cell) }
end

local HIT_WORDS = {
  unique = "exactly one row may match a case",
  first = "the first row that matches applies",
  priority = "of the rows that match, the one with the highest level applies",
  collect = "every row that matches applies",
}

local function strings(t)
  local out = {}
  if type(t) == "table" then for i, s in ipairs(t) do out[i] = tostring(s) end end
  return out
end

local function level_of(id)
  local lv = R.level_by_id[id]
  return lv and lv.id or (id ~= nil and tostring(id) or nil), lv and lv.label or nil
end

-- Where a merged declaration came from: "local", "inherited" (with the
-- set), or "changed" (an override of an inherited one: its origin).
local function provenance(d, out)
  out.set, out.file, out.line = d.set, d.file, d.line
  if d.origin then out.status = "changed"; out.origin = d.origin
  elseif d.set ~= R.id then out.status = "inherited"
  else out.status = "local" end
  return out
end

local function common(d)
  local s = d.spec
  local o = provenance(d, { name = d.name, kind = d.kind })
  o.cite = type(s.cite) == "string" and s.cite or nil
  o.reason = type(s.reason) == "string" and s.reason or nil
  o.doc = type(s.doc) == "string" and s.doc or nil
  o.basis = type(s.basis) == "string" and s.basis or nil
  o.why = type(s.why) == "string" and s.why or nil
  o.actions = strings(s.actions)
  o.tags = strings(s.tags)
  return o
end

local function table_doc(d)
  local o = common(d)
  o.hit = d.hit or "unique"
  o.hit_words = HIT_WORDS[o.hit]
  o.inputs, o.rows = {}, {}
  for i, p in ipairs(d.inputs or {}) do
    local f = R.schema[p.path]
    local fact = R.facts[p.path]
    o.inputs[i] = { path = p.path, doc = doc_of(p.path),
                    type = f and f.type or fact and fact.spec.type or nil }
  end
  local raw = type(d.spec.rows) == "table" and d.spec.rows or {}
  for ri, r in ipairs(d.rows or {}) do
    local spec = raw[ri] or {}
    local row = { n = ri, cells = {}, otherwise = r.otherwise or nil,
                  reason = r.reason, cite = r.cite, basis = r.basis, why = r.why,
                  actions = strings(r.actions) }
    if r.otherwise then
      row.level = spec[2] ~= "-" and spec[2] or nil
    else
      for ci = 1, #o.inputs do row.cells[ci] = cell_words(spec[ci]) end
      row.level = spec[#o.inputs + 1]
    end
    if r.lv then row.level, row.level_label = r.lv.id, r.lv.label end
    o.rows[ri] = row
  end
  return o
end

local function earlier_decl(d)
  for i = d.seq - 1, 1, -1 do
    local t = R.decls[i]
    if t.name == d.name and (t.kind == "rule" or t.kind == "flag" or t.kind == "decision_table"
                             or t.kind == "fact") then
      return t
    end
  end
  return nil
end

local function shown_value(k, v, why)
  if k == "when" then return { lines = when_lines(v, why) } end
  if k == "actions" or k == "tags" then return { list = strings(v) } end
  if k == "rows" then return { text = sfmt("%d rows", type(v) == "table" and #v or 0) } end
  if type(v) == "function" then return { text = "a Lua function (" .. where_fn(v) .. ")" } end
  if type(v) == "table" then return { text = "(a list)" } end
  if v == nil then return { text = "(none)" } end
  return { text = value_text(v) }
end

local function changes()
  local out = { overrides = {}, disables = {} }
  for _, d in ipairs(R.decls) do
    if d.set == R.id and (d.kind == "override" or d.kind == "disable") then
      local t = earlier_decl(d)
      local o = { kind = d.kind, name = d.name, file = d.file, line = d.line,
                  cite = type(d.spec.cite) == "string" and d.spec.cite or nil,
                  reason = type(d.spec.reason) == "string" and d.spec.reason or nil,
                  basis = type(d.spec.basis) == "string" and d.spec.basis or nil,
                  why = type(d.spec.why) == "string" and d.spec.why or nil }
      if t then
        o.target_kind, o.origin, o.origin_set = t.kind, sfmt("%s:%d", t.file, t.line), t.set
        if t.kind == "rule" then o.was_level = level_of(t.spec.level) end
      end
      if d.kind == "override" then
        o.keys = {}
        for _, k in ipairs(sorted_keys(d.spec)) do
          if type(k) == "string" then
            local was = t and t.spec[k]
            local now = d.spec[k]
            o.keys[#o.keys + 1] = { key = k,
              was = shown_value(k, was, t and type(t.spec.reason) == "string" and t.spec.reason),
              now = shown_value(k, now, type(d.spec.reason) == "string" and d.spec.reason
                                or t and type(t.spec.reason) == "string" and t.spec.reason) }
          end
        end
        out.overrides[#out.overrides + 1] = o
      else
        out.disables[#out.disables + 1] = o
      end
    end
  end
  return out
end

local function manifest(m)
  return { id = m.id, title = m.title, version = m.version, extends = m.extends,
           source = m.source, sources = strings(m.sources), doc = m.doc, area = m.area,
           file = m.file, line = m.line }
end

-- The document of the loaded rule set. sources: { [name] = text } of
-- its files and its parents' (for what a function(c) names).
function M.doc(sources)
  SOURCES = type(sources) == "table" and sources or {}
  local levels, by_id = {}, {}
  local ldecl
  for _, d in ipairs(R.decls) do if d.kind == "levels" then ldecl = d end end
  for i, lv in ipairs(R.levels or {}) do
    local entry = ldecl and ldecl.spec[i]
    levels[i] = { id = lv.id, label = lv.label, pathway = lv.pathway, rank = lv.rank,
                  doc = type(entry) == "table" and type(entry.doc) == "string" and entry.doc or nil,
                  rules = {}, rows = {} }
    by_id[lv.id] = levels[i]
  end
  local doc = { format = 1, ruleset = manifest(R.sets[#R.sets]), chain = {}, levels = levels,
                tables = {}, flags = {}, facts = {}, fields = {}, checks = {}, timescales = {},
                hash = R.hash, counts = { rules = 0, flags = 0, tables = 0, facts = 0 },
                inherited = { rules = 0, flags = 0, tables = 0, facts = 0, fields = 0 } }
  for i, m in ipairs(R.sets) do doc.chain[i] = manifest(m) end
  doc.levels_file = ldecl and sfmt("%s:%d", ldecl.file, ldecl.line) or nil
  doc.levels_set = ldecl and ldecl.set or nil
  doc.decide = R.decide_source
  local field_set = {}
  local used = {}                      -- path or fact -> names of what reads it
  local doc_opaque = {}                -- whose Lua code hands the case on: reads not traced
  local function reads(d, a, b)
    local ps = {}
    if a ~= nil then paths_of(a, nil, ps) end
    if b ~= nil then paths_of(b, nil, ps) end
    if ps["\0opaque"] then
      ps["\0opaque"] = nil
      doc_opaque[#doc_opaque + 1] = d.name
    end
    for _, p in ipairs(sorted_keys(ps)) do
      used[p] = used[p] or {}
      used[p][#used[p] + 1] = d.name
    end
  end
  for _, d in ipairs(R.merged or {}) do
    if d.kind == "rule" or d.kind == "flag" or d.kind == "check" then reads(d, d.spec.when)
    elseif d.kind == "fact" then reads(d, d.spec.when, d.spec.value)
    elseif d.kind == "decision_table" then
      local ins = {}
      for _, p in ipairs(d.inputs or {}) do ins[p.path] = true end
      for _, p in ipairs(sorted_keys(ins)) do
        used[p] = used[p] or {}
        used[p][#used[p] + 1] = d.name
      end
    end
  end
  for _, d in ipairs(R.merged or {}) do
    local s = d.spec
    local plural = d.kind == "rule" and "rules" or d.kind == "flag" and "flags"
      or d.kind == "decision_table" and "tables" or d.kind == "fact" and "facts"
      or d.kind == "field" and "fields" or nil
    if plural and d.set ~= R.id and not d.origin then
      doc.inherited[plural] = doc.inherited[plural] + 1
    end
    if d.kind == "rule" then
      local o = common(d)
      o.level, o.level_label = level_of(s.level)
      o.when = when_lines(s.when, o.reason)
      local lv = d.lv and by_id[d.lv.id]
      if lv then lv.rules[#lv.rules + 1] = o end
      doc.counts.rules = doc.counts.rules + 1
    elseif d.kind == "flag" then
      local o = common(d)
      o.severity = type(s.severity) == "string" and s.severity or nil
      o.when = when_lines(s.when, o.reason)
      o.timescales = spans_of(s.when, {})
      doc.flags[#doc.flags + 1] = o
      for _, t in ipairs(o.timescales) do
        doc.timescales[#doc.timescales + 1] = { flag = d.name, path = t.path, n = t.n,
          unit = t.unit, op = t.op, doc = t.doc, cite = o.cite }
      end
      doc.counts.flags = doc.counts.flags + 1
    elseif d.kind == "decision_table" then
      local o = table_doc(d)
      doc.tables[#doc.tables + 1] = o
      for _, row in ipairs(o.rows) do
        local lv = row.level and by_id[row.level]
        if lv then lv.rows[#lv.rows + 1] = { table = d.name, row = row.n, reason = row.reason,
                                             otherwise = row.otherwise, index = #doc.tables } end
      end
      doc.counts.tables = doc.counts.tables + 1
    elseif d.kind == "fact" then
      local o = provenance(d, { name = d.name, doc = type(s.doc) == "string" and s.doc or nil,
                                type = type(s.type) == "string" and s.type or nil,
                                values = strings(s.values),
                                unit = type(s.unit) == "string" and s.unit or nil })
      if s.when ~= nil then o.when = when_lines(s.when, o.doc)
      elseif s.value ~= nil then o.value = expr_lines(s.value, nil) end
      o.used_by = used[d.name] or {}
      doc.facts[#doc.facts + 1] = o
      doc.counts.facts = doc.counts.facts + 1
    elseif d.kind == "field" then
      field_set[d.name] = d
    elseif d.kind == "check" then
      doc.checks[#doc.checks + 1] = provenance(d, { name = d.name,
        path = type(s.path) == "string" and s.path or nil,
        message = type(s.message) == "string" and s.message or nil,
        when = when_lines(s.when, type(s.message) == "string" and s.message or nil) })
    end
  end
  for _, f in ipairs(schema_list()) do
    local sf = R.schema[f.path] or {}
    local d = field_set[f.path]
    local o = { path = f.path, type = f.type, of = f.of, values = strings(f.values),
                min = f.min, max = f.max, unit = sf.unit, doc = f.doc, nullable = f.nullable,
                ordered = f.ordered, worse = f.worse ~= nil and value_text(f.worse) or nil,
                future = sf.future }
    if type(sf.default) == "table" then
      o.default_text = #sf.default == 0 and "an empty list" or "a list"
    elseif sf.default ~= nil then
      o.default = value_text(sf.default)
    end
    if d then provenance(d, o) else o.status = "built in" end
    o.used_by = used[f.path] or {}
    doc.fields[#doc.fields + 1] = o
  end
  -- under each level, the set's own rules and those it changed first,
  -- then what it inherits unchanged, each in declaration order
  for _, lv in ipairs(levels) do
    local own, inherited = {}, {}
    for _, r in ipairs(lv.rules) do
      if r.status == "inherited" then inherited[#inherited + 1] = r else own[#own + 1] = r end
    end
    for _, r in ipairs(inherited) do own[#own + 1] = r end
    lv.rules = own
  end
  doc.untraced = doc_opaque
  doc.changes = changes()
  SOURCES = {}
  return doc
end

return M
