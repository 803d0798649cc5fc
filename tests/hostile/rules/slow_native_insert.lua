-- hostile corpus: slow native insert
-- expect: limit time limit
rule "Hostile" { level = "child_protection", cite = "hostile corpus", basis = "quoted", reason = "hostile",
  when = function(c)
    if c.hostile then
      local t = {}
      for i = 1, 1e6 do t[i] = i end
      for i = 1, 1e9 do table.insert(t, 1, i) end
    end
    return false
  end,
}
