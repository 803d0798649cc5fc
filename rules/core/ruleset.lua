-- core: the England-wide baseline every local rule set extends.
ruleset {
  id      = "core",
  title   = "England baseline: neglect definition, GCP2 grading, statutory timescales",
  version = "2026.11",
  sources = {
    "Working Together to Safeguard Children 2015, glossary (neglect), as quoted in Peterborough City Council, report to scrutiny, 14 Nov 2016, s4.4",
    "Northamptonshire Multi-Agency Neglect Strategy 2015-2017 (six sub-types of neglect)",
    "Graded Care Profile (Srivastava & Polnay) grade descriptors; NSPCC GCP2",
    "Working Together to Safeguard Children: statutory timescales for referral, assessment and child protection conferences",
  },
  files = { "levels.lua", "schema.lua", "schema_harm.lua", "schema_family.lua", "calendar.lua",
            "definitions.lua", "gcp2.lua", "thresholds.lua", "harm.lua", "family.lua",
            "cumulative.lua", "plans.lua", "timescales.lua", "drift.lua" },
}
