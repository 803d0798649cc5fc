rule "Reads a field that is not there" {
  level = "early_help", cite = "Broken, 1", basis = "quoted", reason = "A misspelt field",
  when = is("household.home_condition", "squalid"),
}
