-- Threshold rules the local documents share: the common ground of the
-- threshold matrices. Where documents put the same descriptor at different
-- levels, core takes the level most of the documents read give, and says
-- so; local sets raise or lower it where their own document does.
-- Indicators escalate by frequency and impact, as the documents do, and a
-- worse frequency or impact never gives a lower level:
--
--                 impact: none   some   impairing   significant harm
--   occasional            -      EH     EH          CP
--   frequent              EH     EH     CIN         CP
--   persistent            EH     EH     CIN         CP

local REPEATED = { "frequent", "persistent" }

rule "Neglect causing significant harm" {
  level   = "child_protection",
  cite    = "Children Act 1989 s47; Working Together 2015 definition of neglect (Peterborough report s4.4); Peterborough report s4.16",
  basis   = "national",
  reason  = "A concern about the child's care is recorded as causing significant harm",
  when    = at_least(count("concerns", is("impact", "significant_harm")), 1),
  actions = { "Discuss with children's social care today: consider a strategy discussion (s47)" },
}

rule "Persistent neglect impairing health or development" {
  level   = "child_in_need",
  cite    = "Working Together 2015 definition of neglect (Peterborough report s4.4): persistent failure likely to seriously impair health or development",
  basis   = "national",
  reason  = "Care has persistently failed to meet the child's needs and this is impairing the child's health or development",
  when    = is("meets_neglect_definition", true),
  actions = { "Refer to children's social care for a child and family assessment",
              "Complete a Graded Care Profile assessment" },
}

rule "Repeated neglect with some impact" {
  level   = "early_help",
  cite    = "Threshold documents, additional needs level: basic care inconsistent, with some impact (e.g. West Sussex Neglect Matrix 2020, level 2)",
  basis   = "judgement",
  why     = "the matrices put inconsistent care with some impact at level 2; 'frequent or persistent, some impact' is core's grading of that",
  reason  = "A concern about the child's care keeps recurring and is beginning to affect the child",
  when    = at_least(count("concerns", all { one_of("frequency", REPEATED), is("impact", "some") }), 1),
  actions = { "Offer early help with the family's consent and complete an Early Help Assessment" },
}

-- Frequent but not persistent, and impairing the child: the matrices'
-- level 3 descriptors escalate on impact on health or development (Bristol
-- level 3: physical and emotional development raising significant concerns;
-- Kent level 3: a direct negative impact on the child). Without this a
-- worse impact gave a lower level.
rule "Recurring neglect impairing health or development" {
  level   = "child_in_need",
  cite    = "Bristol threshold level 3 (children in need): physical and emotional development raising significant concerns among professionals; Kent level 3: a direct negative impact on the child",
  basis   = "judgement",
  why     = "Bristol and Kent level 3 escalate on impact, not frequency; a frequent concern impairing the child is put with a persistent one so a worse impact never gives a lower level",
  reason  = "A concern about the child's care keeps recurring and is impairing the child's health or development",
  when    = at_least(count("concerns", all { is("frequency", "frequent"),
    is("impact", "impairing_health_or_development") }), 1),
  actions = { "Refer to children's social care for a child and family assessment",
              "Complete a Graded Care Profile assessment" },
}

-- The floor. The matrices' level 2 describes care that is inconsistent
-- or beginning to affect the child (Devon level 2: signs parents are
-- struggling to meet basic care needs, inconsistent parenting and
-- supervision; Trafford level 2: quantity and quality of food variable and
-- inconsistent; Hampshire level 2: reduced access to core needs).
rule "Occasional lapses affecting the child" {
  level   = "early_help",
  cite    = "Devon indicators of need, level 2: signs parents are struggling to meet the child's basic care needs, leading to inconsistent parenting; Hampshire thresholds chart, level 2: reduced access to core needs",
  basis   = "judgement",
  why     = "Devon's 'signs parents are struggling' and Hampshire's 'reduced access to core needs' read as an occasional lapse that already affects the child",
  reason  = "A lapse in the child's care is occasional but is already affecting the child",
  when    = at_least(count("concerns", all { is("frequency", "occasional"),
    one_of("impact", { "some", "impairing_health_or_development" }) }), 1),
  actions = { "Offer early help with the family's consent and complete an Early Help Assessment" },
}

rule "Recurring lapses in care" {
  level   = "early_help",
  cite    = "Devon indicators of need, level 2: inconsistent parenting, supervision and routines; Trafford level 2: quantity and quality of food variable and inconsistent",
  basis   = "judgement",
  why     = "Devon's 'inconsistent parenting, supervision and routines' read as a frequent or persistent concern with no impact recorded yet",
  reason  = "A concern about the child's care keeps recurring, although no impact on the child is recorded yet",
  when    = at_least(count("concerns", all { one_of("frequency", REPEATED), is("impact", "none") }), 1),
  actions = { "Offer early help with the family's consent and complete an Early Help Assessment" },
}

-- Food inconsistent, no regular mealtimes. Six matrices read (issue 16):
-- at early help in four -- Trafford level 2 (early help of five levels),
-- Buckinghamshire level 2, Wirral level 2 and Devon level 3 (targeted
-- help: an Early Help Assessment and a lead professional; Devon's level 4
-- is the statutory one) -- and at child in need in the section 4PA neglect
-- threshold matrix; West Sussex's 2020 neglect matrix has it at its level
-- 3 of 4, counted here with the 4PA matrix although West Sussex's early
-- help offer runs at levels 2 and 3. Core keeps the level most give.
rule "Food inconsistent, no regular meals" {
  level   = "early_help",
  cite    = "Trafford threshold level 2 (early help): quantity and quality of food is variable and inconsistent; Buckinghamshire threshold level 2 (early help): basic care is not provided consistently, lack of routine in the home, inadequate diet e.g. no breakfast; Wirral level 2 (preventative services): minor concerns re diet; Devon indicators of need, level 3 (targeted early help): food and basic care erratic and inconsistent; dissenting: section 4PA neglect threshold matrix (child in need) and West Sussex Neglect Matrix 2020, level 3",
  basis   = "judgement",
  why     = "4 of 6 matrices read put inconsistent food without regular meals at early help (Trafford, Buckinghamshire and Wirral level 2; Devon level 3, targeted early help); the 4PA matrix (child in need) and West Sussex level 3 put it higher; core takes the level most give",
  reason  = "Food in the home is inconsistent and there are no regular mealtimes",
  when    = is("household.food_in_home", "inconsistent_no_routine"),
  actions = { "Offer early help with the family's consent and complete an Early Help Assessment" },
}

-- Occasional loss of heating or lighting. Six matrices read (issue 16):
-- at early help in four -- Devon level 3 (targeted early help: warmth
-- erratic and inconsistent, with impact), Buckinghamshire level 2 (some
-- problems over basic facilities), Kent level 2 (low-level or emerging
-- neglect; Kent's level 3 is food and warmth "often not available") and
-- Hampshire level 2 (reduced access to core needs) -- and higher in the
-- section 4PA matrix (child in need) and West Sussex level 3 ("sporadic
-- loss of heating and lighting"). Core keeps the level most give.
rule "Home sometimes without heating or lighting" {
  level   = "early_help",
  cite    = "Devon indicators of need, level 3 (targeted early help): food, supervision, warmth erratic and inconsistent; Buckinghamshire threshold level 2 (early help): some problems over basic facilities; Kent level 2: low-level or emerging neglect; Hampshire level 2: reduced access to core needs; dissenting: section 4PA neglect threshold matrix (child in need) and West Sussex Neglect Matrix 2020, level 3: sporadic loss of heating and lighting",
  basis   = "judgement",
  why     = "4 of 6 matrices read put an occasional loss of warmth at early help (Devon level 3, targeted early help; Buckinghamshire, Kent and Hampshire level 2, the last two in general words); the 4PA matrix and West Sussex level 3 name sporadic loss of heating higher; core takes the level most give",
  reason  = "The home is sometimes without heating or lighting",
  when    = is("household.heating_lighting_absent", "occasional"),
  actions = { "Offer early help with the family's consent and complete an Early Help Assessment" },
}

rule "Unclean home" {
  level   = "early_help",
  cite    = "Hampshire thresholds chart, level 2: poor housing and poor home environment impacting on the child's health; Kent level 2: low-level or emerging neglect of the home",
  basis   = "judgement",
  why     = "Hampshire level 2 speaks of a poor home environment impacting on the child's health; core reads an unclean home as that without asking for the impact",
  reason  = "The home is unclean",
  when    = is("household.home_conditions", "unclean"),
  actions = { "Offer early help with the family's consent and complete an Early Help Assessment" },
}

-- Kent's level 2 names hazards for a newly mobile baby from poor home
-- conditions or hoarding. Under two years is core's reading of "newly
-- mobile" (a judgement).
rule "Cluttered home and a mobile infant" {
  level   = "early_help",
  cite    = "Kent threshold level 2: hazards for a newly mobile baby from poor home conditions or hoarding (clutter rating tool)",
  basis   = "judgement",
  why     = "'newly mobile baby' (Kent level 2) read as a mobile child under two years; no source gives an age",
  reason  = "The home is cluttered and a baby who can move about is at risk from hazards",
  when    = all { is("household.home_conditions", "cluttered"), below("age_months", 24), is("child.mobile", true) },
  actions = { "Offer early help with the family's consent and complete an Early Help Assessment" },
}

rule "Supervision inconsistent" {
  level   = "early_help",
  cite    = "Devon indicators of need, level 2: inconsistent parenting, supervision and boundaries, child at risk of exposure to inadequately controlled hazards",
  basis   = "quoted",
  reason  = "The child's supervision is inconsistent",
  when    = is("household.supervision", "inconsistent"),
  actions = { "Offer early help with the family's consent and complete an Early Help Assessment" },
}

rule "Medication given inconsistently" {
  level   = "early_help",
  cite    = "Wolverhampton neglect toolkit, 2b: compliance with treatment often lacking; Hampshire level 2: minor health problems",
  basis   = "quoted",
  reason  = "Prescribed medication or treatment is given inconsistently",
  when    = is("health.medication", "inconsistent"),
  actions = { "Offer early help with the family's consent and inform the child's GP" },
}

rule "Weight affecting health" {
  level   = "early_help",
  cite    = "Trafford threshold level 2: weight gain or loss that impacts on the child's health",
  basis   = "quoted",
  reason  = "The child's weight is a concern for their health",
  when    = is("health.growth", "weight_concern"),
  actions = { "Offer early help with the family's consent and involve the health visitor or school nurse" },
}

-- Obesity harming health: Trafford level 5 and Buckinghamshire level 4
-- give their top level only where obesity results from neglect with other
-- health problems; core takes child in need, the level between.
rule "Obesity harming health" {
  level   = "child_in_need",
  cite    = "Buckinghamshire threshold level 4: seriously obese; Trafford level 5: significantly obese as a result of neglect with co-morbidity",
  basis   = "judgement",
  why     = "Trafford level 5 and Buckinghamshire level 4 give their top level only with other health problems; core takes child in need, the level between",
  reason  = "The child's obesity is harming their health",
  when    = is("health.growth", "obese_health_impact"),
  actions = { "Refer to children's social care for a child and family assessment" },
}

rule "Neglect across several areas of care" {
  level   = "early_help",
  cite    = "Northamptonshire Multi-Agency Neglect Strategy 2015-2017: the six sub-types of neglect",
  basis   = "judgement",
  why     = "Northamptonshire names six sub-types but no count; two or more sub-types is core's reading of neglect across areas",
  reason  = "Frequent or persistent concerns are recorded in two or more areas of the child's care",
  when    = at_least("neglect_types_of_concern", 2),
  actions = { "Offer early help with the family's consent and complete an Early Help Assessment" },
}

rule "Critical medication or treatment not given" {
  level   = "child_protection",
  cite    = "Threshold matrices: critical medication not given is at the highest level in every document compared (West Sussex Neglect Matrix 2020, level 4; Wolverhampton neglect toolkit, 3)",
  basis   = "quoted",
  reason  = "Medication or treatment the child critically needs is not being given",
  when    = is("health.medication", "critical_not_given"),
  actions = { "Discuss with children's social care today: consider a strategy discussion (s47)",
              "Inform the child's GP or treating clinician" },
}

rule "Chronic missed health appointments harming health" {
  level   = "child_in_need",
  cite    = "Wolverhampton neglect toolkit, missed appointments 3; Bristol threshold guidance, level 3",
  basis   = "quoted",
  reason  = "The child is repeatedly not brought to health appointments and their health is suffering",
  when    = is("health.was_not_brought", "chronic_harmful"),
  actions = { "Refer to children's social care for a child and family assessment" },
}

rule "Repeated missed health appointments" {
  level   = "early_help",
  cite    = "Wolverhampton neglect toolkit, missed appointments 2b: repeated missed appointments, no contact to rebook",
  basis   = "quoted",
  reason  = "The child is repeatedly not brought to health appointments and the family does not rebook",
  when    = is("health.was_not_brought", "repeated_no_contact"),
  actions = { "Offer early help with the family's consent and complete an Early Help Assessment" },
}

rule "Faltering growth without an organic cause" {
  level   = "child_in_need",
  cite    = "Threshold matrices: faltering growth without organic cause (Trafford level 4, child in need; Buckinghamshire level 4)",
  basis   = "quoted",
  reason  = "The child's growth is faltering and no medical cause has been found",
  when    = is("health.growth", "faltering_no_organic_cause"),
  actions = { "Refer to children's social care for a child and family assessment" },
}

rule "Severe untreated dental decay" {
  level   = "child_in_need",
  cite    = "Threshold matrices: significant untreated dental decay (Kent level 3; Buckinghamshire level 4)",
  basis   = "judgement",
  why     = "Kent level 3 (intensive, including child in need) and Buckinghamshire level 4 disagree; core takes child in need",
  reason  = "The child has severe tooth decay that is not being treated",
  when    = is("health.dental", "severe_decay"),
  actions = { "Refer to children's social care for a child and family assessment" },
}

-- Empty cupboards, children unfed: the section 4PA neglect matrix and West
-- Sussex put it at child protection, Kent at its level 3. Core takes the
-- level most of them give (it took the lowest before issue 16).
rule "Food often not available in the home" {
  level   = "child_protection",
  cite    = "Threshold matrices: chronic lack of food (section 4PA neglect threshold matrix, child protection; West Sussex Neglect Matrix 2020, level 4; Kent level 3)",
  basis   = "quoted",
  reason  = "There is often no food in the home for the child",
  when    = is("household.food_in_home", "often_none"),
  actions = { "Discuss with children's social care today: consider a strategy discussion (s47)" },
}

-- As for food: the 4PA matrix and West Sussex at child protection, Kent at
-- level 3; core takes the level most give.
rule "Home regularly without heating or lighting" {
  level   = "child_protection",
  cite    = "Threshold matrices: heating or lighting regularly absent, home cold and dark (section 4PA neglect threshold matrix, child protection; West Sussex Neglect Matrix 2020, level 4; Kent level 3)",
  basis   = "quoted",
  reason  = "The home is often cold or dark because heating or lighting is not available",
  when    = one_of("household.heating_lighting_absent", { "frequent", "persistent" }),
  actions = { "Discuss with children's social care today: consider a strategy discussion (s47)" },
}

-- The one matrix cited puts a squalid home at its level 4, child
-- protection (s47), as a sign of suspected long-term neglect.
rule "Squalid home conditions" {
  level   = "child_protection",
  cite    = "Threshold matrices: home squalid, dirty or in disrepair (Northumberland level 4, suspected long-term neglect)",
  basis   = "quoted",
  reason  = "The home is squalid",
  when    = is("household.home_conditions", "squalid"),
  actions = { "Discuss with children's social care today: consider a strategy discussion (s47)" },
}

rule "Dangerous home conditions" {
  level   = "child_protection",
  cite    = "Threshold matrices: housing dangerous or an unsafe home environment (Buckinghamshire level 4)",
  basis   = "quoted",
  reason  = "Conditions in the home are dangerous to the child",
  when    = is("household.home_conditions", "dangerous"),
  actions = { "Discuss with children's social care today: consider a strategy discussion (s47)" },
}

rule "Child left alone or with unsuitable carers" {
  level   = "child_in_need",
  cite    = "Working Together 2015 definition of neglect: failure to ensure adequate supervision, including the use of inadequate care-givers",
  basis   = "judgement",
  why     = "Working Together names inadequate supervision and care-givers as neglect but gives no level; core puts it at child in need",
  reason  = "The child is left alone at an age when that is unsafe, or with carers who are not suitable",
  when    = one_of("household.supervision", { "child_left_alone_age_inappropriate", "left_with_unsuitable_carers" }),
  actions = { "Refer to children's social care for a child and family assessment" },
}

rule "Carers cannot keep dangerous adults away" {
  level   = "child_protection",
  cite    = "Working Together 2015 definition of neglect: failure to protect from physical and emotional harm or danger; Buckinghamshire threshold level 4",
  basis   = "quoted",
  reason  = "Adults who pose a risk to children have access to the child",
  when    = is("household.dangerous_adults_access", true),
  actions = { "Discuss with children's social care today: consider a strategy discussion (s47)" },
}

-- Unless every carer has agreed to early help and is working with it:
-- then the difficulties are early help (Trafford level 3, intensive family
-- support, keeps a hungry child in early help where the parents engage and
-- there is no immediate significant harm; Peterborough report s4.14).
rule "Parental difficulties affecting care, with neglect" {
  level   = "child_in_need",
  cite    = "Threshold matrices: parental mental health or substance misuse with a direct negative impact on the child (Kent level 3; Wirral level 4)",
  basis   = "judgement",
  why     = "Kent level 3 and Wirral level 4 disagree; core takes child in need, and reads Trafford level 3 and Peterborough s4.14 as keeping a family working with early help there",
  reason  = "A parent's mental ill-health or substance misuse is affecting their care of the child, and neglect concerns keep recurring",
  when    = all {
    any { is("carer_mental_health_affects_care", true), is("carer_substance_misuse_affects_care", true) },
    at_least(count("concerns", one_of("frequency", REPEATED)), 1),
    is("family_working_with_early_help", false),
  },
  actions = { "Refer to children's social care for a child and family assessment",
              "Involve adult mental health or substance misuse services" },
}

rule "Parent previously unable to care for a child, with current neglect" {
  level   = "child_protection",
  cite    = "Threshold matrices: parents unable to care for previous children (Wirral level 4; Buckinghamshire level 4)",
  basis   = "quoted",
  reason  = "A parent has previously been unable to care for a child, and neglect concerns are recurring now",
  when    = all {
    is("history.previous_children_removed", true),
    at_least(count("concerns", one_of("frequency", REPEATED)), 1),
  },
  actions = { "Discuss with children's social care today: consider a strategy discussion (s47)" },
}

-- Attendance is read as a percentage when one is recorded, and otherwise
-- in words (school.attendance). The Department for Education calls below
-- 90% persistent and below 50% severe absence.
fact "attendance_band" {
  doc = "school attendance in words, from the percentage when one is recorded",
  type = "string",
  value = function(c)
    if c.attendance_pct_recorded then
      local p = c.school.attendance_pct
      if p < 50 then return "severe_absence" end
      if p < 90 then return "persistent_absence" end
      return "good"
    end
    return c.school.attendance
  end,
}
fact "attendance_pct_recorded" { doc = "an attendance percentage is recorded",
  when = present("school.attendance_pct") }

rule "School attendance below 90 per cent" {
  level   = "early_help",
  cite    = "Threshold matrices: attendance below 90% without a medical reason (Trafford level 2; Kent level 1 expects over 90%)",
  basis   = "quoted",
  reason  = "The child attends school less than 90 per cent of the time",
  when    = all { at_least("age_years", 5), is("attendance_band", "persistent_absence") },  -- compulsory school age
  actions = { "Offer early help with the family's consent and involve the school's attendance lead" },
}

rule "Severe absence or missing education" {
  level   = "child_in_need",
  cite    = "Northumberland threshold level 4: chronic non-attendance, permanently excluded or no education; Bristol level 3: persistent absence; core takes child in need, between them (the Department for Education's severe absence: below 50%)",
  basis   = "judgement",
  why     = "Northumberland level 4 and Bristol level 3 disagree; core takes child in need, with below 50% (the Department for Education's severe absence) as the line",
  reason  = "The child misses half of school or more, or is not in education",
  when    = all { at_least("age_years", 5), one_of("attendance_band", { "severe_absence", "missing_education" }) },
  actions = { "Refer to children's social care for a child and family assessment",
              "Involve the children missing education officer" },
}

-- Pre-birth: Working Together 2015 -- neglect "may occur during pregnancy
-- as a result of maternal substance abuse".
rule "Pre-birth: maternal substance misuse" {
  level   = "child_in_need",
  cite    = "Working Together 2015 definition of neglect: neglect may occur during pregnancy as a result of maternal substance abuse; Kent level 3: unborn baby needing pre-birth assessment",
  basis   = "quoted",
  reason  = "The mother's drug or alcohol misuse may harm the unborn baby",
  when    = all { is("child.unborn", true), is("mother_substance_misuse_in_pregnancy", true) },
  actions = { "Refer to children's social care for a pre-birth assessment", "Inform the midwife and GP" },
}

rule "Pre-birth: a parent previously unable to care for a child" {
  level   = "child_in_need",
  cite    = "Kent level 3: unborn baby where concern needs pre-birth assessment; Wirral and Buckinghamshire level 4: parents unable to care for previous children",
  basis   = "quoted",
  reason  = "A parent of the unborn baby has previously been unable to care for a child",
  when    = all { is("child.unborn", true), is("history.previous_children_removed", true) },
  actions = { "Refer to children's social care for a pre-birth assessment" },
}
