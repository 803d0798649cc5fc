-- hostile corpus: sort bad comparator
-- expect: error invalid order function
rule "Hostile" { level = "child_protection", cite = "hostile corpus", basis = "quoted", reason = "hostile",
  when = function(c)
    if c.hostile then
      local t = {}
      for i = 1, 100 do t[i] = i end
      table.sort(t, function(a, b) return true end)
      return true
    end
    return false
  end,
}
