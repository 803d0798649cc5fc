-- Level 2: the Early Help Assessment and the Team Around the Family
-- (strategy, "The role of early help" and objective 2a). Core's early help
-- rules apply unchanged; the flag below adds the county's pathway to them.

flag "Early help: Early Help Assessment and Team Around the Family" {
  cite    = "Northamptonshire Multi-Agency Neglect Strategy 2015-2017, objective 2a: the pathway into targeted early help via an Early Help Assessment and Team Around the Family",
  basis   = "quoted",
  reason  = "Neglect concerns at early help level: the county's early help pathway applies",
  when    = all {
    suggestion_is("level_2"),
    any {
      fired("Repeated neglect with some impact"),
      fired("Neglect across several areas of care"),
      fired("Repeated missed health appointments"),
    },
  },
  actions = { "Complete an Early Help Assessment (EHA)",
              "Co-ordinate support through a Team Around the Family" },
}
