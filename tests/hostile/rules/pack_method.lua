-- hostile corpus: string.pack reached through a string method
-- expect: error pack
rule "Hostile" { level = "child_protection", cite = "c", basis = "quoted", reason = "r",
  when = function(c)
    if c.hostile then return ("i4"):pack(1) == "" end
    return false
  end,
}
