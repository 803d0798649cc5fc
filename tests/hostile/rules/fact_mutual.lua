-- hostile corpus: fact mutual
-- expect: error fact cycle: ping -> pong -> ping
fact "ping" { value = function(c) if c.hostile then return c.pong end return 0 end }
fact "pong" { value = function(c) return c.ping end }
rule "Uses ping" { level = "child_protection", cite = "c", basis = "quoted", reason = "r", when = at_least("ping", 1) }
