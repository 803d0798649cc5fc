-- The set every hostile rule file extends: four levels and a small schema.
-- A case with hostile = true makes a hostile rule misbehave; the next case
-- (hostile = false) must then evaluate normally.
ruleset { id = "base", version = "hostile" }

levels {
  { id = "universal", pathway = "universal", label = "Level 1" },
  { id = "early_help", pathway = "early_help", label = "Level 2" },
  { id = "child_in_need", pathway = "child_in_need", label = "Level 3" },
  { id = "child_protection", pathway = "child_protection", label = "Level 4" },
}
field "hostile" { type = "boolean" }
field "score" { type = "integer" }
field "child" { type = "object" }
field "child.dob" { type = "date" }
field "items" { type = "array", of = "object", default = {} }
field "items[].kind" { type = "enum", values = { "a", "b" } }
field "others" { type = "array", of = "string", default = {} }   -- never in the cases: always its default

rule "Score of 5 or more" { level = "early_help", cite = "base", basis = "quoted", reason = "base",
  when = at_least("score", 5) }
flag "Score of 9 or more" { cite = "base", basis = "quoted", reason = "base", when = at_least("score", 9) }
