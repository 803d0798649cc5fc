-- hostile corpus: pairs over frozen nested tables must see their entries
-- expect: ok
local t = { a = { 1, 2 }, b = 3 }
rule "Hostile" { level = "child_protection", cite = "c", basis = "quoted", reason = "r",
  when = function(c)
    local n = 0
    for k, v in pairs(t) do n = n + 1 end
    for i, v in ipairs(t.a) do n = n + 1 end
    if n ~= 4 then error("iteration saw " .. n .. " entries, not 4") end
    return false
  end,
}
