-- silent lower: a fact computed from a fact that returned nil
-- expect: undetermined "missing":["hostile_nil"]
fact "hostile_nil" { value = function(c) if c.hostile then return nil end return 1 end }
fact "hostile_double" { value = function(c) return c.hostile_nil * 2 end }
rule "Hostile" { level = "child_protection", cite = "c", basis = "quoted", reason = "r", when = at_least("hostile_double", 100) }
