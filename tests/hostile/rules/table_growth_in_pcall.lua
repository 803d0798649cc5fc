-- hostile corpus: table growth in pcall
-- expect: limit memory limit
rule "Hostile" { level = "child_protection", cite = "hostile corpus", basis = "quoted", reason = "hostile",
  when = function(c)
    if c.hostile then
      local t = {}
      pcall(function() for i = 1, 1e9 do t[i] = { i } end end)
      return #t > 0
    end
    return false
  end,
}
