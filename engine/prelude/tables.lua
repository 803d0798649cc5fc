-- prelude/tables.lua -- decision tables: the declaration's inputs and rows
-- parsed into typed cells, and a table run on a case (rows that matched,
-- rows left unknown, by its hit policy).

local _, need = ...
local type, ipairs, error, pcall, tostring, tonumber, getmetatable =
  type, ipairs, error, pcall, tostring, tonumber, getmetatable
local sfmt, smatch, tconcat =
  string.format, string.match, table.concat
local util = need "util"
local sorted_keys, list_set, show, dedup_sorted =
  util.sorted_keys, util.list_set, util.show, util.dedup_sorted
local declare = need "declare"
local ST_RULES, problem, where_of, TYPES, check_types, list_fault, check_basis =
  declare.ST_RULES, declare.problem, declare.where_of, declare.TYPES, declare.check_types,
  declare.list_fault, declare.check_basis
local levels = need "levels"
local resolve_level =
  levels.resolve_level
local cond = need "cond"
local EXPR, as_path =
  cond.EXPR, cond.as_path
local context = need "context"
local new_env =
  context.new_env
local facts = need "facts"
local resolve =
  facts.resolve
local check = need "check"
local check_path =
  check.check_path
local R      -- the registry in force (declare.use_registry)
need("declare").on_registry(function(r) R = r end)

local M = {}

-- Decision-table cells, typed by their column.
local function parse_cell(cell, col, where)
  if cell == "-" then return { any = true, desc = nil } end
  local ty = col.type
  local p = col.path
  if type(cell) == "table" then
    local fault = list_fault(cell)
    if fault then return nil, "a list of values (" .. fault .. ")" end
    local set, shown = {}, {}
    for i, v in ipairs(cell) do
      local c = parse_cell(v, col, where)
      if c == nil then return nil end
      set[#set + 1] = c.test
      shown[i] = show(v)
    end
    return { test = function(v)
      for _, t in ipairs(set) do if t(v) then return true end end
      return false
    end, desc = sfmt("%s is one of %s", p, tconcat(shown, ", ")) }
  end
  if ty == "number" or ty == "integer" then
    if type(cell) == "number" then
      return { test = function(v) return v == cell end, desc = sfmt("%s is %s", p, show(cell)) }
    end
    if type(cell) == "string" then
      local op, num = smatch(cell, "^%s*([<>]=?)%s*(%-?[%d%.]+)%s*$")
      num = tonumber(num)
      if op and num then
        local tests = { ["<"] = function(v) return v < num end, ["<="] = function(v) return v <= num end,
                        [">"] = function(v) return v > num end, [">="] = function(v) return v >= num end }
        return { test = tests[op], desc = sfmt("%s %s %s", p, op, show(num)) }
      end
      local lo, hi = smatch(cell, "^%s*(%-?[%d%.]+)%s*%.%.%s*(%-?[%d%.]+)%s*$")
      lo, hi = tonumber(lo), tonumber(hi)
      if lo and hi then
        return { test = function(v) return v >= lo and v <= hi end,
                 desc = sfmt("%s is between %s and %s", p, show(lo), show(hi)) }
      end
    end
    return nil, "a number, a comparison like \">= 3\", a range like \"1..3\" or \"-\""
  elseif ty == "boolean" then
    if type(cell) == "boolean" then
      return { test = function(v) return v == cell end, desc = sfmt("%s is %s", p, show(cell)) }
    end
    return nil, "true, false or \"-\""
  elseif ty == "enum" or ty == "string" or ty == "date" then
    if type(cell) == "string" and (ty ~= "enum" or col.value_set[cell]) then
      return { test = function(v) return v == cell end, desc = sfmt("%s is %s", p, show(cell)) }
    end
    if ty == "enum" then return nil, "one of " .. tconcat(col.values, ", ") .. " or \"-\"" end
    return nil, "a string or \"-\""
  end
  return nil, "a value of type " .. tostring(ty)
end

local HIT_POLICIES = list_set({ "unique", "first", "priority", "collect" })

local function define_table(d)
  local s, where = d.spec, where_of(d)
  d.hit = s.hit or "unique"
  if not HIT_POLICIES[d.hit] then
    problem(ST_RULES, where, "decision_table '%s': hit must be unique, first, priority or collect", d.name)
  end
  if type(s.inputs) ~= "table" or #s.inputs == 0 or type(s.rows) ~= "table" then
    problem(ST_RULES, where, "decision_table '%s': inputs and rows must be lists", d.name)
    return
  end
  local cols = {}
  d.inputs = {}
  for i, inp in ipairs(s.inputs) do
    local ok, p = pcall(as_path, inp, "decision_table input")
    if not ok or getmetatable(p) == EXPR then
      problem(ST_RULES, where, "decision_table '%s': input %d must be a field path; give a count or" ..
              " other value expression a fact's name", d.name, i)
      return
    end
    d.inputs[i] = p
    check_path(d.kind, p, where)
    local fact = R.facts[p.segs[1]]
    local col
    if fact and #p.segs == 1 then
      col = { type = fact.spec.type, values = fact.spec.values,
              value_set = fact.spec.values and list_set(fact.spec.values) }
      if col.type == nil then
        problem(ST_RULES, where, "decision_table '%s': fact '%s' is an input, so it must declare type = ...",
                d.name, p.path)
        return
      end
    else
      col = R.schema[p.path] or { type = "string" }
    end
    cols[i] = { type = col.type, values = col.values, value_set = col.value_set, path = p.path }
  end
  d.rows = {}
  local table_basis, table_why
  if s.basis ~= nil or s.why ~= nil then
    table_basis, table_why = check_basis(sfmt("decision_table '%s'", d.name), s, where)
  end
  -- a row's basis is its own, or the table's for rows that share one
  local function row_basis(row, ri)
    if row.basis == nil and row.why == nil and s.basis ~= nil then
      return table_basis, table_why
    elseif row.basis == nil and row.why == nil then
      problem(ST_RULES, where, "decision_table '%s' row %d has no basis: give the row (or the whole table)" ..
              " basis = \"quoted\", \"national\" or \"judgement\" with why = \"...\"", d.name, ri)
      return nil
    end
    return check_basis(sfmt("decision_table '%s' row %d", d.name, ri), row, where)
  end
  for ri, row in ipairs(s.rows) do
    if type(row) == "table" and row[1] == "otherwise" and #row == 2 then
      -- the row for every case no other row matches: a level, or "-" for
      -- none (the table says it suggests nothing then, so it has no gap)
      if ri ~= #s.rows then
        problem(ST_RULES, where, "decision_table '%s' row %d: the otherwise row must be the last", d.name, ri)
      end
      check_types(sfmt("decision_table '%s' row %d", d.name, ri), TYPES.row, row, where)
      local r = { cells = {}, otherwise = true, reason = row.reason, cite = row.cite,
                  actions = row.actions, desc = "no other row matches", rank = -1 }
      if row[2] ~= "-" then               -- a level suggested: on what basis
        r.basis, r.why = row_basis(row, ri)
        r.lv = resolve_level(row[2], where, sfmt("decision_table '%s' row %d", d.name, ri))
        r.rank = r.lv and r.lv.rank or -1
        if r.lv and (d.max_lv == nil or r.lv.rank > d.max_lv.rank) then d.max_lv = r.lv end
      end
      d.rows[ri], d.otherwise = r, ri
    elseif type(row) ~= "table" or #row ~= #cols + 1 then
      problem(ST_RULES, where, "decision_table '%s' row %d: expected %d cells (%d inputs and a level), got %s",
              d.name, ri, #cols + 1, #cols, type(row) == "table" and tostring(#row) or type(row))
    else
      check_types(sfmt("decision_table '%s' row %d", d.name, ri), TYPES.row, row, where)
      local r = { cells = {}, reason = row.reason, cite = row.cite, actions = row.actions }
      r.basis, r.why = row_basis(row, ri)
      local parts = {}
      for ci = 1, #cols do
        local c, expected = parse_cell(row[ci], cols[ci], where)
        if c == nil then
          problem(ST_RULES, where, "decision_table '%s' row %d, column %d (%s): expected %s, got %s",
                  d.name, ri, ci, cols[ci].path, expected, show(row[ci]))
          c = { any = true }
        end
        r.cells[ci] = c
        if c.desc then parts[#parts + 1] = c.desc end
      end
      r.desc = #parts > 0 and tconcat(parts, " and ") or "(every case)"
      r.lv = resolve_level(row[#cols + 1], where, sfmt("decision_table '%s' row %d", d.name, ri))
      r.rank = r.lv and r.lv.rank or -1
      if r.lv and (d.max_lv == nil or r.lv.rank > d.max_lv.rank) then d.max_lv = r.lv end
      for _, k in ipairs(sorted_keys(row)) do
        if type(k) == "string" and k ~= "reason" and k ~= "cite" and k ~= "actions"
           and k ~= "basis" and k ~= "why" then
          problem(ST_RULES, where, "decision_table '%s' row %d: unknown key '%s'", d.name, ri, k)
        end
      end
      d.rows[ri] = r
    end
  end
end

local function match_cell(cell, v)
  if cell.any then return true end
  if v == nil then return nil end
  return cell.test(v)
end

-- A decision table: the rows that matched, and those left unknown.
local function run_table(ctx, d)
  local env = new_env(ctx, false, ctx.explain)
  ctx.env_busy = true
  local vals = {}
  for i, inp in ipairs(d.inputs) do vals[i] = resolve(env, inp) end
  local hits, unknown = {}, {}
  for ri, row in ipairs(d.rows) do
    if row.otherwise then goto next_row end
    local res = true
    for ci, cell in ipairs(row.cells) do
      local r = match_cell(cell, vals[ci])
      if r == false then res = false; break end
      if r == nil then res = nil end
    end
    if res == true then hits[#hits + 1] = ri
    elseif res == nil then unknown[#unknown + 1] = ri end
    ::next_row::
  end
  local policy = d.hit
  if policy == "unique" and #hits > 1 then
    error(sfmt("hit policy 'unique' but rows %s all match", tconcat(hits, ", ")), 0)
  elseif policy == "first" and #hits > 0 then
    local first, before = hits[1], {}
    for _, u in ipairs(unknown) do if u < first then before[#before + 1] = u end end
    hits, unknown = { first }, before
  elseif policy == "priority" and #hits > 0 then
    local best = hits[1]
    for _, h in ipairs(hits) do
      if d.rows[h].rank > d.rows[best].rank then best = h end
    end
    local above = {}
    for _, u in ipairs(unknown) do
      if d.rows[u].rank > d.rows[best].rank then above[#above + 1] = u end
    end
    hits, unknown = { best }, above
  end
  -- No row matches and none might: the otherwise row, or a gap, which
  -- the result reports (a table that suggests nothing may hide a level).
  local gap = false
  if #hits == 0 and #unknown == 0 then
    local o = d.otherwise
    if o == nil then gap = true
    elseif d.rows[o].lv then hits = { o } end
  end
  local reads
  if ctx.explain then
    reads = {}
    for i, inp in ipairs(d.inputs) do reads[i] = { path = inp.path, value = vals[i] } end
  end
  return hits, unknown, dedup_sorted(env.missing), reads, gap
end

M.run_table = run_table
M.define_table = define_table
return M
