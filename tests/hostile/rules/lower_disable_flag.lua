-- silent lower: a local disable removes an inherited flag (an alert such
-- as drift or a statutory timescale); every result says so, naming the
-- inherited flag and the local cite
-- expect: visible disable 'Score of 9 or more' at lower_disable_flag/rules.lua:5 removes the inherited flag at base/ruleset.lua:22 (cite: local policy
disable "Score of 9 or more" { cite = "local policy: no alert for high scores" }
