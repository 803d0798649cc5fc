-- prelude/current.lua -- the evaluation in progress: the one slot of state
-- the prelude keeps between the host's calls.
--
-- Set by evaluate (the context, and whether messages may show case
-- values) and by run's run_decl (the declaration running); read by a
-- limit's report (API.current), by get_fact, which rule functions reach
-- through the case table and so without the context, and by the words a
-- message uses for a value. Everything else is passed explicitly.

return {
  ctx = nil,            -- the context of the case being evaluated
  decl = nil,           -- the rule, flag or table being evaluated
  show_values = false,  -- explain output: messages may show case values
}
