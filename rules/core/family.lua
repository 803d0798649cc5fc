-- The family: parents' difficulties and consent, disability, siblings,
-- young parents, support, housing, pregnancy and a history of referrals.
-- Most of these raise a level only together with a need the child already
-- has: the documents list them as what makes a need more serious, not as
-- needs on their own.

local REFER = "Refer to children's social care for a child and family assessment"
local EARLY = "Offer early help with the family's consent and complete an Early Help Assessment"
local CS = "Discuss with children's social care today: consider a strategy discussion (s47)"
local REPEATED = { "frequent", "persistent" }

-- A need beyond universal services recorded now: a neglect concern that
-- recurs or has an impact, any abuse concern, current domestic abuse or a
-- concern of exploitation.
fact "additional_needs" {
  doc = "a need beyond universal services is recorded: a recurring or impacting neglect concern, abuse, domestic abuse or exploitation",
  when = any {
    at_least(count("concerns", one_of("frequency", REPEATED)), 1),
    at_least(count("concerns", one_of("impact", { "some", "impairing_health_or_development", "significant_harm" })), 1),
    at_least(count("abuse", present("concern")), 1),
    at_least(count("exploitation", present("risk")), 1),
    at_least(count("carers", one_of("domestic_abuse", { "current_standard", "current_medium", "current_high_marac" })), 1),
  },
}

fact "recurring_neglect" {
  doc = "a neglect concern is frequent or persistent",
  when = at_least(count("concerns", one_of("frequency", REPEATED)), 1),
}

-- Parents' own difficulties. Devon's level 2: parents struggling to put
-- the child first because of their mental health, substance use or
-- domestic abuse is early help. With neglect recurring it is the
-- documents' level 3 (Kent, Wirral), unless the family has agreed to early
-- help and is working with it: early help is offered with consent, and the
-- consenting family's difficulties are early help (Peterborough report
-- s4.14: consent as the basis of effective help).
rule "Parental difficulties affecting care" {
  level   = "early_help",
  cite    = "Devon indicators of need, level 2: parents struggling to prioritise the child's needs over their own because of poor mental health, use of substances or domestic abuse",
  basis   = "quoted",
  reason  = "A parent's mental ill-health or substance misuse is affecting their care of the child",
  when    = any { is("carer_mental_health_affects_care", true), is("carer_substance_misuse_affects_care", true) },
  actions = { EARLY, "Involve adult mental health or substance misuse services" },
}

fact "family_working_with_early_help" {
  doc = "every carer has consented to early help and is engaging with it",
  when = all {
    at_least(count("carers"), 1),
    at_most(count("carers", none { all { is("consent_to_early_help", true), is("engagement", "engaged") } }), 0),
  },
}

-- Consent and engagement: early help needs the family's agreement. Where
-- concerns keep recurring and a carer refuses help or only appears to
-- comply, the documents refer to social care (Buckinghamshire level 4:
-- parents not engaging with professionals; the engagement scale of the
-- matrices compared: poor, then difficult, then not engaging).
rule "Concerns recurring, help refused or not engaged with" {
  level   = "child_in_need",
  cite    = "Buckinghamshire threshold level 4 (parents and carers): parents not engaging with professionals; Peterborough report s4.14: early help rests on consent",
  basis   = "judgement",
  why     = "Buckinghamshire puts parents not engaging at level 4; with recurring concerns short of the neglect definition core takes child in need",
  reason  = "Concerns keep recurring and a carer refuses help, has not consented to it or only appears to comply",
  when    = all {
    is("recurring_neglect", true),
    at_least(count("carers", any {
      is("consent_to_early_help", false),
      one_of("engagement", { "disguised_compliance_suspected", "refuses" }),
    }), 1),
  },
  actions = { REFER },
}

-- Disability. A disabled child is a child in need (Children Act 1989
-- s17(10)(c)); disabled children are three to four times more likely to
-- be neglected. Core raises a disabled child with any additional need to
-- child in need; a disability alone is the statute's, not a concern.
rule "Disabled child with additional needs" {
  level   = "child_in_need",
  cite    = "Children Act 1989 s17(10)(c): a disabled child is a child in need; Working Together 2023: disabled children face additional barriers to being protected",
  basis   = "national",
  reason  = "The child is disabled and has needs beyond universal services",
  when    = all { is("child.disability", true), is("additional_needs", true) },
  actions = { REFER },
}

-- Siblings: a brother or sister on a child protection plan or looked
-- after is cared for by the same adults. Northamptonshire's strategy: a
-- concern about one child in a sibling group is a concern about all. A
-- sibling's plan alone stays a flag (drift.lua); with concerns about this
-- child that recur, or abuse or domestic abuse, core suggests child
-- protection for this child too (a judgement: no document gives a level
-- for the pair).
rule "Sibling on a child protection plan, with concerns for this child" {
  level   = "child_protection",
  cite    = "Northamptonshire Multi-Agency Neglect Strategy 2015-2017: sibling groups (a referral on one child may bring all onto plans)",
  basis   = "judgement",
  why     = "Northamptonshire's sibling groups give no level for a sibling's plan with concerns about this child; core reads it as child protection",
  reason  = "A brother or sister is on a child protection plan or looked after, and there are concerns about this child too",
  when    = all { one_of("history.siblings_current_plan", { "cp", "looked_after" }), any {
    is("recurring_neglect", true),
    at_least(count("abuse", one_of("concern", { "suspected", "disclosed", "evidenced" })), 1),
    is("current_domestic_abuse", true),
  } },
  actions = { CS, "Consider the needs of every child in the household" },
}

-- Young parents and support. Recorded ages and support are read when
-- recorded; a referral that records neither is not asked for them here.
rule "Very young parent" {
  level   = "early_help",
  cite    = "Devon levels of need, level 2: early help targeted at teenage parents; Devon indicators, level 2: young inexperienced parents with no family support",
  basis   = "judgement",
  why     = "Devon's 'teenage parents' read as a parent under 18, a child in law",
  reason  = "A parent or carer is under 18",
  when    = at_least(count("carers", all { present("age"), below("age", 18) }), 1),
  actions = { EARLY },
}

rule "Additional needs and no family support" {
  level   = "early_help",
  cite    = "Devon indicators of need, level 2: young inexperienced parents with no family support; Liverpool level 1: good access to support within the wider family",
  basis   = "quoted",
  reason  = "The family has little or no support from relatives or friends and the child has additional needs",
  when    = all { is("additional_needs", true), one_of("household.support_network", { "little", "none" }) },
  actions = { EARLY },
}

-- Housing.
rule "Temporary accommodation or homeless" {
  level   = "early_help",
  cite    = "Hampshire thresholds chart, level 2: poor housing; Wigan thresholds, level 2: eviction or homelessness",
  basis   = "quoted",
  reason  = "The family is homeless or in temporary accommodation",
  when    = all { present("household.housing"), one_of("household.housing", { "temporary", "homeless" }) },
  actions = { EARLY, "Involve the housing authority" },
}

-- Frequent moves. Four documents read (issue 16), no two alike:
-- Hampshire level 3 (targeted early help): the family may have moved
-- frequently or live in temporary accommodation; Buckinghamshire level 3
-- (children in need and targeted early help): experiencing frequent
-- moves; Milton Keynes procedures: families who move home frequently,
-- with a child not registered with a GP or school, call for a referral to
-- be considered; Northumberland level 4: lots of house moves, one sign
-- among several of suspected long-term neglect. Moves alone: early help
-- in one, child in need in one; the others ask for more than moves, and
-- core reads those other facts in their own rules. No majority for a
-- higher level, so core keeps early help. Three moves in a year is core's
-- number (a judgement): no document gives one.
rule "Frequent house moves" {
  level   = "early_help",
  cite    = "Hampshire thresholds (level 3, targeted early help): the family may have moved frequently or be living in temporary accommodation; Buckinghamshire level 3: experiencing frequent moves; Milton Keynes safeguarding procedures 4.5: families who move home frequently; Northumberland level 4: lots of house moves, one sign of suspected long-term neglect",
  basis   = "judgement",
  why     = "of 4 documents read, moves alone are early help in Hampshire (level 3, targeted) and child in need in Buckinghamshire (level 3); Milton Keynes and Northumberland (level 4) raise them only with other signs, which core reads in their own rules; no majority for a higher level; three moves in a year is core's number, no document gives one",
  reason  = "The family has moved home three or more times in a year",
  when    = all { present("household.moves_12_months"), at_least("household.moves_12_months", 3) },
  actions = { EARLY },
}

-- Pregnancy.
rule "Pre-birth: some antenatal appointments missed" {
  level   = "early_help",
  cite    = "Devon indicators of need, level 2: mother has missed some ante-natal appointments",
  basis   = "quoted",
  reason  = "The mother has missed some antenatal appointments",
  when    = all { is("child.unborn", true), is("health.antenatal_care", "some_missed") },
  actions = { EARLY, "Inform the midwife" },
}

rule "Pre-birth: concealed pregnancy or little antenatal care" {
  level   = "child_in_need",
  cite    = "Kent threshold level 3: unborn baby where concern needs a pre-birth assessment; East Sussex level 1: health appointments kept, including ante-natal",
  basis   = "judgement",
  why     = "Kent level 3 names an unborn baby whose concern needs a pre-birth assessment without listing concealment; core reads a concealed or unbooked pregnancy as such a concern",
  reason  = "The pregnancy was concealed, booked late or most antenatal care has been missed",
  when    = all { is("child.unborn", true),
                  one_of("health.antenatal_care", { "late_booking_or_most_missed", "concealed_or_none" }) },
  actions = { "Refer to children's social care for a pre-birth assessment", "Inform the midwife and GP" },
}

-- Closed and referred again. The Department for Education counts
-- re-referrals within 12 months; Ofsted (2014) found stop-start help in a
-- third of long-term neglect cases. A case closed without help in the
-- last year and referred again with concerns still recurring is assessed,
-- not closed again: core's reading (a judgement).
rule "Closed and referred again within a year, concerns recurring" {
  level   = "child_in_need",
  cite    = "Department for Education, children in need census: re-referrals within 12 months; Ofsted, 'In the child's time' (2014): repeated stop-start intervention in long-term neglect",
  basis   = "judgement",
  why     = "no document gives a level for a re-referral; core reads a closure without help in the last year and recurring concerns as needing assessment",
  reason  = "An earlier referral in the last year was closed without a plan, and concerns are recurring again",
  when    = all {
    is("recurring_neglect", true),
    at_least(count("history.referrals", all {
      within_days("date", 365),
      one_of("outcome", { "no_further_action", "signposted", "assessment_closed" }),
    }), 1),
  },
  actions = { REFER, "Read the history of earlier referrals before deciding" },
}
