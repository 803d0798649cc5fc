-- hostile corpus: text.contains with a long needle over a long haystack
-- expect: ok
local hay = string.rep("ab", 1 << 19)
local needle = string.rep("ab", 1 << 18) .. "c"
rule "Hostile" { level = "child_protection", cite = "c", basis = "quoted", reason = "r",
  when = function(c)
    if c.hostile then return text.contains(hay, needle) or string.find(hay, needle, 7) ~= nil end
    return false
  end,
}
