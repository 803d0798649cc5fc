-- hostile corpus: os execute
-- expect: load unknown name 'os'
os.execute("id")
