-- hostile corpus: a blank why is no why
-- expect: load rules.lua:3: rule 'Blank why': basis = "judgement" needs why
rule "Blank why" { level = "early_help", cite = "c", basis = "judgement", why = "   ", reason = "r",
  when = is("score", 1) }
