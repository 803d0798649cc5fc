-- hostile corpus: global assign
-- expect: load cannot create or change the global 'counter'
counter = 0
