-- Northamptonshire: the Multi-Agency Neglect Strategy 2015-2017, which
-- works within the county's Thresholds & Pathways document (levels 1-4).
--
-- Inherited from core unchanged: the case schema (plus the children's
-- centre field below), the Working Together definition, which the strategy
-- quotes, and the six sub-types, which it lists; the threshold rules (the
-- strategy cites Thresholds & Pathways but does not reproduce its
-- descriptors); the statutory timescales; the toxic trio flag; core's
-- drift flags (a year on a plan, a repeat plan for neglect), which the
-- measures of success stand beside rather than replace.
ruleset {
  id      = "northamptonshire",
  title   = "Northamptonshire: Thresholds & Pathways and the Multi-Agency Neglect Strategy",
  version = "2015-2017",
  extends = "core",
  sources = {
    "Northamptonshire Multi-Agency Neglect Strategy 2015-2017 (002)",
    "Northamptonshire Thresholds & Pathways document (levels 1-4), as referred to in the strategy",
  },
  files = { "levels.lua", "schema.lua", "early_help.lua", "tools.lua", "measures.lua", "drift.lua" },
}
