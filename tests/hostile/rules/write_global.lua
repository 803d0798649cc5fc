-- hostile corpus: write global
-- expect: error cannot create or change the global 'leaked'
rule "Hostile" { level = "child_protection", cite = "hostile corpus", basis = "quoted", reason = "hostile",
  when = function(c)
    if c.hostile then
      leaked = c
    end
    return false
  end,
}
