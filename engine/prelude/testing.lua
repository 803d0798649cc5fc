-- prelude/testing.lua -- tests written beside the rules: test files loaded
-- and checked, each test run and compared with what it expects (and the
-- compiled against the interpreted evaluation), and domain coverage.

local host, need = ...
local type, ipairs, pcall, tostring =
  type, ipairs, pcall, tostring
local sfmt, tconcat, smatch =
  string.format, table.concat, string.match
local NULL =
  host.NULL
local util = need "util"
local sorted_keys, list_set, did_you_mean, show, deep_copy, clean_error =
  util.sorted_keys, util.list_set, util.did_you_mean, util.show, util.deep_copy, util.clean_error
local declare = need "declare"
local ST_RULES, problem, where_of, check_keys, TYPES, check_types =
  declare.ST_RULES, declare.problem, declare.where_of, declare.check_keys, declare.TYPES,
  declare.check_types
local levels = need "levels"
local resolve_level =
  levels.resolve_level
local run_file =
  need("load").run_file
local R      -- the registry in force (declare.use_registry)
need("declare").on_registry(function(r) R = r end)
local evaluate =
  need("evaluate").evaluate

local M = {}

local EXPECT_KEYS = list_set({ "level", "fired", "not_fired", "flags", "no_flags",
  "status", "missing", "actions", "could_be_higher", "errors", "dated_after_assessment" })
local parse_date =
  need("dates").parse_date

-- A test's case is a case that could be true: every date a real one, and
-- no record of something that happened dated after assessed_on (a field
-- declared future = true, such as an expected date of delivery, may be).
-- A test about bad data says so: expect.status = "invalid", or the paths
-- it dates after the assessment on purpose in expect.dated_after_assessment.
local function check_test_dates(d, where)
  local ex = d.spec.expect
  if ex.status == "invalid" then return end
  local allowed = list_set(type(ex.dated_after_assessment) == "table" and ex.dated_after_assessment or {})
  local case = d.spec.case
  local on = type(case.assessed_on) == "string" and parse_date(case.assessed_on) or nil
  if case.assessed_on ~= nil and on == nil then
    problem(ST_RULES, where, "test '%s': case.assessed_on: %s is not a real date (YYYY-MM-DD)",
            d.name, show(case.assessed_on))
    return
  end
  local function walk(v, spath, shown)
    if type(v) ~= "table" then return end
    if #v > 0 then
      for i, x in ipairs(v) do walk(x, spath .. "[]", sfmt("%s[%d]", shown, i - 1)) end
      return
    end
    for _, k in ipairs(sorted_keys(v)) do
      if type(k) == "string" then
        local sp = spath == "" and k or spath .. "." .. k
        local sh = shown == "" and k or shown .. "." .. k
        local f, x = R.schema[sp], v[k]
        if f and f.type == "date" and type(x) == "string" and sp ~= "assessed_on" then
          local z = parse_date(x)
          if z == nil then
            problem(ST_RULES, where, "test '%s': case.%s: %s is not a real date (YYYY-MM-DD)",
                    d.name, sh, show(x))
          elseif on and z > on and not f.future and not allowed[sh] then
            problem(ST_RULES, where, "test '%s': case.%s (%s) is after assessed_on (%s): a record" ..
                    " cannot postdate the assessment (a test about such a record lists the path in" ..
                    " expect.dated_after_assessment)", d.name, sh, x, case.assessed_on)
          end
        elseif f and (f.type == "object" or f.type == "array") then
          walk(x, sp, sh)
        end
      end
    end
  end
  walk(case, "", "")
end

-- A declaration the rule set in force overrides or disables, by name: the
-- later set's override or disable declaration, or nil.
local function replaced(name)
  local cur = R.named[name]
  for _, d in ipairs(R.decls) do
    if d.name == name and d.disabled and (cur == nil or cur.origin == where_of(d)) then
      return d.disabled
    end
  end
  return nil
end

-- Why a parent set's test does not hold here as written: it names a
-- declaration this set overrides or disables. Nil when it is inherited
-- unchanged.
local function local_reason(d)
  for _, k in ipairs({ "fired", "not_fired", "flags", "no_flags" }) do
    for _, n in ipairs(d.spec.expect[k] or {}) do
      local by = replaced(n)
      if by then
        local why = by.kind == "disable" and by.spec.reason or by.spec.why
        return sfmt("%s '%s' is %s in %s (%s): %s%s", (k == "flags" or k == "no_flags") and "flag" or "rule",
                    n, by.kind == "disable" and "disabled" or "overridden", by.set, where_of(by),
                    tostring(by.spec.cite), why and (" (" .. why .. ")") or "")
      end
    end
  end
  return nil
end

function M.load_tests(name, text)
  local before = #R.decls
  local probs = #R.problems
  local set = smatch(name, "^([^/]+)/") or R.id
  run_file(name, text, set)
  for i = before + 1, #R.decls do
    local d = R.decls[i]
    local where = where_of(d)
    d.inherited = set ~= R.id or nil
    if d.inherited and d.kind == "test" and type(d.spec.expect) == "table" then
      d.skip = local_reason(d)
    end
    if d.kind ~= "test" then
      problem(ST_RULES, where, "test files may only declare test \"...\" { ... }")
    else
      local typed = check_keys("test", d.name, d.spec, d.file, d.line)
      if typed and (type(d.spec.case) ~= "table" or type(d.spec.expect) ~= "table") then
        problem(ST_RULES, where, "test '%s': case and expect must be tables", d.name)
      elseif typed and check_types(sfmt("test '%s': expect", d.name), TYPES.expect, d.spec.expect, where) then
        for _, k in ipairs(sorted_keys(d.spec.expect)) do
          if not EXPECT_KEYS[k] then
            problem(ST_RULES, where, "test '%s': unknown expect key '%s'%s", d.name, tostring(k),
                    did_you_mean(tostring(k), sorted_keys(EXPECT_KEYS)))
          end
        end
        local lv = d.spec.expect.level
        if lv ~= nil then resolve_level(lv, where, sfmt("test '%s'", d.name)) end
        check_test_dates(d, where)
        for _, k in ipairs({ "fired", "not_fired", "flags", "no_flags" }) do
          for _, n in ipairs(d.spec.expect[k] or {}) do
            if not R.named[n] and not d.skip then
              problem(ST_RULES, where, "test '%s': %s names '%s', which the rule set does not have%s",
                      d.name, k, show(n), did_you_mean(tostring(n), sorted_keys(R.named)))
            end
          end
        end
        R.tests[#R.tests + 1] = d
      end
    end
  end
  if #R.problems > probs then
    local p = R.problems[probs + 1]
    return nil, p.msg, p.status
  end
  return true
end

function M.test_count() return #R.tests end

function M.test_info(i)
  local d = R.tests[i]
  return d.name, where_of(d)
end

local function names_of(list, key)
  local s = {}
  for _, f in ipairs(list) do s[f[key]] = true end
  return s
end

local function compare(d, res)
  local ex, problems = d.spec.expect, {}
  local function fail(fmt, ...) problems[#problems + 1] = sfmt(fmt, ...) end
  if res.status == "invalid" then
    if ex.status ~= "invalid" then
      for _, e in ipairs(res.case_errors) do fail("case data: %s: %s", e.path, e.message) end
      if #problems == 0 then fail("the case is invalid") end
    end
    return problems
  end
  local got = res.suggestion
  if ex.level ~= nil then
    local want = R.level_by_id[ex.level]
    if want and want.id ~= got.local_level then
      fail("expected level %s, got %s", want.id, got.local_level)
    end
  end
  local fired, flags = names_of(res.findings, "rule"), names_of(res.flags, "flag")
  for _, n in ipairs(ex.fired or {}) do if not fired[n] then fail("expected '%s' to apply; it did not", n) end end
  for _, n in ipairs(ex.not_fired or {}) do if fired[n] then fail("expected '%s' not to apply; it did", n) end end
  -- A near miss (not_fired, no_flags) shows the rule does not apply: it
  -- proves nothing if the rule could not be decided. Unless the test says
  -- it is about what is missing (expect.missing names a field the rule
  -- needs), an undetermined near miss fails.
  local undetermined, expected_missing = {}, list_set(ex.missing or {})
  for _, u in ipairs(res.undetermined) do undetermined[u.rule] = u end
  for _, k in ipairs({ "not_fired", "no_flags" }) do
    for _, n in ipairs(ex[k] or {}) do
      local u = undetermined[n]
      if u then
        local named = false
        for _, p in ipairs(u.missing) do if expected_missing[p] then named = true end end
        if not named then
          fail("near miss '%s' passes only because it could not be decided: it needs %s;" ..
               " record them in the case (or name them in expect.missing if the test is about" ..
               " what is missing)", n, tconcat(u.missing, ", "))
        end
      end
    end
  end
  for _, n in ipairs(ex.flags or {}) do if not flags[n] then fail("expected flag '%s'; it was not raised", n) end end
  for _, n in ipairs(ex.no_flags or {}) do if flags[n] then fail("expected no flag '%s'; it was raised", n) end end
  if ex.status ~= nil and ex.status ~= res.status then fail("expected status %s, got %s", ex.status, res.status) end
  if ex.could_be_higher ~= nil and ex.could_be_higher ~= got.could_be_higher then
    fail("expected could_be_higher = %s, got %s", tostring(ex.could_be_higher), tostring(got.could_be_higher))
  end
  if ex.missing then
    local missing = {}
    for _, u in ipairs(res.undetermined) do for _, p in ipairs(u.missing) do missing[p] = true end end
    for _, p in ipairs(ex.missing) do if not missing[p] then fail("expected '%s' to be listed as missing", p) end end
  end
  if ex.actions then
    local acts = list_set(res.actions)
    for _, a in ipairs(ex.actions) do if not acts[a] then fail("expected action %s", show(a)) end end
  end
  local nerr = #res.errors
  if (ex.errors or 0) ~= nerr then
    for _, e in ipairs(res.errors) do fail("error in '%s' (%s): %s", e.rule, e.source, e.message) end
    if ex.errors then fail("expected %d errors, got %d", ex.errors, nerr) end
  end
  return problems
end

-- Domain coverage: which of the set's own rules, flags and table rows fire
-- in some test, and which are named as a near miss (not_fired, no_flags).
local function note_coverage(d, res)
  local cov = R.coverage or { fired = {}, rows = {}, near = {} }
  R.coverage = cov
  for _, f in ipairs(res and res.findings or {}) do
    cov.fired[f.rule] = true
    if f.row then cov.rows[f.rule .. "#" .. f.row] = true end
  end
  for _, f in ipairs(res and res.flags or {}) do cov.fired[f.flag] = true end
  for _, k in ipairs({ "not_fired", "no_flags" }) do
    for _, n in ipairs(d.spec.expect[k] or {}) do cov.near[n] = true end
  end
end

function M.coverage()
  local cov = R.coverage or { fired = {}, rows = {}, near = {} }
  local gaps = {}
  for _, d in ipairs(R.evaluated) do
    if d.set == R.id then
      if not cov.fired[d.name] then
        gaps[#gaps + 1] = sfmt("'%s' (%s) applies in no test", d.name, where_of(d))
      end
      if not cov.near[d.name] then
        gaps[#gaps + 1] = sfmt("'%s' (%s) has no near-miss test (name it in not_fired or no_flags)",
                               d.name, where_of(d))
      end
      for ri, row in ipairs(d.rows or {}) do
        if row.lv and not cov.rows[d.name .. "#" .. ri] then     -- an otherwise "-" gives nothing
          gaps[#gaps + 1] = sfmt("'%s' row %d (%s) is hit in no test", d.name, ri, where_of(d))
        end
      end
    end
  end
  return gaps
end

-- What the compiled and the interpreted evaluations must agree on.
local function outcome(res)
  local parts = { res.status or "", res.suggestion ~= NULL and res.suggestion
                  and res.suggestion.local_level or "" }
  for _, key in ipairs({ "findings", "flags", "undetermined", "errors" }) do
    for _, x in ipairs(res[key] or {}) do
      parts[#parts + 1] = sfmt("%s:%s:%s:%s", key, tostring(x.rule or x.flag),
        tostring(x.row or ""), tconcat(x.missing or {}, ",") .. tostring(x.message or ""))
    end
  end
  return tconcat(parts, "\n")
end

function M.run_test(i, explain)
  local d = R.tests[i]
  if d.skip then
    return { test = d.name, source = where_of(d), skipped = d.skip,
             inherited = d.set, fired = {}, flags = {}, problems = {} }
  end
  local ok, case = pcall(deep_copy, d.spec.case)
  local res
  if ok then res = evaluate(case, { explain = explain }) end
  local problems = ok and compare(d, res) or { "case: " .. clean_error(case) }
  if ok then    -- the compiled conditions must agree with the interpreter
    local again = evaluate(deep_copy(d.spec.case), { explain = explain, interpret = true })
    if outcome(again) ~= outcome(res) then
      problems[#problems + 1] = "engine self-check: the compiled and the interpreted " ..
        "evaluations of this case differ (please report this)"
    end
  end
  note_coverage(d, res)
  local fired = {}
  for _, f in ipairs(res and res.findings or {}) do fired[#fired + 1] = f.rule end
  local flags = {}
  for _, f in ipairs(res and res.flags or {}) do flags[#flags + 1] = f.flag end
  return {
    test = d.name, source = where_of(d), passed = #problems == 0, inherited = d.inherited and d.set,
    expected_level = d.spec.expect.level,
    level = res and res.suggestion ~= NULL and res.suggestion.local_level or nil,
    status = res and res.status or nil,
    fired = fired, flags = flags, problems = problems,
  }
end

return M
