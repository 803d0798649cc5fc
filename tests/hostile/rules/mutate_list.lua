-- hostile corpus: mutate list
-- expect: error rules cannot change the case
rule "Hostile" { level = "child_protection", cite = "hostile corpus", basis = "quoted", reason = "hostile",
  when = function(c)
    if c.hostile then
      table.insert(c.items, { kind = "a" })
    end
    return false
  end,
}
