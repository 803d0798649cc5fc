-- hostile corpus: an _ENV upvalue whose nested table keeps a case's score
-- expect: error read-only
local function make()
  local _ENV = { seen = { } }
  return function(c)
    if c.hostile then seen.score = c.score end
    return seen.score ~= nil
  end
end
rule "Hostile" { level = "child_protection", cite = "hostile corpus", basis = "quoted", reason = "hostile", when = make() }
