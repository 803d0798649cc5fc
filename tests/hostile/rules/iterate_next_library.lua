-- hostile corpus: next over a library table (a read-only copy) sees its functions
-- expect: ok
rule "Hostile" { level = "child_protection", cite = "c", basis = "quoted", reason = "r",
  when = function(c)
    local n = 0
    for k, v in next, math do n = n + 1 end
    if n < 10 then error("next over math saw " .. n) end
    return false
  end,
}
