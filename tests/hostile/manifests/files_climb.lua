-- hostile manifest: a file name that climbs out of the set
-- expect: load files_climb/ruleset.lua:3: ruleset: files entry 1 must be a file name
ruleset { id = "files_climb", extends = "base", files = { "../base/ruleset.lua" } }
