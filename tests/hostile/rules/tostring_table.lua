-- hostile corpus: tostring of a table gives a memory address, different each run
-- expect: ok
rule "Hostile" { level = "child_protection", cite = "c", basis = "quoted", reason = "r",
  when = function(c)
    for _, v in ipairs({ tostring({}), tostring(tostring), tostring(c), ("%s"):format({}),
                         string.format("%s %s", c, function() end) }) do
      if v:find("0x", 1, true) or v:find(": ", 1, true) then error("an address: " .. #v) end
    end
    return false
  end,
}
