-- Drift and the wider family: flags that ask for a professional look,
-- without changing the suggested level.

-- No statutory guidance sets a length of plan at which to look for drift.
-- Twelve months is where two of the source documents look again
-- (Northamptonshire's measure 1, Peterborough's legal planning meeting);
-- each set's own action stays in its own set.
flag "Child protection plan of 12 months or more" {
  cite     = "Ofsted, 'In the child's time' (2014), as used in the Rotherham report of 9 July 2014: a third of long-term neglect cases show delay or drift; 12 months as in Northamptonshire's strategy (measure 1) and Peterborough's self-assessment 2017 (ESN 24)",
  basis    = "quoted",
  reason   = "The child has been on a child protection plan for a year or more: check for drift",
  severity = "high",
  when     = all { is("current.pathway", "child_protection"), at_least_months_ago("current.plan_start", 12) },
  actions  = { "Review the plan for drift: what has changed in the child's daily care since it began?" },
}

flag "Repeat child protection plan for neglect" {
  cite     = "Northamptonshire Multi-Agency Neglect Strategy 2015-2017, measures of success: repeat child protection plans for neglect",
  basis    = "quoted",
  reason   = "The child is on a child protection plan for neglect and has been on one for neglect before",
  when     = all {
    is("current.pathway", "child_protection"), is("current_plan_includes_neglect", true),
    at_least("previous_neglect_plans", 1),
  },
  actions  = { "Review the family history and why the previous plan ended before setting goals" },
}

flag "Sibling on a child protection plan or looked after" {
  cite    = "Northamptonshire Multi-Agency Neglect Strategy 2015-2017: sibling groups (a concern about one child is a concern about all)",
  basis   = "quoted",
  reason  = "A brother or sister is on a child protection plan or is looked after",
  when    = one_of("history.siblings_current_plan", { "cp", "looked_after" }),
  actions = { "Consider the needs of every child in the household" },
}

flag "Toxic trio" {
  cite    = "Biennial analyses of serious case reviews for the Department for Education (Brandon et al., 2008-2012): domestic abuse, parental mental ill-health and substance misuse together, the 'toxic trio'",
  basis   = "quoted",
  reason  = "Domestic abuse, parental mental ill-health and substance misuse are all present in the household",
  when    = all {
    is("current_domestic_abuse", true),
    is("carer_mental_health_affects_care", true),
    is("carer_substance_misuse_affects_care", true),
  },
  actions = { "Consider the combined risk of domestic abuse, mental ill-health and substance misuse" },
}

flag "Neglect concerns without a Graded Care Profile" {
  cite    = "Graded Care Profile (Srivastava & Polnay; NSPCC GCP2): a measure of the quality of care where neglect is a concern, adopted in each area whose document is a source of this project",
  basis   = "judgement",
  why     = "no national guidance requires a Graded Care Profile; each source area adopted one, so core asks for it where concerns recur",
  reason  = "Neglect concerns keep recurring but no Graded Care Profile is recorded",
  when    = all {
    is("gcp_recorded", false),
    at_least(count("concerns", one_of("frequency", { "frequent", "persistent" })), 1),
  },
  actions = { "Complete a Graded Care Profile assessment" },
}
