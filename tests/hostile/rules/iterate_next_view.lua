-- hostile corpus: next over the case view must see the fields (a loop that
-- sees nothing would make a rule silently false)
-- expect: ok
rule "Hostile" { level = "child_protection", cite = "c", basis = "quoted", reason = "r",
  when = function(c)
    local k, v = next(c.child)
    if k ~= "dob" or v ~= "2020-01-01" then error("next over the case saw " .. tostring(k)) end
    local n = 0
    for key in next, c do n = n + 1 end
    if n < 5 then error("next, c saw " .. n .. " fields") end
    return false
  end,
}
