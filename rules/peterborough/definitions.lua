-- The strategy's two definitions of neglect separate early help from
-- children's social care (report 14 Nov 2016, s4.14). Their text is in the
-- strategy's appendix, not in these sources; what the report says of them
-- is encoded: social care "only when a child is felt to be at risk of
-- significant harm through persistent failures attributable to parental
-- care" (s4.16), and consent as the basis of early help (s4.14).

-- s4.16 names the threshold for children's social care: a child at risk
-- of significant harm through persistent failures of parental care. "At
-- risk" is a professional's judgement, so the case records it. Being at
-- risk of significant harm is the s47 test itself, and core's national
-- rule for it already suggests child protection whatever the cause; s4.16
-- cannot set that lower, so it is not a level rule here (it would only
-- repeat core's). What s4.16 adds is its response when the risk comes
-- from persistent failures of care: "tight planning and decisive action".
-- That is this flag.
flag "At risk of significant harm through persistent failures of parental care" {
  cite    = "Peterborough report to scrutiny, 14 Nov 2016, s4.16: children's social care should only be accessed when a child is felt to be at risk of significant harm through persistent failures attributable to parental care; where this is the case, there is a need for tight planning and decisive action by Social Care",
  basis   = "quoted",
  reason  = "The child is judged at risk of significant harm and the failures in the child's care are persistent: s4.16 asks for tight planning and decisive action",
  when    = all {
    present("at_risk_of_significant_harm"),
    is("at_risk_of_significant_harm", true),
    at_least(count("concerns", is("frequency", "persistent")), 1),
  },
  actions = { "Agree a tight plan with measurable milestones, and act decisively if they are not met" },
}

-- Core's rule for persistent neglect impairing health or development is
-- Working Together's definition, which the report quotes (s4.4); it is
-- not s4.16's at-risk test, so it cites only the definition.
override "Persistent neglect impairing health or development" {
  cite   = "Working Together to Safeguard Children 2015, definition of neglect, as quoted in the Peterborough report to scrutiny, 14 Nov 2016, s4.4: the persistent failure to meet a child's basic needs, likely to result in the serious impairment of the child's health or development",
  basis  = "national",
  reason = "Persistent failures of care are impairing the child's health or development: neglect as Working Together defines it",
  actions = { "Refer to children's social care (MASH) for an assessment",
              "Include a Quality of Care (Graded Care Profile) assessment" },
}

-- Consent: the strategy's principle that help with consent works better.
flag "Early help without the family's consent" {
  cite    = "Peterborough report to scrutiny, 14 Nov 2016, s4.14: gaining consent for any intervention is more likely to achieve improved outcomes",
  basis   = "quoted",
  reason  = "A parent has not consented to early help: seek consent, and if concerns persist without it consider whether the threshold for social care is met",
  when    = at_least(count("carers", is("consent_to_early_help", false)), 1),
  actions = { "Talk with the family about the concerns and seek their consent to early help" },
}

-- The threshold document's holistic approach (self-assessment 2017, ESN
-- 24, 28): the child's lived experience and voice at the centre. An unborn
-- baby has no account to give: the flag is for children already born.
flag "The child's lived experience is not recorded" {
  cite    = "Peterborough threshold document, Sept 2016 (self-assessment 2017, ESN 24): look holistically at the lived lives of children; ESN 28: the views of the child are clearly recorded",
  basis   = "quoted",
  reason  = "Neglect concerns are recorded but none from the child's own account",
  when    = all {
    is("child.unborn", false),
    at_least(count("concerns", one_of("frequency", { "frequent", "persistent" })), 1),
    below(count("concerns", is("source", "child_account")), 1),
  },
  actions = { "Record the child's views and a day in the child's life" },
}
