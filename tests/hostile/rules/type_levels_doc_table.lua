-- hostile corpus: a levels entry's doc is a table
-- expect: load rules.lua:3: levels entry 1: doc must be a string, got an object
levels { { id = "u", pathway = "universal", label = "1", doc = {} } }
