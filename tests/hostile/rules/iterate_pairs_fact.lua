-- hostile corpus: pairs over a table a fact gave (a view of the case, shown
-- again through the case view) must see its entries
-- expect: ok
fact "hostile_child" { value = function(c) return c.child end }
rule "Hostile" { level = "child_protection", cite = "c", basis = "quoted", reason = "r",
  when = function(c)
    local n = 0
    for k, v in pairs(c.hostile_child) do n = n + 1 end
    if n ~= 1 or #c.hostile_child ~= 0 then error("pairs over a fact's table saw " .. n) end
    return false
  end,
}
