-- hostile corpus: next over the file's globals, which shows names it does
-- not hold: refused, not an empty loop
-- expect: error shows values it does not hold
rule "Hostile" { level = "child_protection", cite = "c", basis = "quoted", reason = "r",
  when = function(c)
    if c.hostile then local n = 0; for k in pairs(_ENV) do n = n + 1 end end
    return false
  end,
}
