-- hostile corpus: writing through a string's metatable
-- expect: error index a string value
rule "Hostile" { level = "child_protection", cite = "hostile corpus", basis = "quoted", reason = "hostile",
  when = function(c)
    if c.hostile then local s = ""; s.upper = function() return "X" end end
    return ("x"):upper() ~= "X"
  end,
}
