-- hostile corpus: an error object that reaches itself 50 ways (walking it is 50^depth)
-- expect: error error raised with a table value and no message
local t = {}; for i = 1, 50 do t[i] = t end
rule "Hostile" { level = "child_protection", cite = "c", basis = "quoted", reason = "r",
  when = function(c) if c.hostile then error(t) end return false end,
}
