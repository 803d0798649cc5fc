-- The case, continued: the parents' capacity, the family and its history,
-- as the Assessment Framework's three domains ask (the child's
-- developmental needs; parenting capacity; family and environmental
-- factors). Graded values are listed from least to most concern. No
-- default: a rule that needs one of these and does not find it names it.

-- The child, when the date of birth is not known
field "child.age_years_approx" { type = "integer", min = 0, max = 18,
  doc = "the child's approximate age in years, when the date of birth is not known" }

-- Parenting capacity
field "carers[].age" { type = "integer", worse = "lower", min = 10, max = 100,
  doc = "the carer's age in years" }
field "carers[].capacity_to_change" { type = "enum", ordered = true,
  values = { "good", "some", "limited", "none_evident" },
  doc = "the carer's capacity to make and keep the changes the child needs, as assessed" }
field "carers[].willingness_to_change" { type = "enum", ordered = true,
  values = { "willing", "ambivalent", "unwilling" },
  doc = "whether the carer accepts there is a problem and wants to change" }

-- Family and environment
field "household.support_network" { type = "enum", ordered = true,
  values = { "good", "some", "little", "none" },
  doc = "family and friends who help with the child's care" }
field "household.housing" { type = "enum", ordered = true,
  values = { "stable", "insecure", "temporary", "homeless" },
  doc = "the family's housing: settled; at risk (arrears, notice); temporary accommodation; homeless or sofa-surfing" }
field "household.moves_12_months" { type = "integer", worse = "higher", min = 0,
  doc = "house moves in the last 12 months" }

-- Pregnancy
field "health.antenatal_care" { type = "enum", ordered = true,
  values = { "attending", "some_missed", "late_booking_or_most_missed", "concealed_or_none" },
  doc = "antenatal care for an unborn baby (or for this child's birth, if recent)" }

-- School attendance when no percentage is recorded (DfE: persistent
-- absence is missing 10% or more of sessions, severe absence 50% or more)
field "school.attendance" { type = "enum", ordered = true,
  values = { "good", "occasional_absence", "persistent_absence", "severe_absence", "missing_education" },
  doc = "attendance in words: good; some absence; persistently absent (below 90%); severely absent (below 50%); not on a school roll and not educated otherwise" }

-- History: referrals, and cases closed and referred again
field "history.referrals" { type = "array", of = "object", default = {},
  doc = "earlier referrals to children's social care; absent means none recorded" }
field "history.referrals[].date" { type = "date" }
field "history.referrals[].outcome" { type = "enum",
  values = { "no_further_action", "signposted", "early_help", "assessment_closed", "child_in_need", "child_protection" } }

-- The Assessment Framework's three domains, as an assessment grades them
-- (a practitioner's summary; the rules read the facts beneath them too)
field "assessment" { type = "object", doc = "the assessment's summary of each domain of the Assessment Framework" }
field "assessment.developmental_needs" { type = "enum", ordered = true,
  values = { "met", "some_unmet", "significantly_unmet", "severely_unmet" },
  doc = "the child's developmental needs: health, education, emotional and behavioural development, identity, relationships, presentation, self-care" }
field "assessment.parenting_capacity" { type = "enum", ordered = true,
  values = { "adequate", "some_concern", "significant_concern", "severe_concern" },
  doc = "basic care, safety, emotional warmth, stimulation, guidance and boundaries, stability" }
field "assessment.family_environment" { type = "enum", ordered = true,
  values = { "supportive", "some_concern", "significant_concern", "severe_concern" },
  doc = "family history and functioning, wider family, housing, employment, income, social integration, community" }
