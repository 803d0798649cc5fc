-- hostile corpus: a rule replaces a frozen table upvalue with its own table
-- expect: ok
local seen = {}
rule "Hostile" { level = "child_protection", cite = "hostile corpus", basis = "quoted", reason = "hostile",
  when = function(c)
    if c.hostile then seen = { hit = true } end
    return seen.hit == true
  end,
}
