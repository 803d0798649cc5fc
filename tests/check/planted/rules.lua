field "planted_grade" { type = "integer", min = 1, max = 4, doc = "a grade for the tables below" }
field "planted_flag" { type = "boolean" }

rule "Home conditions poor" { -- check: untested no_near_miss
  level = "early_help", cite = "Planted, 1", basis = "quoted", reason = "The home is in a poor state",
  when = is("household.home_conditions", "poor"),                         -- check: not_a_value
}

rule "Attendance compared with a word" {
  level = "early_help", cite = "Planted, 2", basis = "quoted", reason = "Attendance",
  when = is("school.attendance_pct", "low"),                              -- check: wrong_type
}

rule "Home conditions compared with a number" {
  level = "early_help", cite = "Planted, 3", basis = "quoted", reason = "Home",
  when = one_of("household.home_conditions", { "squalid", 3 }),           -- check: wrong_type
}

rule "A date that is not a date" {
  level = "early_help", cite = "Planted, 4", basis = "quoted", reason = "Dates",
  when = is("child.dob", "last spring"),                                  -- check: wrong_type
}

rule "Attendance above its range" {
  level = "early_help", cite = "Planted, 5", basis = "quoted", reason = "Attendance",
  when = at_least("school.attendance_pct", 120),                          -- check: out_of_range
}

rule "A count of concerns of a subtype that does not exist" {
  level = "early_help", cite = "Planted, 6", basis = "quoted", reason = "Counting",
  when = at_least(count("concerns", is("subtype", "hunger")), 1),          -- check: not_a_value
}

rule "A function reading a field the schema lacks" {
  level = "child_in_need", cite = "Planted, 7", basis = "quoted", reason = "Function",
  when = function(c)
    if c.household.home_condition == "squalid" then return true end      -- check: unknown_field
    return c.child.unborn and c.child.expected_delivry ~= nil             -- check: unknown_field
  end,
}

rule "A function reading real fields" {
  level = "child_in_need", cite = "Planted, 8", basis = "quoted", reason = "Function",
  -- c.not_a_field in a comment is not read
  when = function(c) return c.household.home_conditions == "dangerous" and c.age_months < 12 end,
}

rule "A placeholder citation" {                                           -- check: missing_cite shadowed_rule
  level = "early_help", cite = "TODO", basis = "quoted", reason = "Planted reason",
  when = is("planted_flag", true),
}

rule "A blank reason" {                                                   -- check: missing_reason
  level = "early_help", cite = "Planted, 9", basis = "quoted", reason = "   ",
  when = is("planted_flag", false),
}

decision_table "A table with a gap" {                                     -- check: table_gap
  cite = "Planted, 10", basis = "quoted", reason = "Grades",
  inputs = { "planted_grade", "planted_flag" },
  rows = {
    { "1..2", "-", "universal" },
    { 3, true, "early_help" },
    { 4, "-", "child_in_need" },
  },
}

decision_table "A table with an overlap" {                                -- check: table_overlap
  cite = "Planted, 11", basis = "quoted", reason = "Grades",
  inputs = { "planted_grade" },
  rows = {
    { "1..3", "universal" },
    { ">= 3", "early_help" },
  },
}

decision_table "A first-hit table with a masked row" {                    -- check: masked_row
  cite = "Planted, 12", basis = "quoted", reason = "Grades",
  hit = "first",
  inputs = { "planted_grade", "planted_flag" },
  rows = {
    { "-", true, "early_help" },
    { ">= 2", "-", "child_in_need" },
    { 3, true, "child_protection" },
    { "-", "-", "universal" },
  },
}

override "Injury to a baby who is not mobile" {                           -- check: lowers_inherited judgement
  level = "child_in_need",
  basis = "judgement", why = "a planted change for the check test",
  cite = "Planted, 13: a lowering a reviewer must see",
}

disable "Unexplained injury" { cite = "Planted, 14: a removal a reviewer must see" } -- check: removes_inherited

disable "Abuse causing significant harm" { cite = "  " }                 -- check: removes_inherited missing_cite

override "Harsh parenting impairing the child" {                          -- check: replaces_condition judgement
  when = is("planted_flag", true),
  basis = "judgement", why = "a planted change for the check test",
  cite = "Planted, 15: a narrower condition",
}

-- No finding: the otherwise row says what the table suggests in its gap.
decision_table "A table with an otherwise row" {
  cite = "Planted, 16", basis = "quoted", reason = "Grades",
  inputs = { "planted_grade" },
  rows = {
    { "1..2", "universal" },
    { 4, "child_in_need" },
    { "otherwise", "-", reason = "Grade 3 is not graded by this table" },
  },
}

-- Rules that another at the same or a higher level always shadows, and
-- near misses the implication must not claim.
field "planted_moves" { type = "integer", min = 0, max = 50, doc = "a count for the shadowing rules" }
field "planted_alarm" { type = "boolean", doc = "a yes/no for the shadowing rules" }
field "planted_kind" { type = "enum", values = { "a", "b", "c" }, doc = "an unordered value" }

rule "Moves: three or more" {
  level = "child_in_need", cite = "Planted, 17", basis = "quoted", reason = "Moves",
  when = at_least("planted_moves", 3),
}

rule "Moves: five to ten, with the alarm" {                               -- check: shadowed_rule
  level = "early_help", cite = "Planted, 18", basis = "quoted", reason = "Moves",
  when = all { between("planted_moves", 5, 10), is("planted_alarm", true) },
}

rule "Kind a or b" {
  level = "early_help", cite = "Planted, 19", basis = "quoted", reason = "Kind",
  when = any { one_of("planted_kind", { "a", "b" }), at_least(count("concerns", is("subtype", "medical")), 2) },
}

rule "Kind b, or three medical concerns with significant harm" {          -- check: shadowed_rule
  level = "early_help", cite = "Planted, 20", basis = "quoted", reason = "Kind",
  when = any { is("planted_kind", "b"),
               at_least(count("concerns", all { is("subtype", "medical"), is("impact", "significant_harm") }), 3) },
}

-- Near misses: none of these is implied by a rule at its level or above.
rule "Moves: two or more, with the alarm" {
  level = "early_help", cite = "Planted, 21", basis = "quoted", reason = "Moves",
  when = all { at_least("planted_moves", 2), is("planted_alarm", true) },
}

rule "Moves: above three, at a higher level" {
  level = "child_protection", cite = "Planted, 22", basis = "quoted", reason = "Moves",
  when = above("planted_moves", 3),
}

rule "Kind b or c" {
  level = "early_help", cite = "Planted, 23", basis = "quoted", reason = "Kind",
  when = one_of("planted_kind", { "b", "c" }),
}

rule "Kind a, by a function" {
  level = "early_help", cite = "Planted, 24", basis = "quoted", reason = "Kind",
  when = function(c) return c.planted_kind == "a" end,
}

-- A graded field whose middle value a rule rates above its worst: a case
-- made worse by one step gets a lower suggestion.
field "planted_worry" { type = "enum", ordered = true, values = { "low", "mid", "high" },
  doc = "a graded field, least to most concern" }

rule "Middling worry" {                                                   -- check: not_monotone
  level = "child_in_need", cite = "Planted, 25", basis = "quoted", reason = "Worry",
  when = is("planted_worry", "mid"),
}

rule "High worry" {
  level = "early_help", cite = "Planted, 26", basis = "quoted", reason = "Worry",
  when = is("planted_worry", "high"),
}
