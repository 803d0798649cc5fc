-- silent lower: a rule function reading a fact that returned nil
-- expect: undetermined "missing":["hostile_nil"]
fact "hostile_nil" { value = function(c) if c.hostile then return nil end return 1 end }
rule "Hostile" { level = "child_protection", cite = "c", basis = "quoted", reason = "r",
  when = function(c) return c.hostile_nil == 5 end }
