-- hostile corpus: plain find of a 512 KiB needle in 1 MiB (quadratic in a naive search)
-- expect: ok
local hay = string.rep("a", 1 << 20)
local needle = string.rep("a", 1 << 19) .. "b"
rule "Hostile" { level = "child_protection", cite = "c", basis = "quoted", reason = "r",
  when = function(c)
    if c.hostile then return hay:find(needle, 1, true) ~= nil end
    return false
  end,
}
