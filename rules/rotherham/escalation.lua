-- "When is enough enough": long-term neglect escalates faster, through
-- legal gatekeeping at the Multi-Agency Support Panel; families in early
-- help can be raised at the Early Help Support Panel before crisis.

-- The report gives no length of time for "long-term neglect". The set
-- reads it from the record rather than inventing a number: a repeat child
-- protection plan for neglect, or a plan for neglect past the 12 months at
-- which core already flags drift.
flag "Long-term neglect: when is enough enough?" {
  cite     = "Rotherham report to members, 9 July 2014: Ofsted asked 'when is enough enough' for children living with long-term neglect; improved legal gatekeeping at MASP so that cases where neglect is prevalent are escalated more swiftly",
  reason   = "Neglect has lasted through a child protection plan of a year or more, or a second plan for neglect",
  severity = "high",
  when     = all {
    is("current.pathway", "child_protection"),
    is("current.plan_category", "neglect"),
    any {
      at_least_months_ago("current.plan_start", 12),
      at_least(count("history.cp_plans", is("category", "neglect")), 1),
    },
  },
  actions  = { "Take the case to the Multi-Agency Support Panel for legal gatekeeping" },
}

flag "Early help family at risk of crisis: Early Help Support Panel" {
  cite    = "Rotherham report to members, 9 July 2014: the Early Help Support Panel lets practitioners supporting families through early help raise concerns and seek support before families hit crisis point",
  reason  = "The family is receiving early help and neglect concerns are persistent or affecting the child",
  when    = all {
    is("current.pathway", "early_help"),
    at_least(count("concerns", any {
      is("frequency", "persistent"),
      one_of("impact", { "impairing_health_or_development", "significant_harm" }),
    }), 1),
  },
  actions = { "Raise the family at the Early Help Support Panel" },
}
