-- prelude/lint.lua -- `threshold check`: what a loaded rule set says that
-- loads but cannot be what its author meant. Comparisons with a value the
-- field cannot hold, fields a function(c) reads that the schema does not
-- have, decision tables with gaps, overlaps or masked rows, inherited rules
-- lowered or removed, blank or placeholder citations, levels no rule
-- suggests, and the coverage gaps of the set's own tests. Each finding
-- names a file and line, a kind, and whether it is a warning (check fails)
-- or a note (listed for a reviewer: a documented local decision).
--
-- Only the set's own declarations are checked: an extending set is not
-- blamed for its parent's findings (check the parent by name).

local host, need = ...
local type, ipairs, tostring, tonumber, getmetatable, pcall, math_type, floor =
  type, ipairs, tostring, tonumber, getmetatable, pcall, math.type, math.floor
local sfmt, sgmatch, smatch, sgsub, ssub, sfind, slower, tconcat, tsort =
  string.format, string.gmatch, string.match, string.gsub, string.sub, string.find,
  string.lower, table.concat, table.sort
local debug_lib = host.debug
local getinfo, getlocal = debug_lib.getinfo, debug_lib.getlocal
local util = need "util"
local did_you_mean, show, list_set =
  util.did_you_mean, util.show, util.list_set
local cond = need "cond"
local EXPR, is_cond =
  cond.EXPR, cond.is_cond
local parse_date =
  need("dates").parse_date
local R      -- the registry in force (declare.use_registry)
need("declare").on_registry(function(r) R = r end)
local lint_rules = need "lint_rules"
local load_tests =
  need("testing").load_tests

local M = {}

local MAX_COMBINATIONS = 20000      -- decision-table input combinations tried
local MAX_SHOWN = 3                 -- gap combinations named in one finding

local PLACEHOLDER = list_set({ "todo", "tbc", "tbd", "fixme", "xxx", "?", "??", "???",
  "cite", "reason", "none", "n/a", "-", "...", "tba" })

-- The type (and values, range) a path in a condition names: a schema field,
-- or a one-segment fact with a declared type. nil when not known.
local function field_of(p, base)
  if getmetatable(p) == EXPR then return nil end
  if base == nil and R.facts[p.segs[1]] then
    local f = R.facts[p.segs[1]]
    if #p.segs ~= 1 then return nil end
    local ty = f.spec.type
    if ty == nil and f.spec.when ~= nil then ty = "boolean" end
    if ty == nil then return nil end
    return { type = ty, values = f.spec.values, path = p.path, fact = true }
  end
  local f = R.schema[(base and base .. "." or "") .. p.path]
  if f == nil then return nil end
  return { type = f.type, values = f.values, min = f.min, max = f.max, path = p.path }
end

local function is_integral(v) return math_type(v) == "integer" or (type(v) == "number" and floor(v) == v) end

local function values_text(f)
  return f.values and tconcat(f.values, ", ") or ""
end

-- What is wrong with comparing field f with value v, as (kind, message), or nil.
local function bad_value(f, v, helper)
  local ty = f.type
  if ty == "enum" then
    if type(v) ~= "string" then
      return "wrong_type", sfmt("%s: '%s' holds one of its values (%s); %s is %s, never equal",
                                helper, f.path, values_text(f), show(v), type(v))
    end
    local vs = f.values and list_set(f.values)
    if vs and not vs[v] then
      return "not_a_value", sfmt("%s: %s is not a value of '%s'%s (values: %s): the comparison can never hold",
                                 helper, show(v), f.path, did_you_mean(v, f.values), values_text(f))
    end
  elseif ty == "boolean" then
    if type(v) ~= "boolean" then
      return "wrong_type", sfmt("%s: '%s' is true or false; %s is %s, never equal", helper, f.path, show(v), type(v))
    end
  elseif ty == "number" or ty == "integer" then
    if type(v) ~= "number" then
      return "wrong_type", sfmt("%s: '%s' is a number; %s is %s, never equal", helper, f.path, show(v), type(v))
    end
    if ty == "integer" and not is_integral(v) then
      return "wrong_type", sfmt("%s: '%s' is a whole number; %s never equals it", helper, f.path, show(v))
    end
    if (f.min and v < f.min) or (f.max and v > f.max) then
      return "out_of_range", sfmt("%s: '%s' lies between %s and %s; %s is outside, never equal",
                                  helper, f.path, show(f.min or "-inf"), show(f.max or "inf"), show(v))
    end
  elseif ty == "date" then
    if type(v) ~= "string" or not parse_date(v) then
      return "wrong_type", sfmt("%s: '%s' is a date (YYYY-MM-DD); %s is not a date", helper, f.path, show(v))
    end
  elseif ty == "string" then
    if type(v) ~= "string" then
      return "wrong_type", sfmt("%s: '%s' is text; %s is %s, never equal", helper, f.path, show(v), type(v))
    end
  elseif ty == "array" or ty == "object" then
    return "wrong_type", sfmt("%s: '%s' is %s %s, not a single value; compare one of its fields",
                              helper, f.path, ty == "array" and "a list" or "an", ty == "array" and "" or "object")
  end
  return nil
end

local NUMERIC = { at_least = true, at_most = true, above = true, below = true, between = true }
local DATE_SPAN = { within_days = true, at_least_days_ago = true, at_least_months_ago = true,
                    at_least_working_days_ago = true }

-- Walk a condition (or value expression) tree: visit(node, base) for each
-- data condition, fn(f) for each function met.
local function walk(n, base, visit, fn)
  if type(n) == "function" then fn(n); return end
  if getmetatable(n) == EXPR then
    if n.kind == "how_many" then
      for _, x in ipairs(n.parts) do walk(x, base, visit, fn) end
    elseif n.kind == "count" then
      if n.where ~= nil then walk(n.where, (base and base .. "." or "") .. n.list.path .. "[]", visit, fn) end
    end
    return
  end
  if not is_cond(n) then return end
  if n.parts then
    for _, x in ipairs(n.parts) do walk(x, base, visit, fn) end
    return
  end
  if n.p and getmetatable(n.p) == EXPR then walk(n.p, base, visit, fn) end
  visit(n, base)
end

local function check_comparison(n, base, add)
  local op = n.op
  local f = n.p and field_of(n.p, base)
  if f == nil then return end
  local kind, msg
  if op == "is" or op == "is_not" then
    if n.v ~= nil then kind, msg = bad_value(f, n.v, op) end
  elseif op == "one_of" then
    for _, v in ipairs(n.shown or n.vs) do
      kind, msg = bad_value(f, v, op)
      if kind then break end
    end
  elseif NUMERIC[op] then
    if f.type ~= "number" and f.type ~= "integer" and f.type ~= "array" then
      kind, msg = "wrong_type", sfmt("%s: '%s' is %s, not a number or a list", op, f.path, f.type)
    elseif f.type ~= "array" then
      local lo, hi = f.min, f.max
      local never
      if op == "at_least" and hi and n.n > hi then never = true end
      if op == "above" and hi and n.n >= hi then never = true end
      if op == "at_most" and lo and n.n < lo then never = true end
      if op == "below" and lo and n.n <= lo then never = true end
      if op == "between" and (n.lo > n.hi or (hi and n.lo > hi) or (lo and n.hi < lo)) then never = true end
      if never then
        kind, msg = "out_of_range", sfmt("%s: '%s' lies between %s and %s, so this can never hold",
                                         op, f.path, show(lo or "-inf"), show(hi or "inf"))
      end
    end
  elseif DATE_SPAN[op] then
    if f.type ~= "date" then
      kind, msg = "wrong_type", sfmt("%s: '%s' is %s, not a date", op, f.path, f.type)
    end
  elseif op == "date_after" then
    local g = field_of(n.q, base)
    for _, x in ipairs({ f, g }) do
      if x and x.type ~= "date" then
        kind, msg = "wrong_type", sfmt("date_after: '%s' is %s, not a date", x.path, x.type)
      end
    end
  end
  if kind then add(kind, "warning", n.file, n.line, "%s", msg) end
end

-- Lines first..last of a source text, with comments and string literals
-- blanked, so a scan of the code sees only code.
local function code_lines(text, first, last)
  local lines, i = {}, 0
  for line in sgmatch(text .. "\n", "([^\n]*)\n") do
    i = i + 1
    if i > last then break end
    if i >= first then lines[#lines + 1] = { n = i, text = line } end
  end
  for _, l in ipairs(lines) do
    local s = l.text
    s = sgsub(s, "\\.", "  ")
    s = sgsub(s, "\"[^\"]*\"", "\"\"")
    s = sgsub(s, "'[^']*'", "''")
    local c = sfind(s, "--", 1, true)
    if c then s = ssub(s, 1, c - 1) end
    l.text = s
  end
  return lines
end

-- The reads `c.x.y` of a function(c)'s body, each path checked against the
-- schema (a fact's name stops the walk; so does a field that is not an
-- object: what follows is the value's own use).
local function scan_function(fnv, sources, add, seen)
  local info = getinfo(fnv, "S")
  if info == nil or ssub(info.source, 1, 1) ~= "@" or info.linedefined <= 0 then return end
  local file = ssub(info.source, 2)
  local key = sfmt("%s:%d", file, info.linedefined)
  if seen[key] then return end
  seen[key] = true
  local param = getlocal(fnv, 1)
  local text = sources[file]
  if param == nil or text == nil or not smatch(param, "^[%a_][%w_]*$") then return end
  for _, l in ipairs(code_lines(text, info.linedefined, info.lastlinedefined)) do
    for tail in sgmatch(l.text, "%f[%w_%.]" .. param .. "(%.[%a_][%w_%.]*)") do
      local segs = {}
      for s in sgmatch(tail, "[^%.]+") do segs[#segs + 1] = s end
      if not R.facts[segs[1]] then
        local sp = ""
        for _, s in ipairs(segs) do
          local nsp = sp == "" and s or sp .. "." .. s
          local f = R.schema[nsp]
          if f == nil then
            local msg = sfmt("function(%s) reads '%s%s': '%s' is not a field of the case schema%s",
                             param, param, tail, nsp, did_you_mean(s, R.children[sp] or {}))
            local k = sfmt("%s:%d:%s", file, l.n, nsp)
            if not seen[k] then
              seen[k] = true
              add("unknown_field", "warning", file, l.n, "%s", msg)
            end
            break
          end
          if f.type ~= "object" then break end
          sp = nsp
        end
      end
    end
  end
end

-- The rank of a level named by a rule (an id or a pathway), or nil.
local function rank_of(level)
  local lv = R.level_by_id[level]
  return lv and lv.rank, lv and lv.id
end

-- Decision tables --------------------------------------------------------

-- The boundaries a raw cell names: numbers, and the ends of comparisons
-- and ranges.
local function cell_bounds(cell, out)
  if type(cell) == "number" then out[#out + 1] = cell
  elseif type(cell) == "string" then
    local _, num = smatch(cell, "^%s*([<>]=?)%s*(%-?[%d%.]+)%s*$")
    if num then out[#out + 1] = tonumber(num) end
    local lo, hi = smatch(cell, "^%s*(%-?[%d%.]+)%s*%.%.%s*(%-?[%d%.]+)%s*$")
    if lo then out[#out + 1] = tonumber(lo); out[#out + 1] = tonumber(hi) end
  elseif type(cell) == "table" then
    for _, v in ipairs(cell) do cell_bounds(v, out) end
  end
end

-- A column's values to try: its whole domain when finite (enum, boolean,
-- a whole number with a declared range), else a value from each region
-- its cells' boundaries cut (complete for matching, but not the domain:
-- no gap is claimed over it).
local function column_domain(d, ci, path)
  local f = field_of(path, nil) or { type = "string" }
  local ty = f.type
  if ty == "boolean" then return { true, false }, true, f end
  if ty == "enum" and f.values then
    local vs = {}
    for i, v in ipairs(f.values) do vs[i] = v end
    return vs, true, f
  end
  if (ty == "integer") and f.min and f.max and f.max - f.min <= 200 then
    local vs = {}
    for v = f.min, f.max do vs[#vs + 1] = v end
    return vs, true, f
  end
  local vs, set = {}, {}
  local function put(v)
    if v ~= nil and not set[v] then set[v] = true; vs[#vs + 1] = v end
  end
  if ty == "number" or ty == "integer" then
    local b = {}
    for _, row in ipairs(d.spec.rows) do if type(row) == "table" then cell_bounds(row[ci], b) end end
    tsort(b)
    local step = ty == "integer" and 1 or 0.5
    for i, x in ipairs(b) do
      put(x); put(x - step); put(x + step)
      if ty == "number" and b[i + 1] and b[i + 1] > x then put((x + b[i + 1]) / 2) end
    end
    if #vs == 0 then put(0) end
    local kept = {}
    for _, v in ipairs(vs) do
      if (f.min == nil or v >= f.min) and (f.max == nil or v <= f.max) then kept[#kept + 1] = v end
    end
    return kept, false, f
  end
  for _, row in ipairs(d.spec.rows) do
    if type(row) == "table" then
      local c = row[ci]
      if type(c) == "string" and c ~= "-" then put(c) end
      if type(c) == "table" then for _, v in ipairs(c) do put(v) end end
    end
  end
  put("\0(another value)")
  return vs, false, f
end

local function shown_combo(d, combo)
  local parts = {}
  for i, inp in ipairs(d.inputs) do parts[i] = sfmt("%s = %s", inp.path, show(combo[i])) end
  return tconcat(parts, ", ")
end

local function check_table(d, add)
  if not d.inputs or not d.rows or #d.rows ~= #d.spec.rows then return end
  local doms, finite, total = {}, true, 1
  for ci, inp in ipairs(d.inputs) do
    local vs, fin = column_domain(d, ci, inp)
    doms[ci] = vs
    finite = finite and fin
    total = total * #vs
  end
  if total == 0 or total > MAX_COMBINATIONS then return end
  local where_file, where_line = d.file, d.line
  local gaps, ngaps, overlaps = {}, 0, {}
  local first_for = {}                    -- row -> a combination where it is the first hit
  local matched = {}                      -- row -> matches some combination
  local combo, idx = {}, {}
  for ci = 1, #doms do idx[ci] = 1 end
  while true do
    for ci = 1, #doms do combo[ci] = doms[ci][idx[ci]] end
    local hits = {}
    for ri, row in ipairs(d.rows) do
      local ok = not row.otherwise      -- the otherwise row: where no other matches
      if ok then
        for ci, cell in ipairs(row.cells) do
          if not cell.any and not cell.test(combo[ci]) then ok = false; break end
        end
      end
      if ok then hits[#hits + 1] = ri; matched[ri] = true end
    end
    if #hits == 0 then
      ngaps = ngaps + 1
      if #gaps < MAX_SHOWN then gaps[#gaps + 1] = shown_combo(d, combo) end
    else
      first_for[hits[1]] = true
      if d.hit == "unique" and #hits > 1 then
        local k = tconcat(hits, ",")
        if not overlaps[k] then overlaps[k] = shown_combo(d, combo); overlaps[#overlaps + 1] = k end
      end
    end
    local ci = #doms
    while ci >= 1 do
      idx[ci] = idx[ci] + 1
      if idx[ci] <= #doms[ci] then break end
      idx[ci] = 1
      ci = ci - 1
    end
    if ci == 0 then break end
  end
  if finite and ngaps > 0 and not d.otherwise then
    add("table_gap", "warning", where_file, where_line,
        "decision_table '%s': %d input combination%s match%s no row (so the table suggests nothing for %s), e.g. %s",
        d.name, ngaps, ngaps == 1 and "" or "s", ngaps == 1 and "es" or "", ngaps == 1 and "it" or "them",
        tconcat(gaps, "; "))
  end
  for _, k in ipairs(overlaps) do
    add("table_overlap", "warning", where_file, where_line,
        "decision_table '%s': rows %s both match %s, an error under hit = \"unique\"",
        d.name, sgsub(k, ",", " and "), overlaps[k])
  end
  if d.hit == "first" then
    for ri = 1, #d.rows do
      if not first_for[ri] and not d.rows[ri].otherwise then
        add("masked_row", "warning", where_file, where_line,
            "decision_table '%s' row %d: %s", d.name, ri,
            matched[ri] and "every case it matches is matched by an earlier row first (hit = \"first\"): it never applies"
                        or "it matches no case")
      end
    end
  end
end

-- Inherited declarations lowered or removed ----------------------------

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

local function check_inherited(d, add)
  local t = earlier_decl(d)
  if t == nil then return end
  local cite = type(d.spec.cite) == "string" and d.spec.cite or "(no cite)"
  local from = sfmt("%s:%d", t.file, t.line)
  if d.kind == "disable" then
    add("removes_inherited", "note", d.file, d.line, "disable removes %s '%s' (declared at %s%s): cite: %s",
        t.kind, d.name, from, t.kind == "rule" and sfmt(", suggests %s", tostring(t.spec.level)) or "", cite)
    return
  end
  if t.kind == "rule" and d.spec.level ~= nil then
    local was, now = rank_of(t.spec.level), rank_of(d.spec.level)
    if was and now and now < was then
      add("lowers_inherited", "note", d.file, d.line,
          "override lowers rule '%s' (declared at %s) from %s to %s: cite: %s",
          d.name, from, tostring(t.spec.level), tostring(d.spec.level), cite)
    end
  end
  if d.spec.when ~= nil and (t.kind == "rule" or t.kind == "flag") then
    add("replaces_condition", "note", d.file, d.line,
        "override replaces the condition of %s '%s' (declared at %s): cases it applied to may no longer; cite: %s",
        t.kind, d.name, from, cite)
  end
  if d.spec.rows ~= nil and t.kind == "decision_table" then
    add("replaces_condition", "note", d.file, d.line,
        "override replaces the rows of decision_table '%s' (declared at %s): cite: %s", d.name, from, cite)
  end
end

-- Citations and reasons ------------------------------------------------

local function blank(s)
  if type(s) ~= "string" then return true end
  local t = smatch(s, "^%s*(.-)%s*$")
  return t == "" or PLACEHOLDER[slower(t)] == true
end

-- Coverage gaps (testing.coverage's lines) as findings.
local function coverage_findings(gaps, add)
  for _, g in ipairs(gaps or {}) do
    if type(g) == "string" then
      local name, file, line, rest = smatch(g, "^'(.*)' %((.+):(%d+)%) (.+)$")
      local row
      if not name then
        name, row, file, line, rest = smatch(g, "^'(.*)' row (%d+) %((.+):(%d+)%) (.+)$")
      end
      if name then
        local kind = row and "untested_row" or (sfind(rest, "near-miss", 1, true) and "no_near_miss" or "untested")
        add(kind, "warning", file, tonumber(line), "'%s'%s %s", name, row and (" row " .. row) or "", rest)
      else
        add("untested", "warning", "?", 0, "%s", g)
      end
    end
  end
end

-- The findings for the loaded rule set, sorted by file and line, with
-- their counts. sources: { [name] = text } of the set's files; gaps: its
-- coverage gaps (nil when its tests were not run); tests: its test files
-- and those of the sets it extends, { { name, text }, ... } (nil: none),
-- loaded here for the monotonicity check's cases (the host drops them
-- from the state afterwards).
function M.lint(sources, gaps, tests)
  local out = {}
  local function add(kind, severity, file, line, fmt, ...)
    out[#out + 1] = { kind = kind, severity = severity, file = file or "?", line = line or 0,
                      message = sfmt(fmt, ...) }
  end
  local own = R.id
  local seen = {}
  local function visit(n, base) check_comparison(n, base, add) end
  local function fn(f) scan_function(f, sources or {}, add, seen) end
  for _, d in ipairs(R.merged or {}) do
    if d.set == own then
      local s = d.spec
      if d.kind == "rule" or d.kind == "flag" or d.kind == "check" then
        walk(s.when, nil, visit, fn)
      elseif d.kind == "fact" then
        if s.when ~= nil then walk(s.when, nil, visit, fn) end
        if s.value ~= nil then walk(s.value, nil, visit, fn) end
      elseif d.kind == "decision_table" then
        check_table(d, add)
      end
      if d.kind == "rule" or d.kind == "flag" or d.kind == "decision_table" then
        if s.basis == "judgement" then       -- listed for a reviewer, with its why
          add("judgement", "note", d.file, d.line, "%s '%s' is a judgement: %s", d.kind, d.name,
              type(s.why) == "string" and s.why or "(no why)")
        end
        if d.kind == "decision_table" and type(s.rows) == "table" then
          for ri, row in ipairs(s.rows) do
            if type(row) == "table" and row.basis == "judgement" then
              add("judgement", "note", d.file, d.line, "decision_table '%s' row %d is a judgement: %s",
                  d.name, ri, type(row.why) == "string" and row.why or "(no why)")
            end
          end
        end
        for _, k in ipairs({ "cite", "reason" }) do
          if blank(s[k]) then
            add("missing_" .. k, "warning", d.file, d.line, "%s '%s': %s is %s", d.kind, d.name, k,
                type(s[k]) == "string" and sfmt("a placeholder (%s)", show(s[k])) or "missing")
          end
        end
      end
    end
  end
  for _, d in ipairs(R.decls) do
    if d.set == own and (d.kind == "override" or d.kind == "disable") then
      check_inherited(d, add)
      if blank(d.spec.cite) then
        add("missing_cite", "warning", d.file, d.line, "%s '%s': cite is %s", d.kind, d.name,
            type(d.spec.cite) == "string" and sfmt("a placeholder (%s)", show(d.spec.cite)) or "missing")
      end
    end
  end
  local ldecl
  for _, d in ipairs(R.decls) do if d.kind == "levels" then ldecl = d end end
  if ldecl and ldecl.set == own and R.levels then
    for i, lv in ipairs(R.levels) do
      local entry = ldecl.spec[i]
      local doc = type(entry) == "table" and entry.doc
      if i > 1 and not lv.used then     -- the first level is where nothing applies
        if type(doc) == "string" and not blank(doc) then
          add("level_without_rule", "note", ldecl.file, ldecl.line,
              "level '%s' (%s): no rule or table row suggests it; its doc says why: %s", lv.id, lv.label, doc)
        else
          add("level_without_rule", "warning", ldecl.file, ldecl.line,
              "level '%s' (%s): no rule or table row suggests it (say why in the level's doc = ..." ..
              " if the document describes no case for it)", lv.id, lv.label)
        end
      end
    end
  end
  coverage_findings(gaps, add)
  lint_rules.shadowed(add)
  local compared = 0
  if tests then
    for _, t in ipairs(tests) do pcall(load_tests, t[1], t[2]) end
    compared = lint_rules.monotone(lint_rules.test_bases(), add)
  end
  tsort(out, function(a, b)
    if a.file ~= b.file then return a.file < b.file end
    if a.line ~= b.line then return a.line < b.line end
    if a.kind ~= b.kind then return a.kind < b.kind end
    return a.message < b.message
  end)
  local warnings, notes = 0, 0
  for _, f in ipairs(out) do
    if f.severity == "warning" then warnings = warnings + 1 else notes = notes + 1 end
  end
  return { ruleset = R.id, tested = gaps ~= nil, warnings = warnings, notes = notes,
           monotone_pairs = compared, findings = out }
end

M.code_lines = code_lines      -- for doc: the fields a function(c) names
return M
