-- The serious case review's three findings (s1): understand the impact of
-- neglect, use professional curiosity about family history and dynamics,
-- and understand and act on the child's lived experience.

flag "Professional curiosity: family history not explored" {
  cite    = "Staffordshire serious case review (published Nov 2020), finding b: professional curiosity to understand family history and dynamics (scrutiny report 16 June 2022, s1)",
  basis   = "quoted",
  reason  = "Neglect concerns are recorded but the family's history (earlier children, siblings' plans) is not",
  when    = all {
    at_least(count("concerns"), 1),
    any {
      none { present("history.previous_children_removed") },
      none { present("history.siblings_current_plan") },
    },
  },
  actions = { "Explore and record the family's history and dynamics, with a chronology" },
}

-- A child's "wishes, feelings and lived experience" (s8) are asked of a
-- child already born: an unborn baby has none to give.
flag "The child's lived experience is not recorded" {
  cite    = "Staffordshire serious case review, finding c: the ability to understand and act upon a child's lived experience (scrutiny report 16 June 2022, s1, s8, s10)",
  basis   = "quoted",
  reason  = "Neglect concerns are recorded but none from the child's own account",
  when    = all {
    is("child.unborn", false),
    at_least(count("concerns", one_of("frequency", { "frequent", "persistent" })), 1),
    below(count("concerns", is("source", "child_account")), 1),
  },
  actions = { "Record the child's wishes, feelings and lived experience" },
}

flag "Impact of neglect on the child not understood" {
  cite    = "Staffordshire serious case review, finding a: developing understanding of the impact of neglect on children (scrutiny report 16 June 2022, s1)",
  basis   = "quoted",
  reason  = "A neglect concern is recorded without its impact on the child",
  when    = at_least(count("concerns", none { present("impact") }), 1),
  actions = { "Assess and record what the neglect means for this child's health and development" },
}
