-- The case, continued: harm other than neglect. A threshold document covers
-- every category of abuse (Working Together 2023, the four categories of
-- abuse and neglect), domestic abuse, harm outside the home and the legal
-- steps already taken. Graded values are listed from least to most concern.
--
-- Each field here records something that happened (an injury, an episode
-- of going missing, a refusal, a legal step). Like the concerns list, an
-- absent value means none recorded: a referral records the incidents it
-- knows of. That is a judgement, said here once: what a family is like (its
-- support, housing, capacity to change) is never defaulted (schema_family.lua).

-- Abuse: physical, emotional, sexual, and fabricated or induced illness
field "abuse" { type = "array", of = "object", default = {},
  doc = "concerns of abuse; an absent list means none recorded" }
field "abuse[].type" { type = "enum",
  values = { "physical", "emotional", "sexual", "fabricated_or_induced_illness" },
  doc = "the category of abuse (Working Together 2023; fabricated or induced illness as the matrices list it)" }
field "abuse[].concern" { type = "enum", ordered = true,
  values = { "harsh_parenting", "suspected", "disclosed", "evidenced" },
  doc = "how far the concern goes: harsh or over-controlling parenting without injury; a professional suspects abuse; the child (or a parent) has disclosed it; an injury or other evidence has been seen" }
field "abuse[].impact" { type = "enum", ordered = true,
  values = { "none", "some", "impairing_health_or_development", "significant_harm" },
  doc = "impact on the child, as for concerns" }
field "abuse[].by" { type = "enum",
  values = { "carer", "sibling", "other_child", "adult_in_household", "adult_outside_household", "unknown" },
  doc = "who is said to have caused the harm" }
field "abuse[].since" { type = "date" }
field "abuse[].source" { type = "enum",
  values = { "referrer", "practitioner_observation", "child_account", "parent_account", "record", "tool" } }

-- Injuries, above all in a baby who is not yet mobile
field "child.mobile" { type = "boolean",
  doc = "the child can move independently (crawling, cruising or walking); false for a baby not yet mobile" }
field "health.injuries" { type = "enum", ordered = true, default = "none",
  values = { "none", "explained_minor", "unexplained_or_inconsistent" },
  doc = "injuries seen: none; minor with an explanation that fits; unexplained, or the explanation does not fit" }

-- Domestic abuse: the adults' assessed risk is carers[].domestic_abuse
-- (DASH: standard, medium, high; high risk goes to MARAC). What the child
-- sees and suffers is recorded here.
field "household.domestic_abuse_exposure" { type = "enum", ordered = true, default = "none",
  values = { "none", "aware", "witnessed", "involved_or_injured" },
  doc = "the child's exposure to domestic abuse at home: none; knows of it; has seen or heard it; was caught up in it, intervened or was hurt" }
field "household.domestic_abuse_incidents_12_months" { type = "integer", worse = "higher", min = 0,
  doc = "domestic abuse incidents reported (e.g. police notifications) in the last 12 months" }

-- Exploitation and harm outside the home
field "exploitation" { type = "array", of = "object", default = {},
  doc = "concerns of exploitation; an absent list means none recorded" }
field "exploitation[].type" { type = "enum", values = { "sexual", "criminal", "trafficking", "radicalisation" } }
field "exploitation[].risk" { type = "enum", ordered = true, values = { "low", "medium", "high" },
  doc = "the assessed risk, as exploitation screening tools grade it" }
field "child.missing_episodes" { type = "enum", ordered = true, values = { "none", "once", "repeated" }, default = "none",
  doc = "episodes of going missing from home or care in the last 12 months" }

-- Violence in the home by a child
field "child.violence_at_home" { type = "enum", ordered = true, default = "none",
  values = { "none", "occasional", "repeated", "causing_injury" },
  doc = "the child's own violence towards parents or siblings" }
field "household.sibling_violence" { type = "enum", ordered = true, default = "none",
  values = { "none", "occasional", "repeated", "causing_injury" },
  doc = "a brother's or sister's violence towards this child" }

-- Legal steps already taken (Children Act 1989 s44, s46)
field "current.police_protection" { type = "boolean", worse = true, default = false,
  doc = "the child is or has just been in police protection (s46); absent means not" }
field "current.emergency_protection_order" { type = "boolean", worse = true, default = false,
  doc = "an emergency protection order (s44) is in force or has just been made; absent means not" }

-- A carer refusing treatment the child needs
field "health.treatment_refused" { type = "enum", ordered = true, default = "none",
  values = { "none", "routine", "essential" },
  doc = "a carer refuses treatment for the child: none; routine care (e.g. immunisations, dental checks); treatment the child's health depends on" }
