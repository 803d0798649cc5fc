-- Thresholds & Pathways levels 1-4. The strategy places the Early Help
-- Assessment and Team Around the Family at targeted early help (objective
-- 2a) and "Social Care staff and other practitioners operating at levels
-- 3 and 4" (objective 2a), so level 3 is taken as child in need and level
-- 4 as child protection.
levels {
  { id = "level_1", pathway = "universal", label = "Level 1: Universal" },
  { id = "level_2", pathway = "early_help",
    label = "Level 2: Early help (Early Help Assessment, Team Around the Family)" },
  { id = "level_3", pathway = "child_in_need", label = "Level 3: Children's social care, child in need" },
  { id = "level_4", pathway = "child_protection", label = "Level 4: Child protection" },
}
