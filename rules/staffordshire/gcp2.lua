-- GCP2 is adopted across the partnership and should be used in
-- assessments at every tier, including for low-level neglect (s5, s6, s14).

override "Neglect concerns without a Graded Care Profile" {
  cite    = "Staffordshire scrutiny report, 16 June 2022, s5-6, s14: the partnership implements Graded Care Profile 2 (GCP2); its use in assessments needs to improve across all tiers",
  basis   = "quoted",
  reason  = "Neglect concerns are recorded but no Graded Care Profile 2 assessment is",
  when    = all {
    below(count("tools", is("tool", "gcp2_nspcc")), 1),
    at_least(count("concerns", is_not("impact", "none")), 1),
  },
  actions = { "Complete a Graded Care Profile 2 (GCP2) assessment" },
}
