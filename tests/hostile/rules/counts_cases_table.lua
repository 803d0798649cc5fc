-- hostile corpus: counts cases table
-- expect: error the table 'seen' is read-only
local seen = {}
rule "Hostile" { level = "child_protection", cite = "hostile corpus", basis = "quoted", reason = "hostile",
  when = function(c)
    if c.hostile then
      seen[#seen + 1] = c.score
      return #seen > 1
    end
    return false
  end,
}
