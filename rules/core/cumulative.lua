-- The cumulative route to child protection. Significant harm is seldom
-- one event: "more often, significant harm is a compilation of significant
-- events, both acute and long-standing, which interrupt, change or damage
-- the child's physical and psychological development" (Working Together
-- 2006 s1.28, the passage later editions' assessment guidance keeps).
-- Every matrix read puts long-standing neglect together with parents'
-- difficulties, or with parents who will not or cannot change, at its
-- child protection level.

local CS = "Discuss with children's social care today: consider a strategy discussion (s47)"
local REPEATED = { "frequent", "persistent" }
local SERIOUS_IMPACT = { "impairing_health_or_development", "significant_harm" }
local SUBTYPES = { "medical", "nutritional", "emotional", "educational", "physical", "supervision" }

fact "neglect_types_impairing" {
  doc = "the number of sub-types of neglect with a frequent or persistent concern that is impairing health or development",
  type = "integer",
  value = function(c)
    local seen, n = {}, 0
    for _, k in ipairs(c.concerns) do
      local repeated = k.frequency == "frequent" or k.frequency == "persistent"
      local serious = k.impact == "impairing_health_or_development" or k.impact == "significant_harm"
      if repeated and serious and not seen[k.subtype] then seen[k.subtype] = true; n = n + 1 end
    end
    return n
  end,
}

-- "Significantly affect care" (Buckinghamshire, Wirral level 4): core reads
-- it as severe mental ill-health affecting parenting, drug or alcohol
-- misuse affecting care or dependence, or domestic abuse at medium or high
-- risk. Mental ill-health that affects parenting but is not severe, and
-- standard-risk domestic abuse, are the documents' lower levels.
fact "parental_factor_significantly_affecting_care" {
  doc = "a carer's severe mental ill-health or substance misuse is affecting care, or domestic abuse is at medium or high risk",
  when = any {
    at_least(count("carers", is("mental_health", "severe_impacting")), 1),
    is("carer_substance_misuse_affects_care", true),
    at_least(count("carers", one_of("domestic_abuse", { "current_medium", "current_high_marac" })), 1),
  },
}

-- Buckinghamshire and Wirral level 4: parents' mental health or substance
-- misuse significantly affect care of the child. With neglect that meets
-- the Working Together definition, that is their child protection level.
rule "Cumulative harm: persistent neglect with parental difficulties" {
  level   = "child_protection",
  cite    = "Working Together 2006 s1.28: significant harm as a compilation of events; Buckinghamshire threshold level 4 and Wirral level 4: parents' mental health or substance misuse significantly affect care of the child",
  basis   = "judgement",
  why     = "'significantly affect care' (Buckinghamshire, Wirral level 4) read as severe mental ill-health, substance misuse affecting care, or medium or high-risk domestic abuse",
  reason  = "Persistent neglect is impairing the child's health or development, and a parent's severe mental ill-health, substance misuse or domestic abuse is significantly affecting their care",
  when    = all { is("meets_neglect_definition", true), is("parental_factor_significantly_affecting_care", true) },
  actions = { CS, "Complete a Graded Care Profile assessment" },
}

-- Northumberland level 4: suspicion of long-term neglect, shown by several
-- signs together (hunger, a squalid home, many moves, dirty clothes, a
-- carer without warmth, no stimulation).
rule "Cumulative harm: neglect impairing the child in several areas" {
  level   = "child_protection",
  cite    = "Northumberland threshold level 4: suspicion of long-term neglect (hunger, and/or a dirty and squalid home, and/or lots of house moves, and/or ill-fitting dirty clothes, and/or a carer without warmth)",
  basis   = "judgement",
  why     = "Northumberland level 4 lists signs of long-term neglect together without a count; two or more sub-types impairing the child is core's reading",
  reason  = "Recurring concerns in two or more areas of the child's care are impairing the child's health or development",
  when    = at_least("neglect_types_impairing", 2),
  actions = { CS, "Complete a Graded Care Profile assessment" },
}

-- Buckinghamshire level 4: parents not engaging with professionals;
-- the matrices' engagement scale ends at "not engaging" at level 4. The
-- next step names the national pre-proceedings stage (the Public Law
-- Outline), not a local forum: a legal planning meeting is Peterborough's
-- (ESN 24), and its set asks for one itself.
rule "Cumulative harm: persistent neglect, parents not engaging or not able to change" {
  level   = "child_protection",
  cite    = "Buckinghamshire threshold level 4 (parents and carers): parents not engaging with professionals; parents unable to provide good enough parenting that is adequate and safe",
  basis   = "quoted",
  reason  = "Persistent neglect is impairing the child, and a carer refuses help, only appears to comply, or shows no capacity or willingness to change",
  when    = all {
    is("meets_neglect_definition", true),
    at_least(count("carers", any {
      one_of("engagement", { "disguised_compliance_suspected", "refuses" }),
      is("capacity_to_change", "none_evident"),
      is("willingness_to_change", "unwilling"),
    }), 1),
  },
  actions = { CS, "Seek legal advice on whether the threshold for pre-proceedings (Public Law Outline) is met" },
}

-- The Assessment Framework's three domains, as an assessment summarises
-- them. A domain graded severe, or all three graded significant, is the
-- child protection level; one significant domain is a child in need.
-- The grades' mapping to levels is core's (a judgement): the Framework
-- names the domains, not levels.
fact "assessment_recorded" {
  doc = "an assessment's summary of at least one domain is recorded",
  when = any { present("assessment.developmental_needs"), present("assessment.parenting_capacity"),
               present("assessment.family_environment") },
}

local SIGNIFICANT_DEV = { "significantly_unmet", "severely_unmet" }
local SIGNIFICANT = { "significant_concern", "severe_concern" }

rule "Assessment: a domain of severe concern" {
  level   = "child_protection",
  cite    = "Framework for the Assessment of Children in Need and their Families (2000), carried into Working Together 2023: the child's developmental needs, parenting capacity, family and environmental factors",
  basis   = "judgement",
  why     = "the Assessment Framework names the three domains, not levels; a domain of severe concern at child protection is core's mapping",
  reason  = "The assessment grades a domain of the child's life as of severe concern",
  when    = all { is("assessment_recorded", true), any {
    is("assessment.developmental_needs", "severely_unmet"),
    is("assessment.parenting_capacity", "severe_concern"),
    is("assessment.family_environment", "severe_concern"),
  } },
  actions = { CS },
}

rule "Assessment: significant concern in all three domains" {
  level   = "child_protection",
  cite    = "Framework for the Assessment of Children in Need and their Families (2000), carried into Working Together 2023: the three domains",
  basis   = "judgement",
  why     = "the Assessment Framework names the three domains, not levels; significant concern in all three at child protection is core's mapping",
  reason  = "The assessment finds significant concern in the child's development, in parenting capacity and in the family's circumstances",
  when    = all { is("assessment_recorded", true),
    one_of("assessment.developmental_needs", SIGNIFICANT_DEV),
    one_of("assessment.parenting_capacity", SIGNIFICANT),
    one_of("assessment.family_environment", SIGNIFICANT),
  },
  actions = { CS },
}

rule "Assessment: significant concern in a domain" {
  level   = "child_in_need",
  cite    = "Framework for the Assessment of Children in Need and their Families (2000), carried into Working Together 2023: the three domains",
  basis   = "judgement",
  why     = "the Assessment Framework names the three domains, not levels; one domain of significant concern at child in need is core's mapping",
  reason  = "The assessment finds significant concern in at least one domain of the child's life",
  when    = all { is("assessment_recorded", true), any {
    one_of("assessment.developmental_needs", SIGNIFICANT_DEV),
    one_of("assessment.parenting_capacity", SIGNIFICANT),
    one_of("assessment.family_environment", SIGNIFICANT),
  } },
  actions = { "Refer to children's social care for a child and family assessment" },
}

rule "Assessment: some concern in a domain" {
  level   = "early_help",
  cite    = "Framework for the Assessment of Children in Need and their Families (2000): the three domains; the matrices' level 2 (additional needs) in each",
  basis   = "judgement",
  why     = "the Assessment Framework names the three domains, not levels; some concern in a domain at early help is core's mapping",
  reason  = "The assessment finds some unmet need in at least one domain of the child's life",
  when    = all { is("assessment_recorded", true), any {
    is("assessment.developmental_needs", "some_unmet"),
    is("assessment.parenting_capacity", "some_concern"),
    is("assessment.family_environment", "some_concern"),
  } },
  actions = { "Offer early help with the family's consent and complete an Early Help Assessment" },
}
