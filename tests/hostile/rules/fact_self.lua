-- hostile corpus: fact self
-- expect: error fact cycle: loop -> loop
fact "loop" { value = function(c) if c.hostile then return c.loop end return 0 end }
rule "Uses loop" { level = "child_protection", cite = "c", basis = "quoted", reason = "r", when = at_least("loop", 1) }
