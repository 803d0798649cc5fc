-- core: the scope of a threshold document, rule by rule: each rule that
-- issue 16 added, where it applies and its near miss one step below.

-- A family with everything a referral asks recorded and nothing of
-- concern: each case changes only what its example describes.
local FAMILY = {
  id = "T-valid", assessed_on = "2026-11-02",
  child = { dob = "2018-04-12", disability = false, mobile = true },
  concerns = {}, abuse = {}, exploitation = {},
  carers = { { relationship = "mother", age = 34, mental_health = "none", substance_misuse = "none",
               alcohol_misuse = "none", domestic_abuse = "none", learning_disability = "none",
               engagement = "engaged", consent_to_early_help = true,
               capacity_to_change = "good", willingness_to_change = "willing" } },
  household = { home_conditions = "good", food_in_home = "adequate", heating_lighting_absent = "never",
                supervision = "appropriate", dangerous_adults_access = false,
                domestic_abuse_exposure = "none", sibling_violence = "none",
                support_network = "good", housing = "stable", moves_12_months = 0 },
  school = { attendance_pct = 97 },
  health = { was_not_brought = "none", growth = "normal", dental = "good", medication = "not_applicable",
             injuries = "none", treatment_refused = "none" },
  history = { previous_children_removed = false, siblings_current_plan = "none", referrals = {} },
  current = { pathway = "none" },
}



-- Near miss: one step less impact than 'Recurring neglect impairing health or development'.
test "Frequent concern with some impact is not the impairing rule" {
  case = with(FAMILY, { concerns = { { subtype = "physical", frequency = "frequent", impact = "some" } } }),
  expect = { level = "early_help", not_fired = { "Recurring neglect impairing health or development" } },
}

-- Bristol L3: development raising significant concerns. A worse impact never gives a lower level (it gave universal before issue 16).
test "Frequent concern impairing health: child in need" {
  case = with(FAMILY, { concerns = { { subtype = "physical", frequency = "frequent", impact = "impairing_health_or_development" } } }),
  expect = { level = "child_in_need", fired = { "Recurring neglect impairing health or development" } },
}

-- Near miss: an occasional lapse with no impact on the child sets nothing.
test "Occasional lapse with no impact is not the floor rule" {
  case = with(FAMILY, { concerns = { { subtype = "physical", frequency = "occasional", impact = "none" } } }),
  expect = { level = "universal", not_fired = { "Occasional lapses affecting the child", "Recurring lapses in care" } },
}

-- The grid's occasional row: impairing but occasional is early help, below the persistent definition.
test "Occasional lapse impairing the child is early help" {
  case = with(FAMILY, { concerns = { { subtype = "medical", frequency = "occasional", impact = "impairing_health_or_development" } } }),
  expect = { level = "early_help", fired = { "Occasional lapses affecting the child" }, not_fired = { "Persistent neglect impairing health or development" } },
}

-- Near misses: each value at its best sets none of the floor rules.
test "Nothing of concern in the home or health" {
  case = FAMILY,
  expect = { level = "universal", not_fired = { "Food inconsistent, no regular meals", "Home sometimes without heating or lighting", "Unclean home", "Supervision inconsistent", "Medication given inconsistently", "Weight affecting health" } },
}

-- Near miss: Kent's level 2 is about a newly mobile baby; clutter alone for an eight-year-old sets nothing.
test "Cluttered home and a school-age child" {
  case = with(FAMILY, { household = { home_conditions = "cluttered" } }),
  expect = { level = "universal", not_fired = { "Cluttered home and a mobile infant" } },
}

-- Buckinghamshire L4 (seriously obese) and Trafford L5 (obese through neglect, with co-morbidity); core takes the level between.
test "Obesity harming health: child in need" {
  case = with(FAMILY, { health = { growth = "obese_health_impact" } }),
  expect = { level = "child_in_need", fired = { "Obesity harming health" }, not_fired = { "Weight affecting health" } },
}

-- Near miss: a weight concern is Trafford's level 2.
test "Weight concern is not obesity harming health" {
  case = with(FAMILY, { health = { growth = "weight_concern" } }),
  expect = { level = "early_help", not_fired = { "Obesity harming health", "Faltering growth without an organic cause" } },
}

-- Northumberland L4 (chronic non-attendance) and Bristol L3; core takes child in need.
test "Attendance below half: child in need" {
  case = with(FAMILY, { school = { attendance_pct = 45 } }),
  expect = { level = "child_in_need", fired = { "Severe absence or missing education" }, not_fired = { "School attendance below 90 per cent" } },
}

-- Near miss: below 90% but not below 50%.
test "Attendance of 60 per cent is persistent, not severe, absence" {
  case = with(FAMILY, { school = { attendance_pct = 60 } }),
  expect = { level = "early_help", fired = { "School attendance below 90 per cent" }, not_fired = { "Severe absence or missing education" } },
}

-- Northumberland L4: no education; attendance recorded in words.
test "Child missing education, recorded in words" {
  case = (function() local c = with(FAMILY, {}); c.school = { attendance = "missing_education" }; return c end)(),
  expect = { level = "child_in_need", fired = { "Severe absence or missing education" } },
}

-- Near miss: harsh parenting without injury is below a suspicion of abuse.
test "Harsh parenting is not a suspicion of abuse" {
  case = with(FAMILY, { abuse = { { type = "physical", concern = "harsh_parenting", impact = "none" } } }),
  expect = { level = "early_help", fired = { "Harsh or over-controlling parenting" }, not_fired = { "Abuse suspected, disclosed or evidenced", "Harsh parenting impairing the child" } },
}

-- Bristol L3 (development raising significant concerns); Buckinghamshire L4 (parents highly critical or rejecting); core takes the level between.
test "Harsh parenting impairing the child: child in need" {
  case = with(FAMILY, { abuse = { { type = "emotional", concern = "harsh_parenting", impact = "impairing_health_or_development" } } }),
  expect = { level = "child_in_need", fired = { "Harsh parenting impairing the child" }, not_fired = { "Abuse causing significant harm" } },
}

-- s47: a child suffering significant harm.
test "Harsh parenting causing significant harm: child protection" {
  case = with(FAMILY, { abuse = { { type = "emotional", concern = "harsh_parenting", impact = "significant_harm" } } }),
  expect = { level = "child_protection", fired = { "Abuse causing significant harm" } },
}

-- Near miss: an empty abuse list.
test "No abuse recorded: no harsh-parenting rule" {
  case = FAMILY,
  expect = { level = "universal", not_fired = { "Harsh or over-controlling parenting" } },
}

-- Near miss: an explained minor injury in a child who is mobile.
test "Explained minor injury to a crawling toddler" {
  case = with(FAMILY, { child = { dob = "2025-09-01", mobile = true }, school = { attendance_pct = 100 }, health = { injuries = "explained_minor" } }),
  expect = { level = "universal", not_fired = { "Injury to a baby who is not mobile", "Unexplained injury" } },
}

-- Near miss: abuse in the past, none now, sets none of the domestic abuse rules.
test "Historic domestic abuse only" {
  case = with(FAMILY, { carers = { { relationship = "mother", age = 33, mental_health = "none", substance_misuse = "none", alcohol_misuse = "none", domestic_abuse = "historic", engagement = "engaged", consent_to_early_help = true } } }),
  expect = { level = "universal", not_fired = { "Domestic abuse, standard risk", "Domestic abuse, medium risk", "Domestic abuse, high risk (MARAC)", "Child witnessing domestic abuse", "Child caught up in domestic abuse" } },
}

-- Domestic Abuse Act 2021 s3: the child is a victim; Bristol L3.
test "Child witnessed standard-risk domestic abuse: child in need" {
  case = with(FAMILY, { carers = { { relationship = "mother", age = 33, mental_health = "none", substance_misuse = "none", alcohol_misuse = "none", domestic_abuse = "current_standard", engagement = "engaged", consent_to_early_help = true } }, household = { domestic_abuse_exposure = "witnessed" } }),
  expect = { level = "child_in_need", fired = { "Child witnessing domestic abuse", "Domestic abuse, standard risk" }, not_fired = { "Child caught up in domestic abuse" } },
}

-- Near miss: the pre-birth rule needs medium or high risk.
test "Unborn baby, standard-risk domestic abuse" {
  case = (function() local c = with(FAMILY, { child = { unborn = true, expected_delivery = "2027-02-10" }, carers = { { relationship = "mother", age = 33, mental_health = "none", substance_misuse = "none", alcohol_misuse = "none", domestic_abuse = "current_standard", engagement = "engaged", consent_to_early_help = true } }, health = { antenatal_care = "attending" } }); c.child.dob = nil; c.child.mobile = nil; return c end)(),
  expect = { level = "early_help", not_fired = { "Pre-birth: domestic abuse" } },
}

-- Bristol L3 and Wirral L4 place a risk short of high at most documents' level 3.
test "Exploitation at medium risk: child in need" {
  case = with(FAMILY, { child = { dob = "2011-04-04" }, exploitation = { { type = "sexual", risk = "medium" } } }),
  expect = { level = "child_in_need", fired = { "Exploitation, medium risk" }, not_fired = { "Exploitation, high risk", "Exploitation, low or emerging risk" } },
}

-- Near miss.
test "No missing episodes: neither missing rule" {
  case = FAMILY,
  expect = { level = "universal", not_fired = { "Repeatedly missing from home", "Missing from home once" } },
}

-- Working Together 2023: abuse may be by another child; the parents cannot keep the child safe.
test "Brother's violence injuring the child: child protection" {
  case = with(FAMILY, { household = { sibling_violence = "causing_injury" } }),
  expect = { level = "child_protection", fired = { "Child harmed by a brother or sister" } },
}

-- Devon L2 / Trafford L2: disruptive or challenging behaviour at home.
test "Repeated fights between siblings: early help" {
  case = with(FAMILY, { household = { sibling_violence = "repeated" } }),
  expect = { level = "early_help", fired = { "Repeated violence between children at home" }, not_fired = { "Child harmed by a brother or sister" } },
}

-- Northumberland L4 (s47), Buckinghamshire L4 and Wirral L4 (significant harm) put violence that puts others at serious risk at their top level; core follows the documents (issue 16; it gave a s17 assessment before).
test "Child's violence at home causing injury: child protection" {
  case = with(FAMILY, { child = { dob = "2010-10-10", violence_at_home = "causing_injury" } }),
  expect = { level = "child_protection", fired = { "Child's violence at home causing injury" }, not_fired = { "Repeated violence between children at home" } },
}

-- Near miss: occasional.
test "Occasional violence at home sets nothing" {
  case = with(FAMILY, { child = { violence_at_home = "occasional" }, household = { sibling_violence = "occasional" } }),
  expect = { level = "universal", not_fired = { "Repeated violence between children at home", "Child's violence at home causing injury", "Child harmed by a brother or sister" } },
}

-- Near misses: neither police protection nor an emergency protection order; no treatment refused.
test "No legal step taken, no refusal" {
  case = FAMILY,
  expect = { level = "universal", not_fired = { "Child in police protection or under an emergency protection order", "Carer refuses essential treatment", "Carer refuses routine health care" } },
}

-- s47(1)(a)(i).
test "Emergency protection order made" {
  case = with(FAMILY, { current = { emergency_protection_order = true } }),
  expect = { level = "child_protection", fired = { "Child in police protection or under an emergency protection order" } },
}

-- s47(1)(b): reasonable cause to suspect significant harm obliges the
-- local authority to enquire. A health visitor records that judgement of
-- a four-year-old with no other concern recorded yet: the statute, not the
-- recorded concerns, gives child protection.
test "Professional judges the child at risk of significant harm: child protection" {
  case = with(FAMILY, { at_risk_of_significant_harm = true }),
  expect = { level = "child_protection", fired = { "Judged at risk of significant harm (s47)" } },
}

-- Near miss: the judgement recorded is that the child is not at risk.
test "Judged not at risk of significant harm: no s47 enquiry" {
  case = with(FAMILY, { at_risk_of_significant_harm = false }),
  expect = { level = "universal", status = "complete", not_fired = { "Judged at risk of significant harm (s47)" } },
}

-- No judgement recorded: the rule does not apply, and it does not ask
-- every case for a judgement only a professional can make.
test "No s47 judgement recorded: not put to the case as a question" {
  case = FAMILY,
  expect = { level = "universal", status = "complete", not_fired = { "Judged at risk of significant harm (s47)" } },
}

-- Trafford L3 (intensive family support) keeps a child with recurring needs in early help where the parents engage; Peterborough s4.14: consent.
test "Parents struggling, consenting and engaged: early help, not child in need" {
  case = with(FAMILY, { carers = { { relationship = "mother", age = 33, mental_health = "impacting_parenting", substance_misuse = "none", alcohol_misuse = "none", domestic_abuse = "none", engagement = "engaged", consent_to_early_help = true } }, concerns = { { subtype = "emotional", frequency = "frequent", impact = "some" } } }),
  expect = { level = "early_help", fired = { "Parental difficulties affecting care" }, not_fired = { "Parental difficulties affecting care, with neglect" } },
}

-- Buckinghamshire L4: parents not engaging; Peterborough s4.14: early help rests on consent.
test "Recurring concerns, mother refuses help: child in need" {
  case = with(FAMILY, { carers = { { relationship = "mother", age = 33, mental_health = "none", substance_misuse = "none", alcohol_misuse = "none", domestic_abuse = "none", engagement = "refuses", consent_to_early_help = false } }, concerns = { { subtype = "physical", frequency = "frequent", impact = "some" } } }),
  expect = { level = "child_in_need", fired = { "Concerns recurring, help refused or not engaged with" } },
}

-- Near miss: refusal without a recurring concern is the family's right.
test "Mother refuses help, no recurring concern" {
  case = with(FAMILY, { carers = { { relationship = "mother", age = 33, mental_health = "none", substance_misuse = "none", alcohol_misuse = "none", domestic_abuse = "none", engagement = "refuses", consent_to_early_help = false } } }),
  expect = { level = "universal", not_fired = { "Concerns recurring, help refused or not engaged with", "Parental difficulties affecting care" } },
}

-- Near miss: a disability alone is the statute's child in need, not a concern this rule reads.
test "Disabled child with no additional need" {
  case = with(FAMILY, { child = { disability = true } }),
  expect = { level = "universal", not_fired = { "Disabled child with additional needs" } },
}

-- Northamptonshire strategy: sibling groups (a judgement for the pair).
test "Sibling on a plan, recurring concerns for this child: child protection" {
  case = with(FAMILY, { history = { siblings_current_plan = "cp" }, concerns = { { subtype = "supervision", frequency = "frequent", impact = "some" } } }),
  expect = { level = "child_protection", fired = { "Sibling on a child protection plan, with concerns for this child" } },
}

-- Near miss: the sibling's plan is child in need.
test "Sibling on a child in need plan, recurring concerns" {
  case = with(FAMILY, { history = { siblings_current_plan = "cin" }, concerns = { { subtype = "supervision", frequency = "frequent", impact = "some" } } }),
  expect = { level = "early_help", not_fired = { "Sibling on a child protection plan, with concerns for this child" } },
}

-- Near miss: neither very young nor without support.
test "A mother of 33 with good support" {
  case = with(FAMILY, { carers = { { relationship = "mother", age = 33, mental_health = "none", substance_misuse = "none", alcohol_misuse = "none", domestic_abuse = "none", engagement = "engaged", consent_to_early_help = true } } }),
  expect = { level = "universal", not_fired = { "Very young parent", "Additional needs and no family support" } },
}

-- Devon L2: no family support; Liverpool L1: good support within the wider family.
test "Recurring concerns and no family support: early help" {
  case = with(FAMILY, { household = { support_network = "none" }, concerns = { { subtype = "emotional", frequency = "occasional", impact = "some" } } }),
  expect = { level = "early_help", fired = { "Additional needs and no family support" } },
}

-- Near miss.
test "Insecure housing is not homelessness" {
  case = with(FAMILY, { household = { housing = "insecure", moves_12_months = 2 } }),
  expect = { level = "universal", not_fired = { "Temporary accommodation or homeless", "Frequent house moves" } },
}

-- Northumberland L4 lists lots of house moves among signs of long-term neglect; three a year is core's number (a judgement).
test "Four moves in a year: early help" {
  case = with(FAMILY, { household = { moves_12_months = 4 } }),
  expect = { level = "early_help", fired = { "Frequent house moves" } },
}

-- Near miss for both pre-birth antenatal rules.
test "Antenatal care attended" {
  case = (function() local c = with(FAMILY, { child = { unborn = true, expected_delivery = "2027-02-10" }, health = { antenatal_care = "attending" } }); c.child.dob = nil; c.child.mobile = nil; return c end)(),
  expect = { level = "universal", not_fired = { "Pre-birth: some antenatal appointments missed", "Pre-birth: concealed pregnancy or little antenatal care" } },
}

-- DfE re-referrals within 12 months; Ofsted 2014 stop-start help (a judgement: assess, do not close again).
test "Closed without help and referred again in the year: child in need" {
  case = with(FAMILY, { history = { referrals = { { date = "2026-03-15", outcome = "no_further_action" } } }, concerns = { { subtype = "physical", frequency = "frequent", impact = "some" } } }),
  expect = { level = "child_in_need", fired = { "Closed and referred again within a year, concerns recurring" } },
}

-- Near miss: outside 12 months.
test "Referral closed two years ago" {
  case = with(FAMILY, { history = { referrals = { { date = "2024-03-15", outcome = "no_further_action" } } }, concerns = { { subtype = "physical", frequency = "frequent", impact = "some" } } }),
  expect = { level = "early_help", not_fired = { "Closed and referred again within a year, concerns recurring" } },
}

-- Near miss for the cumulative rules: impact some, not impairing.
test "Persistent neglect with some impact and a parent's difficulties" {
  case = with(FAMILY, { carers = { { relationship = "mother", age = 33, mental_health = "none", substance_misuse = "dependent", alcohol_misuse = "none", domestic_abuse = "none", engagement = "partial", consent_to_early_help = true } }, concerns = { { subtype = "nutritional", frequency = "persistent", impact = "some" }, { subtype = "physical", frequency = "persistent", impact = "some" } } }),
  expect = { level = "child_in_need", not_fired = { "Cumulative harm: persistent neglect with parental difficulties", "Cumulative harm: neglect impairing the child in several areas", "Cumulative harm: persistent neglect, parents not engaging or not able to change" } },
}

-- Near miss: the definition is met but no parental factor and the parents engage: child in need.
test "Persistent neglect impairing one area, parents engaged and able to change" {
  case = with(FAMILY, { concerns = { { subtype = "nutritional", frequency = "persistent", impact = "impairing_health_or_development" } } }),
  expect = { level = "child_in_need", not_fired = { "Cumulative harm: persistent neglect with parental difficulties", "Cumulative harm: persistent neglect, parents not engaging or not able to change", "Cumulative harm: neglect impairing the child in several areas" } },
}

-- Buckinghamshire L4: parents unable to provide good enough parenting.
test "Persistent neglect, mother has no capacity to change: child protection" {
  case = with(FAMILY, { carers = { { relationship = "mother", age = 33, mental_health = "none", substance_misuse = "none", alcohol_misuse = "none", domestic_abuse = "none", engagement = "engaged", consent_to_early_help = true, capacity_to_change = "none_evident" } }, concerns = { { subtype = "nutritional", frequency = "persistent", impact = "impairing_health_or_development" } } }),
  expect = { level = "child_protection", fired = { "Cumulative harm: persistent neglect, parents not engaging or not able to change" },
             -- the national next step (the Public Law Outline's pre-proceedings),
             -- not Peterborough's legal planning meeting, which only its set asks for
             actions = { "Seek legal advice on whether the threshold for pre-proceedings (Public Law Outline) is met" } },
}

-- Assessment Framework domains; grade-to-level mapping is core's (a judgement).
test "Assessment: developmental needs severely unmet" {
  case = with(FAMILY, { assessment = { developmental_needs = "severely_unmet", parenting_capacity = "some_concern", family_environment = "supportive" } }),
  expect = { level = "child_protection", fired = { "Assessment: a domain of severe concern" } },
}

-- The three domains together (a judgement).
test "Assessment: significant concern in all three domains" {
  case = with(FAMILY, { assessment = { developmental_needs = "significantly_unmet", parenting_capacity = "significant_concern", family_environment = "significant_concern" } }),
  expect = { level = "child_protection", fired = { "Assessment: significant concern in all three domains" }, not_fired = { "Assessment: a domain of severe concern" } },
}

-- Near miss for all three: child in need.
test "Assessment: significant concern in two domains" {
  case = with(FAMILY, { assessment = { developmental_needs = "significantly_unmet", parenting_capacity = "significant_concern", family_environment = "some_concern" } }),
  expect = { level = "child_in_need", fired = { "Assessment: significant concern in a domain" }, not_fired = { "Assessment: significant concern in all three domains" } },
}

-- The matrices' level 2 in a domain.
test "Assessment: some concern in one domain" {
  case = with(FAMILY, { assessment = { developmental_needs = "met", parenting_capacity = "some_concern", family_environment = "supportive" } }),
  expect = { level = "early_help", fired = { "Assessment: some concern in a domain" }, not_fired = { "Assessment: significant concern in a domain" } },
}

-- Near miss for every assessment rule.
test "Assessment: every domain fine" {
  case = with(FAMILY, { assessment = { developmental_needs = "met", parenting_capacity = "adequate", family_environment = "supportive" } }),
  expect = { level = "universal", status = "complete", not_fired = { "Assessment: some concern in a domain", "Assessment: a domain of severe concern" } },
}

-- Issue 16's example; Peterborough s4.17-4.18: relatively small improvements are not change.
test "Fourteen months on a neglect plan, Graded Care Profile 4 then 3: stays child protection" {
  case = with(FAMILY, { current = { pathway = "child_protection", plan_category = "neglect", plan_start = "2025-09-01" }, tools = { { tool = "gcp2_nspcc", completed_on = "2026-05-01", area_grades = { physical_care = 4, care_of_safety = 4, emotional_care = 4, developmental_care = 4 } }, { tool = "gcp2_nspcc", completed_on = "2026-10-01", area_grades = { physical_care = 3, care_of_safety = 3, emotional_care = 3, developmental_care = 3 } } } }),
  expect = { level = "child_protection", fired = { "On a child protection plan, no sustained improvement" }, no_flags = { "Graded Care Profile worse than the last" } },
}

-- Near miss: sustained improvement (core's reading, a judgement).
test "On a plan, two profiles at grade 2 four months apart" {
  case = with(FAMILY, { current = { pathway = "child_protection", plan_category = "neglect", plan_start = "2025-09-01" }, tools = { { tool = "gcp2_nspcc", completed_on = "2026-06-01", area_grades = { physical_care = 2, care_of_safety = 2, emotional_care = 2, developmental_care = 2 } }, { tool = "gcp2_nspcc", completed_on = "2026-10-01", area_grades = { physical_care = 2, care_of_safety = 2, emotional_care = 2, developmental_care = 2 } } } }),
  expect = { level = "universal", not_fired = { "On a child protection plan, no sustained improvement" } },
}

-- No step down without sustained improvement.
test "On a child in need plan, no profile" {
  case = with(FAMILY, { current = { pathway = "child_in_need", plan_start = "2026-04-01" } }),
  expect = { level = "child_in_need", fired = { "On a child in need plan, no sustained improvement" } },
}

-- Near miss: sustained improvement.
test "Child in need plan, improvement held for a year" {
  case = with(FAMILY, { current = { pathway = "child_in_need", plan_start = "2025-04-01" }, tools = { { tool = "gcp2_nspcc", completed_on = "2025-10-01", area_grades = { physical_care = 2, care_of_safety = 2, emotional_care = 2, developmental_care = 2 } }, { tool = "gcp2_nspcc", completed_on = "2026-10-01", area_grades = { physical_care = 1, care_of_safety = 1, emotional_care = 1, developmental_care = 1 } } } }),
  expect = { level = "universal", not_fired = { "On a child in need plan, no sustained improvement" } },
}

-- Peterborough s4.19-4.22: rescored to show change.
test "Graded Care Profile worse than the last: flagged" {
  case = with(FAMILY, { tools = { { tool = "gcp2_nspcc", completed_on = "2026-05-01", area_grades = { physical_care = 2, care_of_safety = 2, emotional_care = 2, developmental_care = 2 } }, { tool = "gcp2_nspcc", completed_on = "2026-10-01", area_grades = { physical_care = 3, care_of_safety = 3, emotional_care = 3, developmental_care = 3 } } } }),
  expect = { level = "early_help", flags = { "Graded Care Profile worse than the last" } },
}

-- Each value one step below the example that raises it: standard risk, not medium; low risk, not high; one missing episode, not repeated.
test "Near misses one step below the validation cases" {
  case = with(FAMILY, { carers = { { relationship = "mother", age = 33, mental_health = "none", substance_misuse = "none", alcohol_misuse = "none", domestic_abuse = "current_standard", engagement = "engaged", consent_to_early_help = true } }, household = { domestic_abuse_exposure = "aware" }, exploitation = { { type = "criminal", risk = "low" } }, child = { missing_episodes = "once" } }),
  expect = { level = "early_help", not_fired = { "Domestic abuse, medium risk", "Domestic abuse, high risk (MARAC)", "Child caught up in domestic abuse", "Child witnessing domestic abuse", "Exploitation, high risk", "Exploitation, medium risk", "Repeatedly missing from home", "Abuse suspected, disclosed or evidenced", "Disabled child with additional needs" } },
}

-- Near miss for the standard-risk rule.
test "Medium risk domestic abuse is not standard" {
  case = with(FAMILY, { carers = { { relationship = "mother", age = 33, mental_health = "none", substance_misuse = "none", alcohol_misuse = "none", domestic_abuse = "current_medium", engagement = "engaged", consent_to_early_help = true } } }),
  expect = { level = "child_in_need", not_fired = { "Domestic abuse, standard risk", "Pre-birth: domestic abuse", "Exploitation, low or emerging risk", "Missing from home once" } },
}

-- Near misses for rules at their lowest values.
test "Well cared for, every new fact recorded: the new rules stay quiet" {
  case = FAMILY,
  expect = { level = "universal", status = "complete", not_fired = { "Very young parent", "Temporary accommodation or homeless", "Parental difficulties affecting care", "Cumulative harm: persistent neglect with parental difficulties" } },
}
