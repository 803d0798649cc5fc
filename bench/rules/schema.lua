-- SPEC.md section 1 (levels) and section 2 (input). Every field is always
-- present; school_attendance and cp_plan_months may be null, meaning not
-- applicable, which a comparison never counts as true (section 5).
levels {
  { id = "1", pathway = "universal", label = "1: universal" },
  { id = "2", pathway = "early_help", label = "2: early help" },
  { id = "3", pathway = "child_in_need", label = "3: child in need (s17)" },
  { id = "4", pathway = "child_protection", label = "4: child protection (s47)" },
}

field "age_months" { type = "integer", min = -9, max = 215 }
field "concerns" { type = "object" }
for _, t in ipairs({ "nutritional", "physical", "medical", "emotional", "educational", "supervision" }) do
  field("concerns." .. t) { type = "object" }
  field("concerns." .. t .. ".severity") { type = "integer", min = 0, max = 3 }
  field("concerns." .. t .. ".persistent") { type = "boolean" }
end
field "domestic_abuse" { type = "boolean" }
field "parental_substance_misuse" { type = "boolean" }
field "parental_mental_health" { type = "boolean" }
field "gcp2" { type = "object" }
for _, a in ipairs({ "physical_care", "safety", "love_and_care", "stimulation_education" }) do
  field("gcp2." .. a) { type = "integer", min = 1, max = 5 }
end
field "school_attendance" { type = "number", min = 0, max = 1, nullable = true }
field "missed_health_appointments" { type = "integer", min = 0 }
field "cp_plan_months" { type = "integer", min = 0, nullable = true }
field "previous_cp_plans_neglect" { type = "integer", min = 0 }
field "consent_to_early_help" { type = "boolean" }
field "sibling_on_cp_plan" { type = "boolean" }
field "disability" { type = "boolean" }
field "parental_engagement" { type = "enum", values = { "engaged", "partial", "none" } }
