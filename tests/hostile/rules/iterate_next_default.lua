-- hostile corpus: next over an absent list that has a default (empty): nothing,
-- correctly
-- expect: ok
rule "Hostile" { level = "child_protection", cite = "c", basis = "quoted", reason = "r",
  when = function(c)
    if next(c.others) ~= nil then error("next over an empty default saw something") end
    return false
  end,
}
