-- Escalation routes (self-assessment 2017): unresolved early help goes to
-- the Multi-Agency Support Groups (ESN 23); improvements that do not last
-- after early help call for early referral to specialist services (ESN
-- 25); unborn babies likely to face significant risk go to the Unborn
-- Baby Panel (ESN 28).

local RECURRING = { "frequent", "persistent" }

-- ESN 23: issues "not successfully resolved" through targeted early help.
-- Neglect concerns recurring after an episode closed are not resolved,
-- however the episode closed -- improved included (ESN 25: improvements
-- "not sustained following an intervention").
flag "Unresolved early help: Multi-Agency Support Group" {
  cite    = "Peterborough self-assessment 2017, ESN 23: where issues have not been successfully resolved through targeted early help, Multi-Agency Support Groups coordinate additional support",
  basis   = "quoted",
  reason  = "An earlier early help episode has closed and neglect concerns are recurring",
  when    = all {
    at_least(count("history.early_help_episodes",
      one_of("outcome", { "closed_improved", "closed_disengaged", "closed_no_consent" })), 1),
    at_least(count("concerns", one_of("frequency", RECURRING)), 1),
  },
  actions = { "Present the family at the locality Multi-Agency Support Group" },
}

-- ESN 25: families "where improvements are not sustained following an
-- intervention at, for example, an early help level, and where early
-- referral to more specialist services is therefore indicated". The
-- threshold document's levels are universal, targeted and specialist
-- (ESN 24): more specialist than early help is children's social care.
-- An improvement is read as not sustained when the episode closed improved
-- and neglect concerns are frequent or persistent again.
rule "Improvements after early help not sustained" {
  level   = "specialist_cin",
  cite    = "Peterborough self-assessment 2017, ESN 25: families where improvements are not sustained following an intervention at an early help level, and where early referral to more specialist services is therefore indicated",
  basis   = "judgement",
  why     = "ESN 25's 'more specialist services' read as children's social care at child in need (the threshold document's specialist level, ESN 24); the report gives no level within it",
  reason  = "Early help closed with the family's care improved, and neglect concerns are recurring again",
  when    = all {
    at_least(count("history.early_help_episodes", is("outcome", "closed_improved")), 1),
    at_least(count("concerns", one_of("frequency", RECURRING)), 1),
  },
  actions = { "Refer to children's social care (MASH) early, with the history of the earlier early help",
              "Repeat the Quality of Care tool to show which areas of care have slipped back" },
}

flag "Unborn baby: refer to the Unborn Baby Panel" {
  cite    = "Peterborough self-assessment 2017, ESN 28: the Unborn Baby Panel plans for unborn babies likely to face significant risks, including neglect",
  basis   = "quoted",
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
