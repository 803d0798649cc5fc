-- a plain find done in C must still give the positions Lua gives
-- expect: ok
rule "Hostile" { level = "child_protection", cite = "c", basis = "quoted", reason = "r",
  when = function(c)
    local s = "abcabc"
    local a, b = s:find("bc")
    local d, e = s:find("bc", 3)
    local f = s:find("", 10)
    local g, h = s:find("", 7)
    local i = s:find("c", -1)
    local j = s:find("%a")
    if a ~= 2 or b ~= 3 or d ~= 5 or e ~= 6 or f ~= nil or g ~= 7 or h ~= 6 or i ~= 6 or j ~= nil then
      error("find gave other positions")
    end
    return false
  end,
}
