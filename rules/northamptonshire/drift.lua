-- Drift and "start again" syndrome, and sibling groups (strategy, "The
-- role of early help" and "Neglect in Northamptonshire").

-- The strategy names "start again" syndrome without a count. Help that
-- has closed once and is needed again is already starting again, so one
-- earlier closed episode is enough (a judgement: no source gives a number).
flag "Start again syndrome" {
  cite    = "Northamptonshire Multi-Agency Neglect Strategy 2015-2017, the role of early help: practitioners are alert to the danger of drift and 'start again' syndrome",
  basis   = "judgement",
  why     = "the strategy names 'start again' syndrome without a count; one earlier closed episode with concerns recurring is already starting again",
  reason  = "Help has started and stopped before (an earlier episode closed) and neglect concerns are recurring again",
  when    = all {
    at_least(count("history.early_help_episodes", is_not("outcome", "ongoing")), 1),
    at_least(count("concerns", one_of("frequency", { "frequent", "persistent" })), 1),
  },
  actions = { "Build on the family's history and the last assessment rather than starting again" },
}

override "Sibling on a child protection plan or looked after" {
  cite    = "Northamptonshire Multi-Agency Neglect Strategy 2015-2017: many children on plans for neglect are in sibling groups; a concern about one child may bring all the children of the family onto a plan",
  basis   = "quoted",
  actions = { "Consider every child in the family: a concern about one is a concern about all" },
}
