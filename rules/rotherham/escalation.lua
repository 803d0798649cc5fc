-- "When is enough enough": long-term neglect escalates faster, through
-- legal gatekeeping at the Multi-Agency Support Panel; families in early
-- help can be raised at the Early Help Support Panel before crisis.

-- The report gives no length of time for "long-term neglect". The set
-- reads it from the record: a repeat child protection plan for neglect,
-- or a plan for neglect past 12 months, where core flags drift (a
-- judgement: the report gives no number). A plan "for neglect" is one
-- with a registration category "which includes neglect", as the report
-- counts them.
flag "Long-term neglect: when is enough enough?" {
  cite     = "Rotherham report to members, 9 July 2014: Ofsted asked 'when is enough enough' for children living with long-term neglect; improved legal gatekeeping at MASP so that cases where neglect is prevalent are escalated more swiftly",
  basis    = "judgement",
  why      = "the report gives no length for long-term neglect; a repeat neglect plan or a neglect plan past 12 months is read as long-term",
  reason   = "Neglect has lasted through a child protection plan of a year or more, or a second plan for neglect",
  severity = "high",
  when     = all {
    is("current.pathway", "child_protection"),
    is("current_plan_includes_neglect", true),
    any {
      at_least_months_ago("current.plan_start", 12),
      at_least("previous_neglect_plans", 1),
    },
  },
  actions  = { "Take the case to the Multi-Agency Support Panel for legal gatekeeping" },
}

-- The panel is for families in early help "before families hit crisis
-- point and are referred to social care": it applies while the suggestion
-- is still early help. A child whose concerns already reach social care
-- (impairment, significant harm) needs the referral, not the panel.
flag "Early help family at risk of crisis: Early Help Support Panel" {
  cite    = "Rotherham report to members, 9 July 2014: the Early Help Support Panel lets practitioners supporting families through early help raise concerns and seek support before families hit crisis point and are referred to social care",
  basis   = "judgement",
  why     = "'before families hit crisis point' read as a persistent concern while the suggestion is still early help; the report gives no test",
  reason  = "The family is receiving early help and a neglect concern is persistent, though not yet at the threshold for social care",
  when    = all {
    is("current.pathway", "early_help"),
    suggestion_is("early_help"),
    at_least(count("concerns", is("frequency", "persistent")), 1),
  },
  actions = { "Raise the family at the Early Help Support Panel" },
}
