-- hostile corpus: next over a frozen table of scalars must see its entries
-- expect: ok
local codes = { a = 1, b = 2 }
rule "Hostile" { level = "child_protection", cite = "c", basis = "quoted", reason = "r",
  when = function(c)
    local n = 0
    local k, v = next(codes)
    while k ~= nil do n = n + v; k, v = next(codes, k) end
    if n ~= 3 then error("next over a frozen table summed " .. n .. ", not 3") end
    return false
  end,
}
