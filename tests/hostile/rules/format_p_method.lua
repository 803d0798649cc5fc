-- hostile corpus: %p through a string method, with a flag and width
-- expect: error %p
rule "Hostile" { level = "child_protection", cite = "c", basis = "quoted", reason = "r",
  when = function(c)
    if c.hostile then return ("%-20p"):format({}) == "" end
    return false
  end,
}
