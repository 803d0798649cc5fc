-- Threshold rules the local documents share: the common ground of the
-- threshold matrices. Where documents put the same descriptor at different
-- levels, core takes the lowest level they agree on and local sets raise
-- it where their own document does. Indicators escalate by frequency and
-- impact, as the documents do.

local REPEATED = { "frequent", "persistent" }

rule "Neglect causing significant harm" {
  level   = "child_protection",
  cite    = "Children Act 1989 s47; Working Together 2015 definition of neglect (Peterborough report s4.4); Peterborough report s4.16",
  reason  = "A concern about the child's care is recorded as causing significant harm",
  when    = at_least(count("concerns", is("impact", "significant_harm")), 1),
  actions = { "Discuss with children's social care today: consider a strategy discussion (s47)" },
}

rule "Persistent neglect impairing health or development" {
  level   = "child_in_need",
  cite    = "Working Together 2015 definition of neglect (Peterborough report s4.4): persistent failure likely to seriously impair health or development",
  reason  = "Care has persistently failed to meet the child's needs and this is impairing the child's health or development",
  when    = is("meets_neglect_definition", true),
  actions = { "Refer to children's social care for a child and family assessment",
              "Complete a Graded Care Profile assessment" },
}

rule "Repeated neglect with some impact" {
  level   = "early_help",
  cite    = "Threshold documents, additional needs level: basic care inconsistent, with some impact (e.g. West Sussex Neglect Matrix 2020, level 2)",
  reason  = "A concern about the child's care keeps recurring and is beginning to affect the child",
  when    = at_least(count("concerns", all { one_of("frequency", REPEATED), is("impact", "some") }), 1),
  actions = { "Offer early help with the family's consent and complete an Early Help Assessment" },
}

rule "Neglect across several areas of care" {
  level   = "early_help",
  cite    = "Northamptonshire Multi-Agency Neglect Strategy 2015-2017: the six sub-types of neglect",
  reason  = "Frequent or persistent concerns are recorded in two or more areas of the child's care",
  when    = at_least("neglect_types_of_concern", 2),
  actions = { "Offer early help with the family's consent and complete an Early Help Assessment" },
}

rule "Critical medication or treatment not given" {
  level   = "child_protection",
  cite    = "Threshold matrices: critical medication not given is at the highest level in every document compared (West Sussex Neglect Matrix 2020, level 4; Wolverhampton neglect toolkit, 3)",
  reason  = "Medication or treatment the child critically needs is not being given",
  when    = is("health.medication", "critical_not_given"),
  actions = { "Discuss with children's social care today: consider a strategy discussion (s47)",
              "Inform the child's GP or treating clinician" },
}

rule "Chronic missed health appointments harming health" {
  level   = "child_in_need",
  cite    = "Wolverhampton neglect toolkit, missed appointments 3; Bristol threshold guidance, level 3",
  reason  = "The child is repeatedly not brought to health appointments and their health is suffering",
  when    = is("health.was_not_brought", "chronic_harmful"),
  actions = { "Refer to children's social care for a child and family assessment" },
}

rule "Repeated missed health appointments" {
  level   = "early_help",
  cite    = "Wolverhampton neglect toolkit, missed appointments 2b: repeated missed appointments, no contact to rebook",
  reason  = "The child is repeatedly not brought to health appointments and the family does not rebook",
  when    = is("health.was_not_brought", "repeated_no_contact"),
  actions = { "Offer early help with the family's consent and complete an Early Help Assessment" },
}

rule "Faltering growth without an organic cause" {
  level   = "child_in_need",
  cite    = "Threshold matrices: faltering growth without organic cause (Trafford level 4, child in need; Buckinghamshire level 4)",
  reason  = "The child's growth is faltering and no medical cause has been found",
  when    = is("health.growth", "faltering_no_organic_cause"),
  actions = { "Refer to children's social care for a child and family assessment" },
}

rule "Severe untreated dental decay" {
  level   = "child_in_need",
  cite    = "Threshold matrices: significant untreated dental decay (Kent level 3; Buckinghamshire level 4)",
  reason  = "The child has severe tooth decay that is not being treated",
  when    = is("health.dental", "severe_decay"),
  actions = { "Refer to children's social care for a child and family assessment" },
}

rule "Food often not available in the home" {
  level   = "child_in_need",
  cite    = "Threshold matrices: chronic lack of food (Kent level 3; West Sussex Neglect Matrix 2020, level 4)",
  reason  = "There is often no food in the home for the child",
  when    = is("household.food_in_home", "often_none"),
  actions = { "Refer to children's social care for a child and family assessment" },
}

rule "Home regularly without heating or lighting" {
  level   = "child_in_need",
  cite    = "Threshold matrices: warmth often unavailable (Kent level 3; West Sussex Neglect Matrix 2020, level 4)",
  reason  = "The home is often cold or dark because heating or lighting is not available",
  when    = one_of("household.heating_lighting_absent", { "frequent", "persistent" }),
  actions = { "Refer to children's social care for a child and family assessment" },
}

-- The one matrix cited puts a squalid home at its level 4, child
-- protection (s47), as a sign of suspected long-term neglect.
rule "Squalid home conditions" {
  level   = "child_protection",
  cite    = "Threshold matrices: home squalid, dirty or in disrepair (Northumberland level 4, suspected long-term neglect)",
  reason  = "The home is squalid",
  when    = is("household.home_conditions", "squalid"),
  actions = { "Discuss with children's social care today: consider a strategy discussion (s47)" },
}

rule "Dangerous home conditions" {
  level   = "child_protection",
  cite    = "Threshold matrices: housing dangerous or an unsafe home environment (Buckinghamshire level 4)",
  reason  = "Conditions in the home are dangerous to the child",
  when    = is("household.home_conditions", "dangerous"),
  actions = { "Discuss with children's social care today: consider a strategy discussion (s47)" },
}

rule "Child left alone or with unsuitable carers" {
  level   = "child_in_need",
  cite    = "Working Together 2015 definition of neglect: failure to ensure adequate supervision, including the use of inadequate care-givers",
  reason  = "The child is left alone at an age when that is unsafe, or with carers who are not suitable",
  when    = one_of("household.supervision", { "child_left_alone_age_inappropriate", "left_with_unsuitable_carers" }),
  actions = { "Refer to children's social care for a child and family assessment" },
}

rule "Carers cannot keep dangerous adults away" {
  level   = "child_protection",
  cite    = "Working Together 2015 definition of neglect: failure to protect from physical and emotional harm or danger; Buckinghamshire threshold level 4",
  reason  = "Adults who pose a risk to children have access to the child",
  when    = is("household.dangerous_adults_access", true),
  actions = { "Discuss with children's social care today: consider a strategy discussion (s47)" },
}

rule "Parental difficulties affecting care, with neglect" {
  level   = "child_in_need",
  cite    = "Threshold matrices: parental mental health or substance misuse with a direct negative impact on the child (Kent level 3; Wirral level 4)",
  reason  = "A parent's mental ill-health or substance misuse is affecting their care of the child, and neglect concerns keep recurring",
  when    = all {
    any { is("carer_mental_health_affects_care", true), is("carer_substance_misuse_affects_care", true) },
    at_least(count("concerns", one_of("frequency", REPEATED)), 1),
  },
  actions = { "Refer to children's social care for a child and family assessment",
              "Involve adult mental health or substance misuse services" },
}

rule "Parent previously unable to care for a child, with current neglect" {
  level   = "child_protection",
  cite    = "Threshold matrices: parents unable to care for previous children (Wirral level 4; Buckinghamshire level 4)",
  reason  = "A parent has previously been unable to care for a child, and neglect concerns are recurring now",
  when    = all {
    is("history.previous_children_removed", true),
    at_least(count("concerns", one_of("frequency", REPEATED)), 1),
  },
  actions = { "Discuss with children's social care today: consider a strategy discussion (s47)" },
}

rule "School attendance below 90 per cent" {
  level   = "early_help",
  cite    = "Threshold matrices: attendance below 90% without a medical reason (Trafford level 2; Kent level 1 expects over 90%)",
  reason  = "The child attends school less than 90 per cent of the time",
  when    = all { at_least("age_years", 5), below("school.attendance_pct", 90) },  -- compulsory school age
  actions = { "Offer early help with the family's consent and involve the school's attendance lead" },
}

-- Pre-birth: Working Together 2015 -- neglect "may occur during pregnancy
-- as a result of maternal substance abuse".
rule "Pre-birth: maternal substance misuse" {
  level   = "child_in_need",
  cite    = "Working Together 2015 definition of neglect: neglect may occur during pregnancy as a result of maternal substance abuse; Kent level 3: unborn baby needing pre-birth assessment",
  reason  = "The mother's drug or alcohol misuse may harm the unborn baby",
  when    = all { is("child.unborn", true), is("mother_substance_misuse_in_pregnancy", true) },
  actions = { "Refer to children's social care for a pre-birth assessment", "Inform the midwife and GP" },
}

rule "Pre-birth: a parent previously unable to care for a child" {
  level   = "child_in_need",
  cite    = "Kent level 3: unborn baby where concern needs pre-birth assessment; Wirral and Buckinghamshire level 4: parents unable to care for previous children",
  reason  = "A parent of the unborn baby has previously been unable to care for a child",
  when    = all { is("child.unborn", true), is("history.previous_children_removed", true) },
  actions = { "Refer to children's social care for a pre-birth assessment" },
}
