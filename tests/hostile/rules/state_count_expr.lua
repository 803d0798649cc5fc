-- hostile corpus: a count(...) value expression held in a local, changed
-- expect: error read-only
local n_items = count("items")
rule "Hostile" { level = "child_protection", cite = "hostile corpus", basis = "quoted", reason = "hostile",
  when = function(c)
    if c.hostile then n_items.path = "changed" end
    return n_items.path == "changed"
  end,
}
rule "Items" { level = "early_help", cite = "c", basis = "quoted", reason = "r", when = at_least(n_items, 5) }
