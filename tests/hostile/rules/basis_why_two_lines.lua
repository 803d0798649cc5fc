-- hostile corpus: why is one line
-- expect: load rules.lua:3: rule 'Long why': why must be one line
rule "Long why" { level = "early_help", cite = "c", basis = "judgement", why = "first\nsecond", reason = "r",
  when = is("score", 1) }
