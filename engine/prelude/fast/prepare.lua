-- prelude/fast/prepare.lua -- the one switch that turns every fast path on,
-- before an engine's second evaluation: conditions compiled, the schema's
-- checkers made, the schema handed to the host's reader, the rule set
-- inlined.

local host, need = ...
local ipairs =
  ipairs
local set_case_schema =
  host.set_case_schema
local cond = need "cond"
local is_cond =
  cond.is_cond
local facts = need "facts"
local root_node =
  facts.root_node
local checkers = need "fast/checkers"
local link_checkers =
  checkers.link_checkers
local compiler = need "fast/compile"
local compile, compile_leaves, compile_expr =
  compiler.compile, compiler.compile_leaves, compiler.compile_expr
local inliner = need "fast/inline"
local inline_set =
  inliner.inline_set
local why = need "fast/why_not"
local compile_why_not =
  why.compile_why_not
local R      -- the registry in force (declare.use_registry)
need("declare").on_registry(function(r) R = r end)

local M = {}

-- How many inlined declarations and facts the last evaluation through the
-- inlined rule set sent the general way (a value they read was not
-- recorded), or nil; for tests that the fast path is taken.
function M.last_slow() return R.last_slow end

-- The fast paths: the schema's checkers and the inlined rule set, both
-- generated Lua, and the schema handed to the host's reader, which checks
-- a case as it reads it and gives a case it passes the root node. The host asks for them before the second evaluation, so
-- a single evaluation (a command's start-up) does without the cost of
-- making them; the general ways give the same results.
function M.prepare()
  if R.prepared then return end
  R.prepared = true
  -- Data conditions compiled into closures, once: until now (an engine's
  -- first evaluation) they were interpreted, which gives the same answer,
  -- so evaluating one case does not pay for compiling them all.
  for _, d in ipairs(R.merged) do
    local w = d.kind == "fact" and d.spec.when or d.when
    if (d.kind == "rule" or d.kind == "flag" or d.kind == "fact") and is_cond(w) then
      d.compiled = compile(w, R.facts)
      if d.kind == "rule" then d.leaves = compile_leaves(w, R.facts) end   -- for why-not
    elseif d.kind == "fact" and d.expr then
      d.compiled_expr = compile_expr(d.expr, R.facts)
    end
  end
  link_checkers(R)
  set_case_schema(R.root, root_node())
  inline_set()
  compile_why_not()             -- after inline_set, which gives leaves their slots
end

return M
