-- silent lower: a local override lowers an inherited rule's level
-- expect: visible override 'Score of 5 or more' at lower_override_level/rules.lua:3 lowers from early_help to universal the inherited rule at base/ruleset.lua:20 (cite: local reading
override "Score of 5 or more" { cite = "local reading of level 1", basis = "quoted", level = "universal" }
