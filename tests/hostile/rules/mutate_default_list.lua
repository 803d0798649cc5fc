-- hostile corpus: mutate default list
-- expect: error rules cannot change the case
rule "Hostile" { level = "child_protection", cite = "hostile corpus", basis = "quoted", reason = "hostile",
  when = function(c)
    if c.hostile then
      table.insert(c.others, "b")   -- others is never given: its default, an empty list
    end
    return false
  end,
}
