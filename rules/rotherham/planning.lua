-- Changes after the review of neglect (report, 'Sector led improvement'):
-- SMART care plans, and the Family Recovery Programme from the start of a
-- child protection plan.

flag "Plan is not SMART" {
  cite    = "Rotherham report to members, 9 July 2014: revised care plan to ensure social workers apply SMART methodology when planning interventions",
  basis   = "quoted",
  reason  = "The child's plan does not set specific, measurable, timed goals",
  when    = all {
    one_of("current.pathway", { "child_in_need", "child_protection" }),
    is("current.plan_is_smart", false),
  },
  actions = { "Rewrite the plan with specific, measurable, achievable, realistic and timed goals" },
}

flag "Family Recovery Programme not engaged on a child protection plan" {
  cite    = "Rotherham report to members, 9 July 2014: the Family Recovery Programme engaged at the point a child is placed on a child protection plan, for early intensive intervention",
  basis   = "quoted",
  reason  = "The child is on a child protection plan and the Family Recovery Programme is not engaged",
  when    = all {
    is("current.pathway", "child_protection"),
    is("current.family_recovery_programme", false),
  },
  actions = { "Engage the Family Recovery Programme now, at the start of the plan" },
}

-- The Graded Care Profile is one of "a range of toolkits to aid
-- practitioner reflection on neglect cases" here, not a required
-- assessment: the flag offers it as such, in the report's words.
override "Neglect concerns without a Graded Care Profile" {
  cite    = "Rotherham report to members, 9 July 2014: roll out of a range of toolkits to aid practitioner reflection on neglect cases, including the Graded Care Profile",
  basis   = "quoted",
  reason  = "Neglect concerns keep recurring and no Graded Care Profile or other neglect toolkit is recorded",
  when    = all {
    below(count("tools"), 1),
    at_least(count("concerns", one_of("frequency", { "frequent", "persistent" })), 1),
  },
  actions = { "Use a neglect toolkit, such as the Graded Care Profile, to reflect on the child's care" },
}
