-- hostile corpus: fired self
-- expect: error depends on itself
rule "Self" { level = "child_protection", cite = "c", reason = "r", when = all { is("hostile", true), fired("Self") } }
