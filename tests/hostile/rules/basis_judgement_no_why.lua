-- hostile corpus: a judgement without its one line of why is refused
-- expect: load rules.lua:3: rule 'Unexplained judgement': basis = "judgement" needs why = "..."
rule "Unexplained judgement" { level = "early_help", cite = "c", basis = "judgement", reason = "r",
  when = is("score", 1) }
