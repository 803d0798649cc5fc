-- hostile corpus: a function two tables down keeps a case's score in its
-- own upvalue table
-- expect: error read-only
local lib
do
  local memo = {}
  lib = { inner = { remember = function(v) if v then memo.v = v end return memo.v end } }
end
rule "Hostile" { level = "child_protection", cite = "hostile corpus", basis = "quoted", reason = "hostile",
  when = function(c) return lib.inner.remember(c.hostile and c.score or nil) ~= nil end }
