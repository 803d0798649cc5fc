-- The strategy's measures of success (1, 2, 3 and 5) as flags on the
-- individual child: each one is a case the county has said it must reduce
-- or watch. Each is a flag of its own beside core's drift flags, which
-- still apply to plans of every category.
--
-- A plan "for neglect" is one whose categories include neglect
-- (current_plan_includes_neglect): the strategy looks into its
-- multiple-category plans for neglect ("very few had neglect as one of
-- them"), so a plan with neglect among several categories is counted.

flag "Measure 1: child protection plan for neglect of 12 months or more" {
  cite    = "Northamptonshire Multi-Agency Neglect Strategy 2015-2017, measure of success 1: reduction in the % of children on child protection plans for neglect for 12 months or more",
  basis   = "quoted",
  reason  = "The child has been on a child protection plan for neglect for 12 months or more",
  when    = all {
    is("current.pathway", "child_protection"),
    is("current_plan_includes_neglect", true),
    at_least_months_ago("current.plan_start", 12),
  },
  actions = { "Review the plan's impact with the Neglect Assessment Tool and consider legal planning" },
}

-- Measure 2 defines itself: "this is where the 2nd plan category is
-- neglect and the previous plan was also neglect" -- the plan just before
-- this one, not any earlier plan.
fact "previous_plan_includes_neglect" {
  doc  = "the most recent earlier child protection plan was for neglect; false when there was none",
  type = "boolean",
  value = function(c)
    local last
    for _, p in ipairs(c.history.cp_plans) do
      if last == nil or days_between(last.start, p.start) > 0 then last = p end
    end
    if last == nil then return false end
    if last.category ~= "multiple" then return last.category == "neglect" end
    for _, cat in ipairs(last.categories) do
      if cat == "neglect" then return true end
    end
    return false
  end,
}

flag "Measure 2: repeat child protection plan for neglect" {
  cite    = "Northamptonshire Multi-Agency Neglect Strategy 2015-2017, measure of success 2: repeat child protection plans for neglect (this is where the 2nd plan category is neglect and the previous plan was also neglect)",
  basis   = "quoted",
  reason  = "The child is on a child protection plan for neglect and the plan before it was for neglect too",
  when    = all {
    is("current.pathway", "child_protection"),
    is("current_plan_includes_neglect", true),
    is("previous_plan_includes_neglect", true),
  },
  actions = { "Review why the previous plan for neglect ended, and what must be different this time" },
}

-- "More than 6 months": on the day six calendar months after the plan
-- began it has lasted 6 months, not more; the day after, it has.
fact "current_plan_more_than_6_months" {
  doc  = "the current plan began more than six calendar months before assessed_on",
  type = "boolean",
  value = function(c)
    return months_between(c.current.plan_start, add_days(c.assessed_on, -1)) >= 6
  end,
}

flag "Measure 3: child in need plan for neglect over 6 months" {
  cite    = "Northamptonshire Multi-Agency Neglect Strategy 2015-2017, measure of success 3: children and young people subject to a children in need plan for neglect for more than 6 months",
  basis   = "quoted",
  reason  = "The child has been on a child in need plan for neglect for more than 6 months",
  when    = all {
    is("current.pathway", "child_in_need"),
    is("current_plan_includes_neglect", true),
    is("current_plan_more_than_6_months", true),
  },
  actions = { "Review progress against the plan: step up or step down rather than drift" },
}

flag "Measure 5: young child on a neglect plan not engaged with a Children's Centre" {
  cite    = "Northamptonshire Multi-Agency Neglect Strategy 2015-2017, measure of success 5: children 0-5 on a child protection plan for neglect that are registered and engaged with a local Children's Centre",
  basis   = "quoted",
  reason  = "A child under 6 on a child protection plan for neglect is not engaged with a Children's Centre",
  when    = all {
    is("current.pathway", "child_protection"),
    is("current_plan_includes_neglect", true),
    below("age_years", 6),
    one_of("child.childrens_centre", { "registered_not_engaged", "not_registered" }),
  },
  actions = { "Register the child with the local Children's Centre and support the family to attend" },
}
