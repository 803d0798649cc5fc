-- hostile corpus: next over a frozen table of tables sees them, read-only
-- expect: error read-only
local groups = { g = { "x", "y" } }
rule "Hostile" { level = "child_protection", cite = "c", basis = "quoted", reason = "r",
  when = function(c)
    local k, v = next(groups)
    if k ~= "g" or #v ~= 2 then error("next over frozen nested saw " .. tostring(k)) end
    if c.hostile then v[3] = "z" end
    return false
  end,
}
