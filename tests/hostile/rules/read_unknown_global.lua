-- hostile corpus: read unknown global
-- expect: error unknown name 'undefined_name'
rule "Hostile" { level = "child_protection", cite = "hostile corpus", basis = "quoted", reason = "hostile",
  when = function(c)
    if c.hostile then
      return undefined_name == nil
    end
    return false
  end,
}
