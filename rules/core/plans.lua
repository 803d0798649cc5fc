-- A child already on a plan: no step down without sustained improvement.
-- Peterborough's report warns of over-optimism, of "relatively small
-- improvements" read as change, and of delay (s4.17-4.18); the Graded Care
-- Profile is rescored at each review to show whether care has changed
-- (s4.19-4.22). Working Together 2023: a child protection plan ends when
-- the child is no longer judged at risk of significant harm; a child in
-- need plan steps down when the needs have been met (Children Act 1989
-- s17(10); Gloucestershire's step-down guidance says so in those words).
--
-- A case that does not record where it is now (current.pathway) is read
-- as a new referral by these two rules: a child on a plan has it recorded.
--
-- What counts as sustained is core's reading (a judgement): the two most
-- recent Graded Care Profiles, at least 12 weeks apart, both grade every
-- area 1 or 2 (needs met). Twelve weeks is the interval of the GCP2
-- reviews in the published case studies (three-monthly rescoring).

local GCP_TOOLS = { gcp_original = true, gcp2_nspcc = true, local_gcp_variant = true }
local AREAS = { "physical_care", "care_of_safety", "emotional_care", "developmental_care" }

-- The GCP assessments, most recent first.
local function gcp_by_date(c)
  local list = {}
  for _, t in ipairs(c.tools) do
    if GCP_TOOLS[t.tool] then list[#list + 1] = t end
  end
  table.sort(list, function(a, b) return days_between(b.completed_on, a.completed_on) > 0 end)
  return list
end

local function worst(t)
  local w = 0
  for _, area in ipairs(AREAS) do w = math.max(w, t.area_grades[area]) end
  return w
end

fact "gcp_previous_worst_grade" {
  doc = "the worst area grade of the Graded Care Profile before the latest; 0 when fewer than two are recorded",
  type = "integer",
  value = function(c)
    local list = gcp_by_date(c)
    if #list < 2 then return 0 end
    return worst(list[2])
  end,
}

fact "gcp_sustained_improvement" {
  doc = "the two latest Graded Care Profiles, 12 weeks or more apart, both grade every area 1 or 2",
  type = "boolean",
  value = function(c)
    local list = gcp_by_date(c)
    if #list < 2 then return false end
    return worst(list[1]) <= 2 and worst(list[2]) <= 2
      and days_between(list[2].completed_on, list[1].completed_on) >= 84
  end,
}

rule "On a child protection plan, no sustained improvement" {
  level   = "child_protection",
  cite    = "Working Together 2023: a child protection plan ends when the child is no longer at risk of significant harm; Peterborough report s4.17-4.18: over-optimism and relatively small improvements",
  basis   = "judgement",
  why     = "'sustained' read as the two latest Graded Care Profiles 12 weeks apart grading every area 1 or 2; no source gives the test",
  reason  = "The child is on a child protection plan and no sustained improvement in care is recorded",
  when    = all { present("current.pathway"), is("current.pathway", "child_protection"),
                  is("gcp_sustained_improvement", false) },
  actions = { "Keep the child protection plan until the review conference finds sustained change",
              "Rescore the Graded Care Profile before the review conference" },
}

rule "On a child in need plan, no sustained improvement" {
  level   = "child_in_need",
  cite    = "Children Act 1989 s17(10): a child in need while health or development is likely to be impaired without services; Gloucestershire Graduated Pathway practice guidance, stepping down from level four: step down from children's social care takes place because the needs have been met and/or the risks to the child have decreased (https://www.gloucestershire.gov.uk/education-and-learning/graduated-pathway-practice-guidance/practitioners/stepping-down-the-graduated-pathway-from-level-four-intervention); Peterborough report s4.17-4.18: over-optimism and relatively small improvements; Peterborough self-assessment 2017 (ESN 25): improvements not sustained",
  basis   = "judgement",
  why     = "'sustained' read as the two latest Graded Care Profiles 12 weeks apart grading every area 1 or 2; no source gives the test",
  reason  = "The child is on a child in need plan and no sustained improvement in care is recorded",
  when    = all { present("current.pathway"), is("current.pathway", "child_in_need"),
                  is("gcp_sustained_improvement", false) },
  actions = { "Keep the child in need plan until improvement is sustained",
              "Rescore the Graded Care Profile at the next review" },
}

fact "gcp_worsened" {
  doc = "the latest Graded Care Profile's worst area grade is worse than the one before",
  type = "boolean",
  value = function(c)
    local list = gcp_by_date(c)
    if #list < 2 then return false end
    return worst(list[1]) > worst(list[2])
  end,
}

flag "Graded Care Profile worse than the last" {
  cite    = "Peterborough report s4.19-4.22: the Graded Care Profile rescored at each review to show change",
  basis   = "quoted",
  reason  = "The latest Graded Care Profile grades the child's care worse than the one before",
  when    = is("gcp_worsened", true),
  actions = { "Review the plan: care has deteriorated since the last profile" },
}
