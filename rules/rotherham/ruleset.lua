-- Rotherham: the borough's response to long-term neglect after Ofsted asked
-- "when is enough enough" (report to members, 9 July 2014).
--
-- The report describes no levels of its own, so core's levels are
-- inherited, as are core's schema (plus two fields below), definition,
-- threshold rules, timescales and drift flags. Core's toxic trio flag stays;
-- Rotherham adds a flag for any one of the three factors, which its
-- referral data counts as leading to neglect.
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
