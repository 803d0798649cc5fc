-- hostile corpus: a value next gives from the view is a view too (read-only)
-- expect: error rules cannot change the case
rule "Hostile" { level = "child_protection", cite = "c", basis = "quoted", reason = "r",
  when = function(c)
    local _, e = next(c.items)
    if type(e) ~= "table" then error("next gave no entry") end
    if c.hostile then e.kind = "b" end
    return false
  end,
}
