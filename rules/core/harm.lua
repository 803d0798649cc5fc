-- Harm other than neglect: abuse, injuries, domestic abuse, exploitation,
-- violence in the home and legal steps already taken. Each threshold
-- document read places these at its levels; where documents differ, the
-- rule says which level most of them give.

local CS = "Discuss with children's social care today: consider a strategy discussion (s47)"
local REFER = "Refer to children's social care for a child and family assessment"
local EARLY = "Offer early help with the family's consent and complete an Early Help Assessment"

-- Working Together 2023 and the Children Act 1989 s47: reasonable cause to
-- suspect significant harm is enough for enquiries. Every document read
-- puts a suspicion or disclosure of abuse at its child protection level.
rule "Abuse suspected, disclosed or evidenced" {
  level   = "child_protection",
  cite    = "Children Act 1989 s47 (reasonable cause to suspect); Northumberland threshold level 4: suspicion of physical, emotional or sexual abuse; Buckinghamshire level 4: disclosure of abuse, non-accidental injury, sexual abuse; Trafford level 5: disclosure and/or evidence of abuse",
  basis   = "national",
  reason  = "Abuse of the child is suspected, has been disclosed or there is evidence of it",
  when    = at_least(count("abuse", one_of("concern", { "suspected", "disclosed", "evidenced" })), 1),
  actions = { CS, "Do not question the child further or tell the family before social care and the police advise" },
}

rule "Abuse causing significant harm" {
  level   = "child_protection",
  cite    = "Children Act 1989 s47: a child suffering, or likely to suffer, significant harm",
  basis   = "national",
  reason  = "A concern of abuse is recorded as causing significant harm",
  when    = at_least(count("abuse", is("impact", "significant_harm")), 1),
  actions = { CS },
}

-- Harsh or over-controlling parenting without injury: early help in the
-- documents that name it (Devon level 2 "being over controlling"; Hampshire
-- level 2 "poor parent child relationships"); where it impairs the child,
-- a child in need (Bristol level 3; Buckinghamshire puts parents highly
-- critical or rejecting at level 4, core takes the level between).
rule "Harsh or over-controlling parenting" {
  level   = "early_help",
  cite    = "Devon indicators of need, level 2: inconsistent parenting, being over controlling; Hampshire thresholds chart, level 2: poor parent-child relationships",
  basis   = "quoted",
  reason  = "Parenting is harsh, critical or over-controlling, without injury",
  when    = at_least(count("abuse", is("concern", "harsh_parenting")), 1),
  actions = { EARLY },
}

rule "Harsh parenting impairing the child" {
  level   = "child_in_need",
  cite    = "Bristol threshold level 3: physical and emotional development raising significant concerns among professionals; Buckinghamshire level 4: parents highly critical, rejecting or apathetic",
  basis   = "judgement",
  why     = "Bristol level 3 and Buckinghamshire level 4 (parents highly critical or rejecting) disagree; core takes child in need",
  reason  = "Harsh or critical parenting is impairing the child's health or development",
  when    = at_least(count("abuse", all {
    is("concern", "harsh_parenting"), one_of("impact", { "impairing_health_or_development", "significant_harm" }),
  }), 1),
  actions = { REFER },
}

-- Injuries. Bruising or any injury in a baby who is not yet mobile is
-- rare without abuse; the documents and the local bruising protocols put
-- it at the top level.
rule "Injury to a baby who is not mobile" {
  level   = "child_protection",
  cite    = "Trafford threshold level 5 (child protection): non-mobile child with an injury",
  basis   = "quoted",
  reason  = "A baby who cannot yet move independently has an injury",
  when    = all { is("child.mobile", false),
                  one_of("health.injuries", { "explained_minor", "unexplained_or_inconsistent" }) },
  actions = { CS, "Arrange a child protection medical the same day" },
}

rule "Unexplained injury" {
  level   = "child_protection",
  cite    = "Buckinghamshire threshold level 4 (parents and carers): unexplained injuries; allegation or reasonable suspicion of serious injury",
  basis   = "quoted",
  reason  = "The child has an injury with no explanation, or one that does not fit",
  when    = is("health.injuries", "unexplained_or_inconsistent"),
  actions = { CS, "Arrange a child protection medical" },
}

-- Domestic abuse. Standard risk is early help (Devon level 2: parents
-- struggling because of domestic abuse); medium risk or a history of it
-- is a child in need (Bristol level 3: history of domestic abuse); high
-- risk (MARAC) or a child caught up in it is child protection (Harrow
-- level 4: a child who witnessed abuse heard at MARAC; Buckinghamshire
-- level 4: chronic and serious domestic violence involving the child,
-- escalating or serious domestic violence). Of the documents read, most
-- place high risk at their top level; core follows them.
rule "Domestic abuse, standard risk" {
  level   = "early_help",
  cite    = "Devon indicators of need, level 2: parents struggling to prioritise the child's needs because of domestic abuse",
  basis   = "judgement",
  why     = "the documents cited do not grade domestic abuse by DASH risk; standard risk is read as Devon's level 2",
  reason  = "There is current domestic abuse in the household, assessed as standard risk",
  when    = at_least(count("carers", is("domestic_abuse", "current_standard")), 1),
  actions = { EARLY, "Complete a DASH risk assessment with the adult victim" },
}

rule "Domestic abuse, medium risk" {
  level   = "child_in_need",
  cite    = "Bristol threshold level 3 (children in need): history of domestic abuse between parents or carers",
  basis   = "judgement",
  why     = "Bristol level 3 speaks of domestic abuse between carers, not of DASH risk; medium risk is read as that level",
  reason  = "There is current domestic abuse in the household, assessed as medium risk",
  when    = at_least(count("carers", is("domestic_abuse", "current_medium")), 1),
  actions = { REFER },
}

rule "Domestic abuse, high risk (MARAC)" {
  level   = "child_protection",
  cite    = "Harrow threshold guidance level 4 example: the child witnessed domestic violence and the case went to MARAC; Buckinghamshire level 4: escalating or serious domestic violence",
  basis   = "quoted",
  reason  = "Domestic abuse in the household is assessed as high risk (MARAC)",
  when    = at_least(count("carers", is("domestic_abuse", "current_high_marac")), 1),
  actions = { CS, "Share with the MARAC and the independent domestic violence adviser" },
}

rule "Child caught up in domestic abuse" {
  level   = "child_protection",
  cite    = "Buckinghamshire threshold level 4: chronic and serious domestic violence involving the child",
  basis   = "quoted",
  reason  = "The child was caught up in domestic abuse, intervened or was hurt",
  when    = is("household.domestic_abuse_exposure", "involved_or_injured"),
  actions = { CS },
}

rule "Child witnessing domestic abuse" {
  level   = "child_in_need",
  cite    = "Domestic Abuse Act 2021 s3: a child who sees, hears or experiences the effects of domestic abuse is a victim of it; Bristol threshold level 3: domestic abuse between parents or carers",
  basis   = "quoted",
  reason  = "The child has seen or heard domestic abuse at home",
  when    = is("household.domestic_abuse_exposure", "witnessed"),
  actions = { REFER },
}

-- Pregnancy: Harrow's level 4 example is a pregnant woman who is a victim
-- of domestic abuse. Core gives child protection for medium or high risk,
-- and a pre-birth assessment for standard risk.
rule "Pre-birth: domestic abuse" {
  level   = "child_protection",
  cite    = "Harrow threshold guidance level 4 example: the pregnant woman has been a victim of domestic abuse",
  basis   = "judgement",
  why     = "Harrow's level 4 example names a pregnant victim of domestic abuse without a risk level; core limits it to medium or high risk",
  reason  = "The mother of the unborn baby is a victim of domestic abuse assessed as medium or high risk",
  when    = all { is("child.unborn", true),
                  at_least(count("carers", one_of("domestic_abuse", { "current_medium", "current_high_marac" })), 1) },
  actions = { CS, "Inform the midwife; refer for a pre-birth assessment" },
}

-- Exploitation: high risk is child protection in every document read
-- (Trafford level 5; Buckinghamshire, Northumberland, Wirral level 4);
-- medium risk: see its rule; low or emerging risk is early help (Devon
-- level 2: at risk of gang activity; Hampshire level 2).
rule "Exploitation, high risk" {
  level   = "child_protection",
  cite    = "Trafford threshold level 5: at high risk of child sexual or criminal exploitation; Northumberland level 4: involved in, or at risk of, child sexual exploitation; Harrow level 4 example: trafficked for sexual exploitation",
  basis   = "quoted",
  reason  = "The child is at high risk of, or is being, exploited",
  when    = at_least(count("exploitation", is("risk", "high")), 1),
  actions = { CS, "Refer to the exploitation panel and the National Referral Mechanism where trafficking is suspected" },
}

-- Medium risk. Seven documents read (issue 16): child in need or below
-- in three -- Kent level 3 (intensive support, including child in need:
-- vulnerable to being sexually abused or exploited), West Sussex's
-- exploitation risk levels (medium: a social worker or named lead
-- professional; high: children's social care) and Croydon's CSE toolkit
-- (medium: s47 only where professional judgement finds reasonable cause
-- to suspect significant harm) -- at child protection in three that do not
-- grade the risk (Wirral and Northumberland level 4: at risk of sexual
-- exploitation; London safeguarding procedures: child protection
-- procedures where a child is at risk of CSE), and Buckinghamshire splits
-- it (level 3: emerging behaviours that could suggest CSE; level 4: CSE).
-- No majority for a higher level: core keeps child in need and asks for
-- the strategy discussion the documents want where significant harm is
-- suspected.
rule "Exploitation, medium risk" {
  level   = "child_in_need",
  cite    = "Kent support levels, level 3 (intensive support, including child in need services): vulnerable to being sexually abused or exploited; West Sussex exploitation risk levels: medium risk requires a social worker or named lead professional; Croydon CSE risk assessment toolkit (2016): medium risk, s47 procedures where there is reasonable cause to suspect significant harm; dissenting: Wirral and Northumberland level 4, London child protection procedures (at risk of CSE)",
  basis   = "judgement",
  why     = "of 7 documents read, 3 put medium risk at child in need or below (Kent level 3, West Sussex, Croydon: the two that grade risk keep s47 for high risk or a judgement of significant harm), 3 put any risk of sexual exploitation at child protection (Wirral, Northumberland, London procedures) and Buckinghamshire splits it; with no majority higher, core keeps child in need",
  reason  = "The child is assessed at medium risk of exploitation",
  when    = at_least(count("exploitation", is("risk", "medium")), 1),
  actions = { REFER, "Discuss with children's social care whether there is reasonable cause to suspect significant harm; if there is, hold a strategy discussion (s47)" },
}

rule "Exploitation, low or emerging risk" {
  level   = "early_help",
  cite    = "Devon indicators of need, level 2: children at risk of gang activity; Hampshire level 2: early signs of offending",
  basis   = "quoted",
  reason  = "There are early signs the child may be exploited",
  when    = at_least(count("exploitation", is("risk", "low")), 1),
  actions = { EARLY },
}

rule "Repeatedly missing from home" {
  level   = "child_protection",
  cite    = "Northumberland threshold level 4: frequently goes missing from home; Buckinghamshire level 4: repeated missing persons episodes; Wirral level 4: puts self in danger, e.g. missing from home",
  basis   = "quoted",
  reason  = "The child has gone missing from home repeatedly",
  when    = is("child.missing_episodes", "repeated"),
  actions = { CS, "Ask for a return home interview after each episode" },
}

rule "Missing from home once" {
  level   = "early_help",
  cite    = "Hampshire thresholds chart, level 2: incidence of absence or missing from home",
  basis   = "quoted",
  reason  = "The child has gone missing from home",
  when    = is("child.missing_episodes", "once"),
  actions = { EARLY, "Ask for a return home interview" },
}

-- Violence in the home by a child.
rule "Child harmed by a brother or sister" {
  level   = "child_protection",
  cite    = "Working Together 2023: abuse may be by another child; Buckinghamshire level 4: abusing other children",
  basis   = "judgement",
  why     = "Working Together 2023 says abuse may be by another child; no document read gives a level for a sibling's injuring violence, core reads it as child protection",
  reason  = "A brother or sister's violence has injured the child",
  when    = is("household.sibling_violence", "causing_injury"),
  actions = { CS },
}

rule "Repeated violence between children at home" {
  level   = "early_help",
  cite    = "Devon indicators of need, level 2 and Trafford level 2: disruptive or challenging behaviour at home",
  basis   = "quoted",
  reason  = "There is repeated violence by a child in the home",
  when    = any { is("household.sibling_violence", "repeated"), is("child.violence_at_home", "repeated") },
  actions = { EARLY },
}

-- A child's violence at home that injures others. The three documents
-- read that name violence putting others at serious risk all put it at
-- their top level: Northumberland level 4 (s47), Buckinghamshire level 4
-- and Wirral level 4 (children at risk of significant harm). Challenging
-- behaviour without that risk is lower in every document that names it
-- (Kent level 2, Essex level 3 intensive early help, Buckinghamshire
-- level 3), which core's "repeated" rule above gives as early help.
rule "Child's violence at home causing injury" {
  level   = "child_protection",
  cite    = "Northumberland threshold level 4 (child protection, s47): challenging behaviours resulting in serious risk to the child and others; Buckinghamshire level 4: puts self or others in danger, parents unable to manage severe challenging behaviour without support; Wirral level 4 (children at risk of significant harm): puts self or others in danger, family breakdown related to the child's behavioural difficulties",
  basis   = "judgement",
  why     = "3 of 3 documents read that name violence putting others at serious risk put it at their top level (Northumberland, Buckinghamshire, Wirral level 4); core reads violence that injures as that risk; lesser challenging behaviour is early help (Kent level 2, Essex level 3)",
  reason  = "The child's violence at home is injuring others",
  when    = is("child.violence_at_home", "causing_injury"),
  actions = { CS, "Consider the safety of everyone in the household, and whether the child's violence is a sign of harm to the child" },
}

-- s47(1)(b): a local authority with reasonable cause to suspect that a
-- child is suffering, or is likely to suffer, significant harm must
-- enquire. When a professional has recorded that judgement, the statute
-- settles the level; no local document can set it lower. The judgement is
-- the professional's, not a fact the engine should ask for: a case that
-- does not record it has no such judgement yet, so the rule reads it only
-- when recorded (present and true) and does not put the question to
-- every case below child protection. The other child protection rules
-- still read the facts such a judgement rests on.
rule "Judged at risk of significant harm (s47)" {
  level   = "child_protection",
  cite    = "Children Act 1989 s47(1)(b): where a local authority have reasonable cause to suspect that a child who lives, or is found, in their area is suffering, or is likely to suffer, significant harm, they shall make such enquiries as they consider necessary; Working Together to Safeguard Children 2023, chapter 4: a strategy discussion decides whether to begin s47 enquiries",
  basis   = "national",
  reason  = "A professional has judged the child at risk of significant harm",
  when    = all { present("at_risk_of_significant_harm"), is("at_risk_of_significant_harm", true) },
  actions = { CS },
}

-- Legal steps: s47(1)(a) puts a child in police protection or under an
-- emergency protection order within the local authority's duty to enquire.
rule "Child in police protection or under an emergency protection order" {
  level   = "child_protection",
  cite    = "Children Act 1989 s47(1)(a): the local authority must make enquiries when a child is the subject of an emergency protection order or is in police protection (s46)",
  basis   = "national",
  reason  = "The child has been taken into police protection or an emergency protection order has been made",
  when    = any { is("current.police_protection", true), is("current.emergency_protection_order", true) },
  actions = { CS },
}

-- A carer refusing treatment. Harrow's level 4 example: a disability or
-- condition needing regular treatment, the family refusing it, the young
-- person's health affected; Buckinghamshire level 4: refusing medical
-- care endangering life or development; Trafford level 5: parents refuse
-- medical attention.
rule "Carer refuses essential treatment" {
  level   = "child_protection",
  cite    = "Harrow threshold guidance level 4 example: family refusing regular treatment the young person needs; Buckinghamshire level 4: refusing medical care endangering life or development; Trafford level 5: parents refuse medical attention",
  basis   = "quoted",
  reason  = "A carer refuses treatment the child's health depends on",
  when    = is("health.treatment_refused", "essential"),
  actions = { CS, "Inform the treating clinician" },
}

rule "Carer refuses routine health care" {
  level   = "early_help",
  cite    = "Hampshire thresholds chart, level 2: missing health checks or immunisations",
  basis   = "judgement",
  why     = "Hampshire level 2 names missing health checks or immunisations; a carer refusing routine care is read as that",
  reason  = "A carer refuses routine health care for the child",
  when    = is("health.treatment_refused", "routine"),
  actions = { EARLY },
}
