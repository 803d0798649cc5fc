-- prelude/init.lua -- the rule language of threshold, and the evaluator
-- behind it: the API table the host calls (engine/prelude.c keeps it).
--
-- The host runs the modules of engine/prelude/ in the Makefile's order
-- (PRELUDE_MODULES), each with the host's table and need(name); this one
-- runs last. Rule files get a separate, allow-listed environment
-- (sandbox): they never see the modules, the debug library or the real
-- global table.
--
-- Vocabulary: a *declaration* is one `kind "name" { ... }` call in a rule
-- file (declare, load); a *condition* is data built by helpers (all, is,
-- at_least, ...) or a function(c) (cond); *unknown* is the third truth
-- value of a condition that needs a fact the case does not record
-- (logic); a *fact* is a named value computed from the case (facts).

local _, need = ...
local load, prepare, evaluate, testing, lint, doc =
  need "load", need "fast/prepare", need "evaluate", need "testing", need "lint", need "doc"

-- Every module has taken what it uses of the string library: from here
-- on, any string reaches only the hardened one.
need("sandbox").harden_strings()

return {
  -- loading (rules.c)
  read_manifest = load.read_manifest,
  load_sources = load.load_sources,
  prepare = prepare.prepare,
  -- evaluating (eval.c; a limit's report, sandbox.c)
  evaluate = evaluate.evaluate,
  evaluate_flat = evaluate.evaluate_flat,
  current = evaluate.current,
  field_type = evaluate.field_type,
  schema = evaluate.schema,
  last_slow = prepare.last_slow,
  -- tests beside the rules (testrun.c)
  load_tests = testing.load_tests,
  test_count = testing.test_count,
  test_info = testing.test_info,
  run_test = testing.run_test,
  coverage = testing.coverage,
  -- a rule author's check of the loaded set (lint.c)
  lint = lint.lint,
  -- the loaded set as a document for a policy lead (doc.c)
  doc = doc.doc,
}
