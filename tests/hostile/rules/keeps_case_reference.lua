-- hostile corpus: keeps case reference
-- expect: error the table 'last' is read-only
local last = {}
rule "Hostile" { level = "child_protection", cite = "hostile corpus", basis = "quoted", reason = "hostile",
  when = function(c)
    if c.hostile then
      last.case = c
    end
    return false
  end,
}
