-- hostile manifest: a loop at the top of ruleset.lua
-- expect: load the instruction limit
while true do end
