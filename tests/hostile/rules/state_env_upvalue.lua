-- hostile corpus: a function whose upvalue named _ENV is a plain table the
-- rule counts cases in (rule code can name its own _ENV)
-- expect: error read-only
local function make()
  local _ENV = { n = 0 }
  return function(c)
    if c.hostile then n = n + 1 end
    return n > 0
  end
end
rule "Hostile" { level = "child_protection", cite = "hostile corpus", basis = "quoted", reason = "hostile", when = make() }
