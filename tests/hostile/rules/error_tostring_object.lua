-- hostile corpus: error tostring object
-- expect: error unknown name 'setmetatable'
rule "Hostile" { level = "child_protection", cite = "hostile corpus", basis = "quoted", reason = "hostile",
  when = function(c)
    if c.hostile then
      error(setmetatable({}, { __tostring = function() return "boom" end }))
    end
    return false
  end,
}
