-- Graded Care Profile (GCP / NSPCC GCP2): four areas of care, each graded
-- 1 (all needs met, child comes first) to 5 (essential needs wholly unmet,
-- child not considered). The tool is a profile, not a total: poor care in
-- one area is not hidden by good care in another, so core reads the worst
-- area of the latest assessment. An area grade is the assessor's judgement
-- from the sub-areas; core takes the area grades as recorded.

local GCP_TOOLS = { gcp_original = true, gcp2_nspcc = true, local_gcp_variant = true }
local AREAS = { "physical_care", "care_of_safety", "emotional_care", "developmental_care" }

-- The latest GCP assessment by date on or before assessed_on, or nil when
-- none is recorded. A record dated after the assessment cannot be the one
-- the assessment rests on: it is never "the latest", and the flag below
-- names it. Two on the same latest day: neither is later, so the worse
-- grade of each area counts (the list's order says nothing).
local function gcp_records(c)
  local on, list = c.assessed_on, {}
  for _, t in ipairs(c.tools) do
    if GCP_TOOLS[t.tool] and days_between(t.completed_on, on) >= 0 then list[#list + 1] = t end
  end
  return list
end

local function latest_gcp(c)
  local best
  for _, t in ipairs(gcp_records(c)) do
    if best == nil or days_between(best.completed_on, t.completed_on) > 0 then best = t end
  end
  return best
end

-- The worst grade of one area over the latest day's records (nil if ungraded).
local function latest_day_grade(c, area)
  local latest, worst = latest_gcp(c), nil
  for _, t in ipairs(gcp_records(c)) do
    if days_between(t.completed_on, latest.completed_on) == 0 then
      local g = t.area_grades[area]
      if worst == nil or g > worst then worst = g end
    end
  end
  return worst
end

fact "gcp_worst_grade" {
  doc = "the worst area grade of the latest Graded Care Profile; 0 when none is recorded",
  type = "integer",
  value = function(c)
    local t = latest_gcp(c)
    if t == nil then return 0 end
    local worst = 0
    for _, area in ipairs(AREAS) do          -- an ungraded area is unknown, not good
      worst = math.max(worst, latest_day_grade(c, area))
    end
    return worst
  end,
}

fact "gcp_recorded" {
  doc = "a Graded Care Profile assessment is recorded",
  type = "boolean",
  value = function(c) return latest_gcp(c) ~= nil end,
}

decision_table "Graded Care Profile: worst area of care" {
  cite   = "Graded Care Profile grade descriptors (Srivastava & Polnay; NSPCC GCP2): 3 some essential needs not met, 4 most essential needs not met, 5 essential needs wholly unmet",
  reason = "The latest Graded Care Profile grades an area of the child's care at this level",
  hit    = "unique",
  inputs = { "gcp_worst_grade" },
  rows = {
    { "1..2", "universal", reason = "The Graded Care Profile shows the child's essential needs met in every area",
      basis = "judgement", why = "the Graded Care Profile grades how far needs are met, not a threshold level; grade 1 or 2 at universal is core's mapping (no source gives one)" },
    { 3, "early_help", reason = "The Graded Care Profile shows some essential needs not met in at least one area of care",
      basis = "judgement", why = "the Graded Care Profile grades how far needs are met, not a threshold level; grade 3 at early help is core's mapping (no source gives one)" },
    { 4, "child_in_need", reason = "The Graded Care Profile shows most essential needs not met in at least one area of care",
      basis = "judgement", why = "the Graded Care Profile grades how far needs are met, not a threshold level; grade 4 at child in need is core's mapping (no source gives one)",
      actions = { "Refer to children's social care for a child and family assessment" } },
    { 5, "child_protection", reason = "The Graded Care Profile shows essential needs wholly unmet in at least one area of care",
      basis = "judgement", why = "the Graded Care Profile grades how far needs are met, not a threshold level; grade 5 at child protection is core's mapping (no source gives one)",
      actions = { "Discuss with children's social care today: consider a strategy discussion (s47)" } },
    -- Grades run 1 to 5 (the schema allows no other), so only a case with
    -- no profile recorded (gcp_worst_grade 0) reaches here: the profile
    -- grades nothing, and the table suggests no level ("-"), said here
    -- rather than left as a gap the result would have to report.
    { "otherwise", "-", reason = "No Graded Care Profile is recorded: the profile suggests no level" },
  },
}

-- A tool dated after the date the case is assessed as of is an error in
-- the record (or a date typed wrong); it is not read as the latest.
flag "Graded Care Profile dated after the assessment" {
  cite     = "Data quality: an assessment cannot rest on a tool completed after it",
  basis    = "judgement",
  why      = "a check on the record, not a threshold: a profile completed after the assessment date cannot be the one it rests on",
  reason   = "A Graded Care Profile is dated after the date the case is assessed as of; it was not read, check the record",
  severity = "high",
  when     = function(c)
    for _, t in ipairs(c.tools) do
      if GCP_TOOLS[t.tool] and days_between(t.completed_on, c.assessed_on) < 0 then return true end
    end
    return false
  end,
  actions  = { "Correct the Graded Care Profile's completion date" },
}
