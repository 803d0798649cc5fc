-- hostile corpus: two closures share a counter; only one is a rule's
-- expect: ok
local inc, get
do
  local n = 0
  inc = function() n = n + 1 end
  get = function() return n end
end
local tools = { inc = inc }
rule "Hostile" { level = "child_protection", cite = "hostile corpus", basis = "quoted", reason = "hostile",
  when = function(c)
    if c.hostile then tools.inc() end
    return get() > 0
  end,
}
