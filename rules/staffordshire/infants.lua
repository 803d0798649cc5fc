-- Infants at risk of neglect (s4). The report states an aim: "a clear
-- strategically driven, multi-agency response to infants at risk of and/
-- or experiencing neglect ... ensuring our most vulnerable families are
-- getting help earlier". Its local protocol was developed "for agreement
-- from various strategic partnerships": in June 2022 it was not agreed,
-- so nothing here treats it as in force. The rule below reads the aim
-- (help earlier) as early help for a recurring concern, a judgement.
--
-- The report does not say what age an infant is. Under 12 months is the
-- meaning in national statistics (infant mortality counts deaths under
-- one year); it is a judgement, for the protocol to replace once agreed.
-- An unborn baby counts (age_months is 0): the aim is help earlier.

rule "Infant with a recurring neglect concern" {
  level   = "tier_2",
  cite    = "Staffordshire scrutiny report, 16 June 2022, s4: the aim of a multi-agency response to infants at risk of or experiencing neglect, so the most vulnerable families get help earlier",
  basis   = "judgement",
  why     = "the report states an aim (help earlier), not a threshold; an infant is read as under 12 months, as in national statistics, until the protocol is agreed",
  reason  = "A baby under one (or unborn) has a neglect concern that keeps recurring",
  when    = all {
    below("age_months", 12),
    at_least(count("concerns", one_of("frequency", { "frequent", "persistent" })), 1),
  },
  actions = { "Offer early help now: infants at risk of neglect are a partnership priority" },
}

flag "Infant at risk of neglect" {
  cite    = "Staffordshire scrutiny report, 16 June 2022, s4: a local infant neglect protocol developed for agreement from the strategic partnerships, and a local dataset",
  basis   = "judgement",
  why     = "the report does not say what age an infant is; under 12 months, as in national statistics, until the local protocol is agreed",
  reason  = "A baby under one (or unborn) has a neglect concern. The infant neglect protocol was put forward for agreement in June 2022 and may not be in force",
  when    = all { below("age_months", 12), at_least(count("concerns"), 1) },
  actions = { "Check whether the infant neglect protocol has been agreed; if it has, follow it and record the case in its dataset" },
}
