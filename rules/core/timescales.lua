-- Statutory timescales (Working Together). Flags: they never change the
-- suggested level; they tell the practitioner a timescale has been missed.
-- Working days exclude weekends and the bank holidays in calendar.lua.

flag "Referral decision not made within one working day" {
  cite    = "Working Together to Safeguard Children: the local authority decides on the response to a referral within one working day",
  basis   = "national",
  reason  = "More than one working day has passed since the referral and no decision is recorded",
  when    = all {
    present("current.referral_received"),
    none { present("current.referral_decision") },
    at_least_working_days_ago("current.referral_received", 2),
  },
  actions = { "Make and record the referral decision today, and tell the referrer" },
}

flag "Assessment beyond 45 working days" {
  cite    = "Working Together to Safeguard Children: a child and family assessment is completed within 45 working days of the referral (a ceiling, not a target)",
  basis   = "national",
  reason  = "More than 45 working days have passed since the referral and the assessment is not complete",
  -- The clock starts at the referral, not when the assessment began.
  when    = all {
    present("current.assessment_started"),
    none { present("current.assessment_completed") },
    at_least_working_days_ago("current.referral_received", 46),
  },
  actions = { "Complete the assessment now and record why it was late" },
}

flag "Initial child protection conference beyond 15 working days" {
  cite    = "Working Together to Safeguard Children: the initial child protection conference is held within 15 working days of the strategy discussion at which the s47 enquiry began",
  basis   = "national",
  reason  = "More than 15 working days have passed since the strategy discussion and no initial conference is recorded",
  when    = all {
    present("current.strategy_discussion"),
    none { present("current.icpc"), is("current.pathway", "child_in_need"), is("current.pathway", "none") },
    at_least_working_days_ago("current.strategy_discussion", 16),
  },
  actions = { "Convene the initial child protection conference now" },
}

flag "First review conference due" {
  cite    = "Working Together to Safeguard Children: the first review child protection conference is held within 3 months of the initial conference",
  basis   = "national",
  reason  = "Three months have passed since the initial child protection conference and no review is recorded",
  when    = all {
    is("current.pathway", "child_protection"),
    present("current.icpc"),
    none { present("current.last_review_conference") },
    at_least_months_ago("current.icpc", 3),
  },
  actions = { "Hold the review child protection conference now" },
}

flag "Review conference due" {
  cite    = "Working Together to Safeguard Children: later review conferences are held at intervals of no more than 6 months",
  basis   = "national",
  reason  = "Six months have passed since the last review child protection conference",
  when    = all {
    is("current.pathway", "child_protection"),
    at_least_months_ago("current.last_review_conference", 6),
  },
  actions = { "Hold the review child protection conference now" },
}
