-- The strategy's two definitions of neglect separate early help from
-- children's social care (report 14 Nov 2016, s4.14). Their text is in the
-- strategy's appendix, not in these sources; what the report says of them
-- is encoded: social care "only when a child is felt to be at risk of
-- significant harm through persistent failures attributable to parental
-- care" (s4.16), and consent as the basis of early help (s4.14).
-- Core's rules already place persistent, impairing neglect at child in
-- need and significant harm at child protection; the two rules below
-- restate them in Peterborough's words so the result cites this strategy.

override "Persistent neglect impairing health or development" {
  cite   = "Peterborough neglect strategy (report 14 Nov 2016, s4.14, s4.16): social care where a child is at risk of significant harm through persistent failures attributable to parental care; Working Together 2015 (s4.4)",
  reason = "Persistent failures of care are impairing the child's health or development: the strategy's threshold for children's social care",
  actions = { "Refer to children's social care (MASH) for an assessment",
              "Include a Quality of Care (Graded Care Profile) assessment" },
}

-- Consent: the strategy's principle that help with consent works better.
flag "Early help without the family's consent" {
  cite    = "Peterborough report to scrutiny, 14 Nov 2016, s4.14: gaining consent for any intervention is more likely to achieve improved outcomes",
  reason  = "A parent has not consented to early help: seek consent, and if concerns persist without it consider whether the threshold for social care is met",
  when    = at_least(count("carers", is("consent_to_early_help", false)), 1),
  actions = { "Talk with the family about the concerns and seek their consent to early help" },
}

-- The threshold document's holistic approach (self-assessment 2017, ESN
-- 24, 28): the child's lived experience and voice at the centre.
flag "The child's lived experience is not recorded" {
  cite    = "Peterborough threshold document, Sept 2016 (self-assessment 2017, ESN 24): look holistically at the lived lives of children; ESN 28: the views of the child are clearly recorded",
  reason  = "Neglect concerns are recorded but none from the child's own account",
  when    = all {
    at_least(count("concerns", one_of("frequency", { "frequent", "persistent" })), 1),
    below(count("concerns", is("source", "child_account")), 1),
  },
  actions = { "Record the child's views and a day in the child's life" },
}
