-- prelude/result.lua -- the result of a case: findings, flags, what is
-- undetermined, the suggestion (after the set's decide), and the parts
-- shared by every result, made once per rule set.

local host, need = ...
local type, pairs, ipairs, error, pcall, setmetatable, getmetatable, rawget, rawequal =
  type, pairs, ipairs, error, pcall, setmetatable, getmetatable, rawget, rawequal
local sfmt =
  string.format
local NULL, LIMIT, ENGINE_VERSION, SHARED, new_table =
  host.NULL, host.LIMIT, host.VERSION, host.SHARED, host.new_table
local util = need "util"
local show, deep_copy, NONE, clean_error, dedup_sorted =
  util.show, util.deep_copy, util.NONE, util.clean_error, util.dedup_sorted
local declare = need "declare"
local where_of =
  declare.where_of
local context = need "context"
local add_error =
  context.add_error
local explain = need "explain"
local evidence, why_not, next_level_up =
  explain.evidence, explain.why_not, explain.next_level_up
local R      -- the registry in force (declare.use_registry)
need("declare").on_registry(function(r) R = r end)

local M = {}

local function level_entry(lv)
  return { local_level = lv.id, label = lv.label, pathway = lv.pathway, rank = lv.rank }
end

local function finding_of(d, lv, extra)
  local f = { rule = d.name, kind = d.kind, level = lv.id, pathway = lv.pathway,
              reason = d.reason, cite = d.cite, basis = d.basis, why = d.why,
              source = where_of(d), actions = d.actions or {} }
  if extra then for k, v in pairs(extra) do f[k] = v end end
  return f
end

-- Without evidence (when not explaining) a rule's finding, a table row's
-- and a flag's entry are the same for every case: made once, and shared by
-- the results (nothing changes a result once built; decide gets a copy).
-- SHARED marks them for the host, which converts each to JSON once.
local function rule_finding(d)
  local f = R.made[d]
  if f == nil then
    f = setmetatable(finding_of(d, d.lv), SHARED)
    R.made[d] = f
  end
  return f
end

local function row_finding(d, h, extra)
  local row = d.rows[h]
  local f = not extra and R.made[row]
  if not f then
    local fields = { row = h, reason = row.reason or d.reason, cite = row.cite or d.cite,
                     basis = row.basis, why = row.why, actions = row.actions or d.actions or {} }
    if extra then for k, v in pairs(extra) do fields[k] = v end end
    f = finding_of(d, row.lv, fields)
    if not extra then R.made[row] = setmetatable(f, SHARED) end
  end
  return f
end

local function flag_entry(d, ev)
  local f = not ev and R.made[d]
  if not f then
    f = { flag = d.name, reason = d.reason, cite = d.cite, basis = d.basis, why = d.why,
          source = where_of(d),
          severity = d.severity, actions = d.actions or {}, evidence = ev }
    if not ev then R.made[d] = setmetatable(f, SHARED) end
  end
  return f
end

local ENGINE = "threshold " .. ENGINE_VERSION

local function ruleset_entry()
  local r = R.made[R]
  if r == nil then
    r = setmetatable({ id = R.id, version = R.version, hash = R.hash }, SHARED)
    R.made[R] = r
  end
  return r
end

-- The suggestion: one shared table per level and could_be_higher.
local function suggestion_entry(lv, higher)
  local e = R.made[lv]
  if e == nil then
    e = {}
    for _, h in ipairs({ true, false }) do
      e[h] = setmetatable(level_entry(lv), SHARED)
      e[h].could_be_higher = h
    end
    R.made[lv] = e
  end
  return e[higher]
end

-- The actions of the entries, each once, in order, after those in actions
-- (NONE until there is one; seen is made with it).
local function add_actions(actions, seen, entries)
  for i = 1, #entries do             -- numeric loops: a result is made per case
    local list = entries[i].actions
    for j = 1, #list do
      local a = list[j]
      if actions == NONE then actions, seen = {}, {} end
      if not seen[a] then seen[a] = true; actions[#actions + 1] = a end
    end
  end
  return actions, seen
end

-- The warning that a list the rules read is not recorded in the case
-- (absent or null), so it was read as none recorded: one table per path.
local function not_recorded_warning(path)
  local key = "not recorded:" .. path
  local w = R.made[key]
  if w == nil then
    w = setmetatable({ path = path, message =
      "not recorded: read as none recorded; give [] when none are" }, SHARED)
    R.made[key] = w
  end
  return w
end

-- Sort list in place by keys[i], highest first, keeping the given order
-- among equal keys (an insertion sort: stable, and the lists are short).
local function sort_desc_stable(list, keys)
  for i = 2, #list do
    local v, k, j = list[i], keys[i], i - 1
    while j >= 1 and keys[j] < k do
      list[j + 1], keys[j + 1] = list[j], keys[j]
      j = j - 1
    end
    list[j + 1], keys[j + 1] = v, k
  end
end

local function build_result(ctx, opts, warnings)
  local notable = ctx.notable or R.evaluated
  -- most of what is notable is a finding: made at that size, not grown
  local size = #notable < 16 and #notable or 16
  local findings, flags, undetermined = new_table(size, 0), NONE, NONE   -- NONE: made if need be
  local ranks = new_table(size, 0)          -- ranks[i]: findings[i]'s level's
  local best = R.levels[1]
  local gaps = NONE                         -- tables no row of which matched
  for i = 1, #notable do
    local d = notable[i]
    local st = ctx.status_of[d.slot]
    if st.gap then
      if gaps == NONE then gaps = {} end
      gaps[#gaps + 1] = d
    end
    if d.kind == "rule" and st.result == true then
      findings[#findings + 1] = st.reads and finding_of(d, d.lv, { evidence = evidence(st.reads) })
                                or rule_finding(d)
      ranks[#findings] = d.lv.rank
      if d.lv.rank > best.rank then best = d.lv end
    elseif d.kind == "decision_table" and st.result ~= "error" then
      for _, h in ipairs(st.hits or {}) do
        local row = d.rows[h]
        findings[#findings + 1] = row_finding(d, h, st.reads and { evidence = evidence(st.reads) })
        ranks[#findings] = row.lv.rank
        if row.lv.rank > best.rank then best = row.lv end
      end
    elseif d.kind == "flag" and st.result == true then
      if flags == NONE then flags = {} end
      flags[#flags + 1] = flag_entry(d, evidence(st.reads))
    end
    if st.result == nil or (d.kind == "decision_table" and #(st.unknown_rows or {}) > 0) then
      local lv = d.lv
      local basis, why = d.basis, d.why   -- a table: the row it could reach
      if d.kind == "decision_table" then
        for _, u in ipairs(st.unknown_rows) do
          local row = d.rows[u]
          if lv == nil or row.lv.rank > lv.rank then
            lv, basis, why = row.lv, row.basis, row.why
          end
        end
      end
      if undetermined == NONE then undetermined = {} end
      undetermined[#undetermined + 1] = { rule = d.name, kind = d.kind,
        level = lv and lv.id or nil, rank = lv and lv.rank or nil,
        missing = st.missing or {}, cite = d.cite, source = where_of(d),
        basis = basis, why = why,
        rows = d.kind == "decision_table" and st.unknown_rows or nil }
    end
  end
  for i = 1, #gaps do
    local d = gaps[i]
    if warnings == NONE then warnings = {} end
    warnings[#warnings + 1] = { path = d.name, message = sfmt(
      "no row of decision_table '%s' (%s) matches this case and it has no otherwise row: " ..
      "it suggests nothing here, so a level may be missing", d.name, where_of(d)) }
  end
  local nr = ctx.not_recorded            -- a list the case does not give, read as empty
  if nr then
    if warnings == NONE then warnings = {} end
    local paths = dedup_sorted(nr)        -- in path order, whatever read them first
    for i = 1, #paths do warnings[#warnings + 1] = not_recorded_warning(paths[i]) end
  end
  local lowered = R.load_warnings      -- a local set's disable or override that lowers
  if lowered then
    if warnings == NONE then warnings = {} end
    for i = 1, #lowered do
      local w = lowered[i]
      if getmetatable(w) == nil then setmetatable(w, SHARED) end
      warnings[#warnings + 1] = w
    end
  end
  local decided, lowered_by_decide = best, false
  if R.decide then
    local ok, r = pcall(R.decide, { highest = best.id, findings = deep_copy(findings) })
    if not ok then
      if rawequal(r, LIMIT) then error(r, 0) end
      add_error(ctx, { rule = "decide", kind = "decide",
        source = R.decide_source, message = clean_error(r) })
    elseif R.level_by_id[r] == nil then
      add_error(ctx, { rule = "decide", kind = "decide",
        source = R.decide_source, message = "decide returned an unknown level " .. show(r) })
    else
      decided = R.level_by_id[r]
      if decided.rank < best.rank then
        lowered_by_decide = true        -- below a finding: never a clean result
        if warnings == NONE then warnings = {} end
        warnings[#warnings + 1] = { path = "decide", message = sfmt(
          "the rule set's decide chose %s, below the highest applicable level %s",
          decided.id, best.id) }
      end
    end
  end
  -- findings: highest level first, then declaration order (the findings
  -- may be shared, so they carry no order of their own)
  sort_desc_stable(findings, ranks)
  local actions, seen = add_actions(NONE, nil, findings)
  actions = add_actions(actions, seen, flags)
  local higher = false
  for i = 1, #undetermined do
    local u = undetermined[i]
    if u.rank and u.rank > decided.rank then higher = true end
  end
  -- Open questions, most useful first: those that could raise the
  -- suggestion, by the level each could reach (highest first); then flags
  -- that could not be checked; then those that would not change it.
  -- Declaration order otherwise.
  if #undetermined > 1 then
    local keys = {}
    for i = 1, #undetermined do
      local r = undetermined[i].rank
      keys[i] = r == nil and -1                     -- a flag
        or r > decided.rank and 1000 + r or -2      -- would not change it
    end
    sort_desc_stable(undetermined, keys)
  end
  local errors = ctx.errors
  for i = 1, #errors do                     -- an erring rule might have applied
    local d = R.named[errors[i].rule]
    local lv = d and (d.lv or (d.kind == "decision_table" and d.max_lv))
    if lv and lv.rank > decided.rank then higher = true end
  end
  local target = next_level_up(decided.rank)
  -- incomplete: something failed (a rule erred or hit a limit, a table had
  -- a gap, decide chose below the highest applicable level), so the
  -- suggestion may be wrong. open: nothing failed, but named open questions
  -- (undetermined rules above the suggestion) could raise it. Either way
  -- could_be_higher says whether a higher level is still possible.
  local status = (#ctx.errors > 0 or #gaps > 0 or lowered_by_decide) and "incomplete"
    or higher and "open" or "complete"
  -- Why-not reads every leaf of the rules it explains, even past the part
  -- that decided a rule, so it may meet an error the evaluation never
  -- reached (a fact that fails on this case). Its entry says "error"; the
  -- result's errors and status stay the evaluation's, so a full result
  -- agrees with the brief one and the summary.
  local wn
  if target and not opts.brief then
    local nerr = #errors
    wn = { level = target.id, label = target.label, pathway = target.pathway,
           rules = why_not(ctx, target) }
    ctx.errors = errors               -- NONE stays NONE; a list loses what it added
    for i = #errors, nerr + 1, -1 do errors[i] = nil end
  end
  return {
    case = ctx.id,
    assessed_on = ctx.on,
    ruleset = ruleset_entry(),
    engine = ENGINE,
    status = status,
    suggestion = suggestion_entry(decided, higher),
    findings = findings, flags = flags, undetermined = undetermined,
    why_not = wn,
    errors = ctx.errors, warnings = warnings, actions = actions,
    notice = "This is a suggestion to support professional judgement, not a decision.",
  }
end

local function invalid_result(case, errs, warns)
  local id = type(case) == "table" and rawget(case, "id") or nil
  return {
    case = type(id) == "string" and id or nil,
    assessed_on = type(case) == "table" and type(rawget(case, "assessed_on")) == "string"
      and rawget(case, "assessed_on") or nil,
    ruleset = ruleset_entry(),
    engine = ENGINE,
    status = "invalid", suggestion = NULL, case_errors = errs, warnings = warns,
    findings = {}, flags = {}, undetermined = {}, errors = {}, actions = {},
    notice = "The case could not be checked: correct the data and evaluate again.",
  }
end

M.ruleset_entry = ruleset_entry
M.build_result = build_result
M.invalid_result = invalid_result
return M
