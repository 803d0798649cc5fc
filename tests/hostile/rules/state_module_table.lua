-- hostile corpus: a module table whose method writes into the module
-- expect: error read-only
local M = {}
function M.note(x) M.last = x end
rule "Hostile" { level = "child_protection", cite = "hostile corpus", basis = "quoted", reason = "hostile",
  when = function(c)
    if c.hostile then M.note(c.score) end
    return M.last ~= nil
  end,
}
