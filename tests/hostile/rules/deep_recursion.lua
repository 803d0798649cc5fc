-- hostile corpus: deep recursion
-- expect: error stack overflow|the time limit of 1000 ms was reached
-- Lua's stack limit stops it in about half a second; a build with
-- sanitizers runs two to three times slower and may reach the time limit
-- first. Either way the evaluation stops, the limit named.
rule "Hostile" { level = "child_protection", cite = "hostile corpus", basis = "quoted", reason = "hostile",
  when = function(c)
    if c.hostile then
      local function f(n) return f(n + 1) + 1 end
      return f(1)
    end
    return false
  end,
}
