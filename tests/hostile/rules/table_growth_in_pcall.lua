-- hostile corpus: table growth in pcall
-- expect: limit memory limit|the time limit of 1000 ms was reached
-- The memory limit stops it in under half a second; a build with
-- sanitizers runs two to three times slower and may reach the time limit
-- first. Either way the evaluation stops, the limit named.
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
