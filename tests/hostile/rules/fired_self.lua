-- hostile corpus: fired self
-- expect: error depends on itself
rule "Self" { level = "child_protection", cite = "c", basis = "quoted", reason = "r", when = all { is("hostile", true), fired("Self") } }
