-- Peterborough: the threshold document (Sept 2016) and the Council's and
-- Safeguarding Children Board's neglect strategies, as described to
-- scrutiny (14 Nov 2016) and in the JTAI self-assessment (June 2017).
--
-- Inherited from core unchanged: the case schema, the Working Together
-- definition and sub-types, the threshold rules (the sources describe the
-- threshold document's approach, not its descriptors), the statutory
-- timescales and the sibling, toxic trio and repeat-plan flags.
ruleset {
  id      = "peterborough",
  title   = "Peterborough: thresholds and neglect strategies",
  version = "2016-09",
  extends = "core",
  sources = {
    "Peterborough City Council, report to scrutiny: the Peterborough neglect strategy, 14 Nov 2016 (000)",
    "Peterborough summary self-assessment: children living with neglect, June 2017, ESN 23-38 (001)",
    "Peterborough Safeguarding Children Board threshold document, September 2016 (as described in 001)",
  },
  files = { "levels.lua", "schema.lua", "definitions.lua", "quality_of_care.lua",
            "drift.lua", "escalation.lua" },
}
