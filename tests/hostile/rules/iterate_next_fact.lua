-- hostile corpus: next over a table a fact gave (a view of the case)
-- expect: ok
fact "hostile_items" { value = function(c) return c.items end }
rule "Hostile" { level = "child_protection", cite = "c", basis = "quoted", reason = "r",
  when = function(c)
    if next(c.hostile_items) == nil then error("next over a fact's table saw nothing") end
    return false
  end,
}
