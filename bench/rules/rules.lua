-- SPEC.md section 5, the 43 rules, in the spec's order. Comparisons on
-- school_attendance and cp_plan_months are false when the value is null.

rule "universal_health_follow_up" { level = "1", cite = "SPEC.md R01", basis = "quoted", reason = "Under-5 with one missed health appointment: follow up",
  when = all { between("age_months", 0, 59), is("missed_health_appointments", 1) } }

rule "nutritional_concern" { level = "2", cite = "SPEC.md R02", basis = "quoted", reason = "A nutritional concern",
  when = at_least("concerns.nutritional.severity", 1) }

rule "physical_care_concern" { level = "2", cite = "SPEC.md R03", basis = "quoted", reason = "A physical care concern",
  when = at_least("concerns.physical.severity", 1) }

rule "medical_concern" { level = "2", cite = "SPEC.md R04", basis = "quoted", reason = "A medical concern",
  when = at_least("concerns.medical.severity", 1) }

rule "emotional_concern" { level = "2", cite = "SPEC.md R05", basis = "quoted", reason = "An emotional concern",
  when = at_least("concerns.emotional.severity", 1) }

rule "educational_concern" { level = "2", cite = "SPEC.md R06", basis = "quoted", reason = "An educational concern",
  when = at_least("concerns.educational.severity", 1) }

rule "supervision_concern" { level = "2", cite = "SPEC.md R07", basis = "quoted", reason = "A supervision concern",
  when = at_least("concerns.supervision.severity", 1) }

rule "missed_health_appointments" { level = "2", cite = "SPEC.md R08", basis = "quoted", reason = "Two or more missed health appointments",
  when = at_least("missed_health_appointments", 2) }

rule "persistent_absence" { level = "2", cite = "SPEC.md R09", basis = "quoted", reason = "School attendance below 90%",
  when = below("school_attendance", 0.9) }

rule "gcp2_area_grade_3" { level = "2", cite = "SPEC.md R10", basis = "quoted", reason = "Worst GCP2 area grade is 3",
  when = is("gcp2_max", 3) }

rule "parental_risk_factor" { level = "2", cite = "SPEC.md R11", basis = "quoted", reason = "One parental risk factor",
  when = is("n_toxic", 1) }

rule "partial_engagement_with_concerns" { level = "2", cite = "SPEC.md R12", basis = "quoted", reason = "Partial engagement with concerns present",
  when = all { is("parental_engagement", "partial"), at_least("n_sev1", 1) } }

rule "nutritional_significant" { level = "3", cite = "SPEC.md R13", basis = "quoted", reason = "Significant or persistent nutritional neglect",
  when = any { at_least("concerns.nutritional.severity", 2), all { is("concerns.nutritional.severity", 1), is("concerns.nutritional.persistent", true) } } }

rule "physical_care_significant" { level = "3", cite = "SPEC.md R14", basis = "quoted", reason = "Significant physical care neglect",
  when = all { at_least("concerns.physical.severity", 2), any { is("concerns.physical.persistent", true), is("concerns.physical.severity", 3) } } }

rule "medical_significant" { level = "3", cite = "SPEC.md R15", basis = "quoted", reason = "Significant medical neglect",
  when = any { at_least("concerns.medical.severity", 2), at_least("missed_health_appointments", 4) } }

rule "emotional_significant" { level = "3", cite = "SPEC.md R16", basis = "quoted", reason = "Significant emotional neglect",
  when = all { at_least("concerns.emotional.severity", 2), any { is("concerns.emotional.persistent", true), is("domestic_abuse", true) } } }

rule "educational_significant" { level = "3", cite = "SPEC.md R17", basis = "quoted", reason = "Significant educational neglect",
  when = any { at_least("concerns.educational.severity", 2), below("school_attendance", 0.5) } }

rule "supervision_significant" { level = "3", cite = "SPEC.md R18", basis = "quoted", reason = "Significant lack of supervision of a child under 8",
  when = all { at_least("concerns.supervision.severity", 2), below("age_months", 96) } }

rule "cumulative_neglect" { level = "3", cite = "SPEC.md R19", basis = "quoted", reason = "Three or more significant concerns",
  when = at_least("n_sev2", 3) }

rule "persistent_low_level_neglect" { level = "3", cite = "SPEC.md R20", basis = "quoted", reason = "Persistent low-level neglect in two or more areas",
  when = all { at_least("n_persistent", 2), is("max_severity", 1) } }

rule "two_parental_risk_factors" { level = "3", cite = "SPEC.md R21", basis = "quoted", reason = "Two parental risk factors",
  when = is("n_toxic", 2) }

rule "gcp2_area_grade_4" { level = "3", cite = "SPEC.md R22", basis = "quoted", reason = "A GCP2 area graded 4",
  when = at_least("gcp2_n4", 1) }

rule "gcp2_multiple_areas_of_concern" { level = "3", cite = "SPEC.md R23", basis = "quoted", reason = "Three or more GCP2 areas graded 3 or worse",
  when = at_least("gcp2_n3plus", 3) }

rule "early_help_declined" { level = "3", cite = "SPEC.md R24", basis = "quoted", reason = "Early help declined with two or more concerns",
  when = all { is("consent_to_early_help", false), at_least("n_sev1", 2) } }

rule "disabled_child_unmet_care_needs" { level = "3", cite = "SPEC.md R25", basis = "quoted", reason = "A disabled child with physical or medical care concerns",
  when = all { is("disability", true), any { at_least("concerns.physical.severity", 1), at_least("concerns.medical.severity", 1) } } }

rule "parental_non_engagement" { level = "3", cite = "SPEC.md R26", basis = "quoted", reason = "No parental engagement with significant concerns",
  when = all { is("parental_engagement", "none"), at_least("max_severity", 2) } }

rule "sibling_subject_to_cp_plan" { level = "3", cite = "SPEC.md R27", basis = "quoted", reason = "A sibling is on a child protection plan",
  when = is("sibling_on_cp_plan", true) }

rule "previous_cp_plan_for_neglect" { level = "3", cite = "SPEC.md R28", basis = "quoted", reason = "A previous CP plan for neglect with current concerns",
  when = all { at_least("previous_cp_plans_neglect", 1), at_least("n_sev1", 1) } }

rule "prebirth_concern" { level = "3", cite = "SPEC.md R29", basis = "quoted", reason = "Pre-birth concern",
  when = all { below("age_months", 0), any { at_least("n_toxic", 1), at_least("concerns.medical.severity", 1) } } }

rule "nutritional_severe" { level = "4", cite = "SPEC.md R30", basis = "quoted", reason = "Severe nutritional neglect",
  when = is("concerns.nutritional.severity", 3) }

rule "physical_care_severe" { level = "4", cite = "SPEC.md R31", basis = "quoted", reason = "Severe persistent physical care neglect",
  when = all { is("concerns.physical.severity", 3), is("concerns.physical.persistent", true) } }

rule "medical_severe" { level = "4", cite = "SPEC.md R32", basis = "quoted", reason = "Severe medical neglect",
  when = all { is("concerns.medical.severity", 3), any { is("concerns.medical.persistent", true), below("age_months", 60) } } }

rule "emotional_severe" { level = "4", cite = "SPEC.md R33", basis = "quoted", reason = "Severe emotional neglect with a parental risk factor",
  when = all { is("concerns.emotional.severity", 3), at_least("n_toxic", 1) } }

rule "supervision_severe" { level = "4", cite = "SPEC.md R34", basis = "quoted", reason = "Severe lack of supervision of a child under 12",
  when = all { is("concerns.supervision.severity", 3), below("age_months", 144) } }

rule "infant_severe_concern" { level = "4", cite = "SPEC.md R35", basis = "quoted", reason = "An infant with a severe concern",
  when = all { between("age_months", 0, 11), at_least("n_sev3", 1) } }

rule "toxic_trio" { level = "4", cite = "SPEC.md R36", basis = "quoted", reason = "All three parental risk factors",
  when = is("n_toxic", 3) }

rule "parental_risk_with_significant_neglect" { level = "4", cite = "SPEC.md R37", basis = "quoted", reason = "Parental risk factors with significant neglect",
  when = all { at_least("n_toxic", 2), at_least("n_sev2", 2) } }

rule "multiple_severe_concerns" { level = "4", cite = "SPEC.md R38", basis = "quoted", reason = "Two or more severe concerns",
  when = at_least("n_sev3", 2) }

rule "gcp2_area_grade_5" { level = "4", cite = "SPEC.md R39", basis = "quoted", reason = "A GCP2 area graded 5",
  when = at_least("gcp2_n5", 1) }

rule "repeat_cp_plan_neglect" { level = "4", cite = "SPEC.md R40", basis = "quoted", reason = "Repeat CP plans for neglect with significant concerns",
  when = all { at_least("previous_cp_plans_neglect", 2), at_least("n_sev2", 1) } }

rule "legal_planning_meeting" { level = "4", cite = "SPEC.md R41", basis = "quoted", reason = "On a CP plan for 12 months or more",
  when = at_least("cp_plan_months", 12) }

rule "cp_plan_concerns_continuing" { level = "4", cite = "SPEC.md R42", basis = "quoted", reason = "Concerns continuing three months into a CP plan",
  when = all { at_least("cp_plan_months", 3), at_least("n_sev2", 1) } }

rule "prebirth_high_risk" { level = "4", cite = "SPEC.md R43", basis = "quoted", reason = "High-risk pre-birth case",
  when = all { below("age_months", 0), any { at_least("n_toxic", 2), at_least("previous_cp_plans_neglect", 1) } } }
