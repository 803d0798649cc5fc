-- hostile corpus: deep recursion
-- expect: error stack overflow
rule "Hostile" { level = "child_protection", cite = "hostile corpus", basis = "quoted", reason = "hostile",
  when = function(c)
    if c.hostile then
      local function f(n) return f(n + 1) + 1 end
      return f(1)
    end
    return false
  end,
}
