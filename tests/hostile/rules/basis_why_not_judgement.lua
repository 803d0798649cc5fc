-- hostile corpus: a why on a quoted rule would pass a reading off as the document's words
-- expect: load rules.lua:3: rule 'Quoted with why': why is for basis = "judgement"
rule "Quoted with why" { level = "early_help", cite = "c", basis = "quoted", why = "w", reason = "r",
  when = is("score", 1) }
