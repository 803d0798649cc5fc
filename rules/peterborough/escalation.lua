-- Escalation routes (self-assessment 2017): unresolved early help goes to
-- the Multi-Agency Support Groups (ESN 23); unborn babies likely to face
-- significant risk go to the Unborn Baby Panel (ESN 28).

flag "Unresolved early help: Multi-Agency Support Group" {
  cite    = "Peterborough self-assessment 2017, ESN 23: where issues have not been resolved through targeted early help, Multi-Agency Support Groups coordinate additional support",
  reason  = "An earlier early help episode closed without improvement and neglect concerns are recurring",
  when    = all {
    at_least(count("history.early_help_episodes",
      one_of("outcome", { "closed_disengaged", "closed_no_consent" })), 1),
    at_least(count("concerns", one_of("frequency", { "frequent", "persistent" })), 1),
  },
  actions = { "Present the family at the locality Multi-Agency Support Group" },
}

flag "Unborn baby: refer to the Unborn Baby Panel" {
  cite    = "Peterborough self-assessment 2017, ESN 28: the Unborn Baby Panel plans for unborn babies likely to face significant risks, including neglect",
  reason  = "An unborn baby is likely to face significant risk",
  when    = all {
    is("child.unborn", true),
    any {
      fired("Pre-birth: maternal substance misuse"),
      fired("Pre-birth: a parent previously unable to care for a child"),
      fired("Carers cannot keep dangerous adults away"),
      is("current_domestic_abuse", true),
    },
  },
  actions = { "Refer to the Unborn Baby Panel (midwifery and children's social care)" },
}
