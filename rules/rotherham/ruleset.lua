-- Rotherham: the borough's response to long-term neglect after Ofsted asked
-- "when is enough enough" (report to members, 9 July 2014).
--
-- The report describes no levels of its own, so core's levels are
-- inherited, as are core's schema (plus two fields below), definition,
-- threshold rules, timescales and drift flags. Core's toxic trio flag (all
-- three factors, from the serious case review analyses) stays; Rotherham
-- adds a flag for any one of the three, which its referral data counts as
-- leading to neglect. The Graded Care Profile flag is reworded: here the
-- profile is one toolkit among several, not a required assessment.
ruleset {
  id      = "rotherham",
  title   = "Rotherham: responding to long-term neglect",
  version = "2014-07",
  extends = "core",
  sources = {
    "Rotherham Borough Council, report to Improving Lives Select Commission, 9 July 2014: peer review on the impact of childhood neglect (003)",
  },
  files = { "schema.lua", "referral.lua", "planning.lua", "escalation.lua" },
}
