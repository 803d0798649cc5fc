-- The strategy's measures of success (1, 2, 3 and 5) as flags on the
-- individual child: each one is a case the county has said it must reduce
-- or watch.

override "Child protection plan of 12 months or more" {
  cite   = "Northamptonshire Multi-Agency Neglect Strategy 2015-2017, measure of success 1: children on child protection plans for neglect for 12 months or more",
  reason = "The child has been on a child protection plan for neglect for 12 months or more",
  when   = all {
    is("current.pathway", "child_protection"),
    is("current.plan_category", "neglect"),
    at_least_months_ago("current.plan_start", 12),
  },
  actions = { "Review the plan's impact with the Neglect Assessment Tool and consider legal planning" },
}

override "Repeat child protection plan for neglect" {
  cite = "Northamptonshire Multi-Agency Neglect Strategy 2015-2017, measure of success 2: repeat child protection plans for neglect (the second plan is for neglect and the previous plan was too)",
}

flag "Child in need plan for neglect over 6 months" {
  cite    = "Northamptonshire Multi-Agency Neglect Strategy 2015-2017, measure of success 3: children subject to a child in need plan for neglect for more than 6 months",
  reason  = "The child has been on a child in need plan for neglect for more than 6 months",
  when    = all {
    is("current.pathway", "child_in_need"),
    is("current.plan_category", "neglect"),
    at_least_days_ago("current.plan_start", 184),
  },
  actions = { "Review progress against the plan: step up or step down rather than drift" },
}

flag "Young child on a neglect plan not engaged with a Children's Centre" {
  cite    = "Northamptonshire Multi-Agency Neglect Strategy 2015-2017, measure of success 5: children 0-5 on a child protection plan for neglect registered and engaged with a local Children's Centre",
  reason  = "A child under 6 on a child protection plan for neglect is not engaged with a Children's Centre",
  when    = all {
    is("current.pathway", "child_protection"),
    is("current.plan_category", "neglect"),
    below("age_years", 6),
    one_of("child.childrens_centre", { "registered_not_engaged", "not_registered" }),
  },
  actions = { "Register the child with the local Children's Centre and support the family to attend" },
}
