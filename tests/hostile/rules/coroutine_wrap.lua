-- hostile corpus: coroutine wrap
-- expect: load unknown name 'coroutine'
local co = coroutine.wrap(function() end)
