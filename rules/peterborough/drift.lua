-- Drift in child protection plans (self-assessment 2017, ESN 24): the Head
-- of Service reviews every plan at 9 months; a legal planning meeting at 12
-- months tests the legal threshold, with escalation into pre-proceedings
-- where the criteria are met; plans of 18-23 months are closely watched.

flag "Child protection plan at 9 months: Head of Service review" {
  cite     = "Peterborough self-assessment 2017, ESN 24: the Head of Service for Family Support reviews all children subject to a child protection plan for 9 months",
  basis    = "quoted",
  reason   = "The child has been on a child protection plan for 9 months or more and no Head of Service review is recorded",
  severity = "high",
  when     = all {
    is("current.pathway", "child_protection"),
    at_least_months_ago("current.plan_start", 9),
    none { present("current.head_of_service_review") },
  },
  actions  = { "Ask the Head of Service for Family Support to review the plan" },
}

override "Child protection plan of 12 months or more" {
  cite    = "Peterborough self-assessment 2017, ESN 24: legal planning meetings are convened whenever a child is subject to a plan for 12 months, to test legal thresholds",
  basis   = "quoted",
  reason  = "The child has been on a child protection plan for 12 months or more: a legal planning meeting tests the threshold for intervention",
  when    = all {
    is("current.pathway", "child_protection"),
    at_least_months_ago("current.plan_start", 12),
    none { present("current.legal_planning_meeting") },
  },
  actions = { "Convene a legal planning meeting to test the legal threshold for intervention" },
}

flag "Legal threshold met: escalate into pre-proceedings" {
  cite     = "Peterborough self-assessment 2017, ESN 24: children are escalated into pre-proceedings where criteria is met",
  basis    = "quoted",
  reason   = "The legal planning meeting found the criteria met but the case is not in pre-proceedings",
  severity = "high",
  when     = all {
    is("current.legal_threshold_met", true),
    is("current.legal_stage", "none"),
  },
  actions  = { "Start the pre-proceedings process (letter before proceedings)" },
}

flag "Child protection plan of 18 months or more" {
  cite     = "Peterborough self-assessment 2017, ESN 24: plans are closely scrutinised to minimise drift; plans of between 18 and 23 months are counted",
  basis    = "quoted",
  reason   = "The child has been on a child protection plan for 18 months or more",
  severity = "high",
  when     = all { is("current.pathway", "child_protection"), at_least_months_ago("current.plan_start", 18) },
  actions  = { "Escalate to the Assistant Director: review why the plan has not achieved change" },
}
