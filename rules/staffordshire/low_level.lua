-- Low-level neglect and its cumulative impact: a priority of the
-- partnership since the review (s3), to be identified early and supported
-- at the earliest opportunity (s5, s15). Core does not count occasional
-- concerns; Staffordshire counts them when they add up across areas of the
-- child's care and are already affecting the child. "Across two or more
-- areas" is the set's reading of "cumulative"; the report gives no count.

rule "Low-level neglect with a cumulative impact" {
  level   = "tier_2",
  cite    = "Staffordshire scrutiny report, 16 June 2022, s3: neglect, including the impact of low-level neglect on children and families, is a partnership priority; s15: support families at the earliest opportunity",
  basis   = "judgement",
  why     = "the report makes low-level neglect a priority without a test; 'cumulative' read as concerns with an impact in two or more areas of care",
  reason  = "Concerns about the child's care, even if only occasional, are recorded in two or more areas and are affecting the child",
  when    = at_least_n_of(2, {
    at_least(count("concerns", all { is("subtype", "physical"), is_not("impact", "none") }), 1),
    at_least(count("concerns", all { is("subtype", "nutritional"), is_not("impact", "none") }), 1),
    at_least(count("concerns", all { is("subtype", "medical"), is_not("impact", "none") }), 1),
    at_least(count("concerns", all { is("subtype", "emotional"), is_not("impact", "none") }), 1),
    at_least(count("concerns", all { is("subtype", "educational"), is_not("impact", "none") }), 1),
    at_least(count("concerns", all { is("subtype", "supervision"), is_not("impact", "none") }), 1),
  }),
  actions = { "Offer early help and complete a GCP2 assessment to understand the cumulative impact" },
}
