-- Staffordshire: the partnership's response to neglect after the serious
-- case review into the deaths of four children in a house fire in 2019
-- (report to Safeguarding Overview and Scrutiny Committee, 16 June 2022).
--
-- Inherited from core unchanged: the schema, the definition and sub-types,
-- the threshold rules, the statutory timescales and the drift, sibling and
-- toxic trio flags. Staffordshire adds its tiers, GCP2 at every tier, low-
-- level neglect, the review's learning and its focus on infants.
ruleset {
  id      = "staffordshire",
  title   = "Staffordshire: neglect, including low-level neglect, and the learning from a serious case review",
  version = "2022-06",
  extends = "core",
  sources = {
    "Staffordshire County Council, Safeguarding Overview and Scrutiny Committee, 16 June 2022: Neglect (004)",
  },
  files = { "levels.lua", "gcp2.lua", "low_level.lua", "infants.lua", "learning.lua" },
}
