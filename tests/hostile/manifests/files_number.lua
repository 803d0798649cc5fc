-- hostile manifest: a number among the file names
-- expect: load files_number/ruleset.lua:3: ruleset: files entry 1 must be a file name
ruleset { id = "files_number", extends = "base", files = { 7 } }
