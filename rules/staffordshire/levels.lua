-- Staffordshire's services are organised in tiers ("all tiers of service
-- delivery", s6; "tier 4 social care services", s14). Tier 4 is children's
-- social care, covering children in need and child protection; tier 3 is
-- targeted support short of social care. The report describes no case
-- that belongs at tier 3 rather than tier 2, so core's early help rules
-- suggest tier 2, the first early help tier.
levels {
  { id = "tier_1", pathway = "universal", label = "Tier 1: Universal" },
  { id = "tier_2", pathway = "early_help", label = "Tier 2: Early help" },
  { id = "tier_3", pathway = "early_help", label = "Tier 3: Targeted family support",
    doc = "The report describes no case that belongs at tier 3 rather than tier 2: no rule suggests it" },
  { id = "tier_4_cin", pathway = "child_in_need", label = "Tier 4: Children's social care, child in need" },
  { id = "tier_4_cp", pathway = "child_protection", label = "Tier 4: Children's social care, child protection" },
}
