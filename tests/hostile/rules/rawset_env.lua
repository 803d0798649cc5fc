-- hostile corpus: rawset env
-- expect: load unknown name 'rawset'
rawset(_ENV, "io", {})
