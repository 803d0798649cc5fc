-- hostile corpus: no body
-- expect: load has no body
rule "Forgotten body"
