-- hostile corpus: pairs over the case view and a list entry must see the fields
-- expect: ok
rule "Hostile" { level = "child_protection", cite = "c", basis = "quoted", reason = "r",
  when = function(c)
    local n = 0
    for k, v in pairs(c.child) do n = n + 1 end
    for k, v in pairs(c.items[1]) do n = n + 1 end
    for i, v in ipairs(c.items) do n = n + 1 end
    if n ~= 3 then error("iteration saw " .. n .. " entries, not 3") end
    return false
  end,
}
