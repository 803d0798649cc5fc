-- hostile corpus: next over a list in the case view, and over its entry
-- expect: ok
rule "Hostile" { level = "child_protection", cite = "c", basis = "quoted", reason = "r",
  when = function(c)
    local i, e = next(c.items)
    if i ~= 1 then error("next over a list saw " .. tostring(i)) end
    local k, v = next(e)
    if k ~= "kind" or v ~= "a" then error("next over a list entry saw " .. tostring(k)) end
    return false
  end,
}
