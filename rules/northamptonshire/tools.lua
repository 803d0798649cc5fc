-- The Neglect Assessment Tool is the agreed multi-agency tool for every
-- family where neglect is a feature; the Graded Care Profile supports
-- social care and practitioners at levels 3 and 4 (objective 2a).

flag "Neglect concerns without the Neglect Assessment Tool" {
  cite    = "Northamptonshire Multi-Agency Neglect Strategy 2015-2017, objective 2a: the Northamptonshire Neglect Assessment Tool is the agreed multi-agency tool",
  basis   = "quoted",
  reason  = "Neglect concerns keep recurring but no Neglect Assessment Tool is recorded",
  when    = all {
    at_least(count("concerns", one_of("frequency", { "frequent", "persistent" })), 1),
    below(count("tools", is("tool", "neglect_assessment_tool")), 1),
  },
  actions = { "Complete the Neglect Assessment Tool with the family" },
}

override "Neglect concerns without a Graded Care Profile" {
  cite   = "Northamptonshire Multi-Agency Neglect Strategy 2015-2017, objective 2a: Social Care staff and practitioners at levels 3 and 4 use the Graded Care Profile",
  basis  = "quoted",
  reason = "The child is known to children's social care with recurring neglect concerns and no Graded Care Profile is recorded",
  when   = all {
    one_of("current.pathway", { "child_in_need", "child_protection" }),
    is("gcp_recorded", false),
    at_least(count("concerns", one_of("frequency", { "frequent", "persistent" })), 1),
  },
}
