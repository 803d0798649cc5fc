-- Definitions: the child's age, the Working Together definition of neglect
-- and its six sub-types, and the parental factors the documents treat as
-- escalators. Facts are computed once per case, when a rule first needs them.

fact "dob_recorded" { doc = "the child's date of birth is recorded", when = present("child.dob") }

-- When the date of birth is not known (a referral often gives an age), the
-- approximate age in years stands in, counted from the start of that year.
fact "age_months" {
  doc = "the child's age in whole months on assessed_on; an unborn baby counts as 0; from the approximate age when no date of birth is recorded",
  type = "integer",
  value = function(c)
    if c.child.unborn then return 0 end
    if c.dob_recorded then return months_between(c.child.dob, c.assessed_on) end
    return c.child.age_years_approx * 12
  end,
}

fact "age_years" {
  doc = "the child's age in whole years on assessed_on; an unborn baby counts as 0",
  type = "integer",
  value = function(c) return c.age_months // 12 end,
}

-- A concern counts towards a sub-type of neglect when it is frequent or
-- persistent: the documents escalate by frequency, and an occasional lapse
-- is not neglect (Working Together: "persistent failure").
local REPEATED = { "frequent", "persistent" }
local SERIOUS_IMPACT = { "impairing_health_or_development", "significant_harm" }

local function repeated_concern(subtype)
  return at_least(count("concerns", all { is("subtype", subtype), one_of("frequency", REPEATED) }), 1)
end

fact "medical_neglect" { doc = "health needs minimised, treatment not sought or given",
  when = repeated_concern("medical") }
fact "nutritional_neglect" { doc = "food inadequate for normal growth",
  when = repeated_concern("nutritional") }
fact "emotional_neglect" { doc = "carer unresponsive to the child's emotional needs",
  when = repeated_concern("emotional") }
fact "educational_neglect" { doc = "no stimulation or interest in education; attendance not ensured",
  when = repeated_concern("educational") }
fact "physical_neglect" { doc = "clothing, food, cleanliness, living conditions",
  when = repeated_concern("physical") }
fact "supervision_neglect" { doc = "lack of supervision and guidance: left alone, unsuitable carers, no boundaries",
  when = repeated_concern("supervision") }

fact "neglect_types_of_concern" {
  doc = "the sub-types of neglect with a frequent or persistent concern",
  value = function(c)
    local types = {}
    for _, t in ipairs({ "medical", "nutritional", "emotional", "educational", "physical", "supervision" }) do
      if c[t .. "_neglect"] then types[#types + 1] = t end
    end
    return types
  end,
}

-- Working Together 2015: "the persistent failure to meet a child's basic
-- physical and/or psychological needs, likely to result in the serious
-- impairment of the child's health or development".
fact "meets_neglect_definition" {
  doc = "a persistent concern that is impairing health or development, or causing significant harm",
  when = at_least(count("concerns", all { is("frequency", "persistent"), one_of("impact", SERIOUS_IMPACT) }), 1),
}

-- Parental factors: the "toxic trio" and its parts.
fact "carer_mental_health_affects_care" {
  doc = "a carer's mental ill-health is affecting their parenting",
  when = at_least(count("carers", one_of("mental_health", { "impacting_parenting", "severe_impacting" })), 1),
}
fact "carer_substance_misuse_affects_care" {
  doc = "a carer's current drug or alcohol misuse is affecting care, or they are dependent",
  when = at_least(count("carers", any {
    one_of("substance_misuse", { "current_impacting", "dependent" }),
    one_of("alcohol_misuse", { "current_impacting", "dependent" }),
  }), 1),
}
fact "current_domestic_abuse" {
  doc = "domestic abuse in the household now",
  when = at_least(count("carers", one_of("domestic_abuse",
    { "current_standard", "current_medium", "current_high_marac" })), 1),
}
fact "mother_substance_misuse_in_pregnancy" {
  doc = "the mother's drug or alcohol misuse is current and affecting care, or she is dependent",
  when = at_least(count("carers", all {
    is("relationship", "mother"),
    any {
      one_of("substance_misuse", { "current_impacting", "dependent" }),
      one_of("alcohol_misuse", { "current_impacting", "dependent" }),
    },
  }), 1),
}

-- A plan for neglect: its category is neglect, or it has several
-- categories and neglect is one of them (Rotherham counts plans with "a
-- registration category which includes neglect"). A plan of several
-- categories that are not listed leaves the answer unknown, not no.
local function plan_includes_neglect(category, categories)
  if category ~= "multiple" then return category == "neglect" end
  for _, c in ipairs(categories) do
    if c == "neglect" then return true end
  end
  return false
end

fact "current_plan_includes_neglect" {
  doc = "the current plan's category is neglect, or neglect is among its several categories",
  type = "boolean",
  value = function(c)
    local cur = c.current
    return plan_includes_neglect(cur.plan_category,
      cur.plan_category == "multiple" and cur.plan_categories or nil)
  end,
}

fact "previous_neglect_plans" {
  doc = "the number of earlier child protection plans whose categories include neglect",
  type = "integer",
  value = function(c)
    local n = 0
    for _, p in ipairs(c.history.cp_plans) do
      if plan_includes_neglect(p.category, p.category == "multiple" and p.categories or nil) then
        n = n + 1
      end
    end
    return n
  end,
}
