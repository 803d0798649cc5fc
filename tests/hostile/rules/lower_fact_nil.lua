-- silent lower: a fact function that returns nil is unknown (the rule
-- undetermined, the fact named as missing), never a false condition
-- expect: undetermined "missing":["hostile_nil"]
fact "hostile_nil" { value = function(c) if c.hostile then return nil end return 1 end }
rule "Hostile" { level = "child_protection", cite = "c", basis = "quoted", reason = "r", when = at_least("hostile_nil", 100) }
