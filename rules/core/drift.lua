-- Drift and the wider family: flags that ask for a professional look,
-- without changing the suggested level.

flag "Child protection plan of 12 months or more" {
  cite     = "Northamptonshire Multi-Agency Neglect Strategy 2015-2017, measures of success (CP plans for neglect of 12 months or more); Peterborough self-assessment 2017 (legal planning meeting at 12 months)",
  reason   = "The child has been on a child protection plan for a year or more: check for drift",
  severity = "high",
  when     = all { is("current.pathway", "child_protection"), at_least_months_ago("current.plan_start", 12) },
  actions  = { "Hold a legal planning meeting to test the threshold for pre-proceedings" },
}

flag "Repeat child protection plan for neglect" {
  cite     = "Northamptonshire Multi-Agency Neglect Strategy 2015-2017, measures of success: repeat child protection plans for neglect",
  reason   = "The child is on a child protection plan for neglect and has been on one for neglect before",
  when     = all {
    is("current.pathway", "child_protection"), is("current.plan_category", "neglect"),
    at_least(count("history.cp_plans", is("category", "neglect")), 1),
  },
  actions  = { "Review the family history and why the previous plan ended before setting goals" },
}

flag "Sibling on a child protection plan or looked after" {
  cite    = "Northamptonshire Multi-Agency Neglect Strategy 2015-2017: sibling groups (a concern about one child is a concern about all)",
  reason  = "A brother or sister is on a child protection plan or is looked after",
  when    = one_of("history.siblings_current_plan", { "cp", "looked_after" }),
  actions = { "Consider the needs of every child in the household" },
}

flag "Toxic trio" {
  cite    = "Rotherham peer review on childhood neglect, 2014: referral reasons counting domestic abuse, parental drug and alcohol misuse and mental ill-health",
  reason  = "Domestic abuse, parental mental ill-health and substance misuse are all present in the household",
  when    = all {
    is("current_domestic_abuse", true),
    is("carer_mental_health_affects_care", true),
    is("carer_substance_misuse_affects_care", true),
  },
  actions = { "Consider the combined risk of domestic abuse, mental ill-health and substance misuse" },
}

flag "Neglect concerns without a Graded Care Profile" {
  cite    = "Peterborough report to scrutiny, 14 Nov 2016, s4.19-4.21: the Quality of Care (Graded Care Profile) tool in cases where neglect is the main feature",
  reason  = "Neglect concerns keep recurring but no Graded Care Profile is recorded",
  when    = all {
    is("gcp_recorded", false),
    at_least(count("concerns", one_of("frequency", { "frequent", "persistent" })), 1),
  },
  actions = { "Complete a Graded Care Profile assessment" },
}
