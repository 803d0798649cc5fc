-- hostile corpus: pairs and ipairs over a list in the case must see its entries
-- expect: ok
rule "Hostile" { level = "child_protection", cite = "c", basis = "quoted", reason = "r",
  when = function(c)
    local n = 0
    for i, e in pairs(c.items) do n = n + 1 end
    for i, e in ipairs(c.items) do n = n + 1 end
    if n ~= 2 or #c.items ~= 1 then error("iteration over a list saw " .. n) end
    return false
  end,
}
