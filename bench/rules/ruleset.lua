-- The benchmark rule set of shared/bench/SPEC.md (spec version 1), written
-- in threshold's rule language so the engine can be measured against
-- json-rules-engine and ZEN on the same 43 rules. It is a benchmark, not
-- practice guidance: SPEC.md says its cut-offs are plausible, not
-- authoritative. Rule names and levels are the spec's.
ruleset {
  id      = "rules",
  title   = "Benchmark: neglect threshold (shared/bench/SPEC.md, version 1)",
  version = "spec-1",
  sources = { "shared/bench/SPEC.md, spec version 1" },
  files   = { "schema.lua", "derived.lua", "rules.lua" },
}
