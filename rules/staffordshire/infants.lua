-- Infants at risk of neglect: a strategic multi-agency response so that
-- the most vulnerable families get help earlier (s4).

rule "Infant with a recurring neglect concern" {
  level   = "tier_2",
  cite    = "Staffordshire scrutiny report, 16 June 2022, s4: a multi-agency response to infants at risk of or experiencing neglect, so the most vulnerable families get help earlier",
  reason  = "A baby under one (or unborn) has a neglect concern that keeps recurring",
  when    = all {
    below("age_months", 12),
    at_least(count("concerns", one_of("frequency", { "frequent", "persistent" })), 1),
  },
  actions = { "Offer early help now, under the multi-agency infant neglect protocol" },
}

flag "Infant at risk of neglect" {
  cite    = "Staffordshire scrutiny report, 16 June 2022, s4: the local infant neglect protocol and dataset",
  reason  = "A baby under one (or unborn) with any neglect concern is counted under the infant neglect protocol",
  when    = all { below("age_months", 12), at_least(count("concerns"), 1) },
  actions = { "Record the case under the infant neglect protocol" },
}
