-- hostile corpus: a hole in the levels list: the levels after it would be lost
-- expect: load rules.lua:3: levels must be a list of { id = ..., pathway = ..., label = ... }: entry 2 is missing
levels { { id = "u", pathway = "universal", label = "1" }, nil, { id = "cp", pathway = "child_protection", label = "4" } }
