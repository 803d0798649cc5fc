levels {                                                                  -- check: level_without_rule
  { id = "l1", pathway = "universal", label = "Level 1" },
  { id = "l2", pathway = "early_help", label = "Level 2" },
  { id = "l2b", pathway = "early_help", label = "Level 2b: nothing suggests it" },
  { id = "l3", pathway = "child_in_need", label = "Level 3" },
  { id = "l4", pathway = "child_protection", label = "Level 4" },
}
