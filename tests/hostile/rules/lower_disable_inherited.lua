-- silent lower: a local disable removes an inherited rule; every result
-- says so, naming the inherited rule and the local cite
-- expect: visible disable 'Score of 5 or more' at lower_disable_inherited/rules.lua:4 removes the inherited rule at base/ruleset.lua:20 (cite: local policy
disable "Score of 5 or more" { cite = "local policy: scores are not used here" }
