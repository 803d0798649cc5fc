-- hostile corpus: string.unpack reached through a string method
-- expect: error unpack
rule "Hostile" { level = "child_protection", cite = "c", basis = "quoted", reason = "r",
  when = function(c)
    if c.hostile then return ("i4"):unpack("abcd") == 0 end
    return false
  end,
}
