-- What Rotherham's planning changes need recorded.
field "current.plan_is_smart" { type = "boolean", worse = false,
  doc = "the plan sets specific, measurable, achievable, realistic and timed goals" }
field "current.family_recovery_programme" { type = "boolean", worse = false,
  doc = "the Family Recovery Programme is engaged with the family" }
