-- prelude/fast/why_not.lua -- why-not's outcomes compiled: for each level,
-- one generated function that tests every leaf of every rule at that
-- level, in explain's order, and gives each rule's outcome key as
-- explain's outcome_of would (a digit per leaf: 0 held, 1 failed, 2
-- unknown), or false where it gives none. A leaf that reads a value the
-- inlined chunk kept (its slot in ctx.values, fast/inline) is tested here
-- on that value; any other leaf, and any value not there or not of the
-- kind compared, calls the leaf's compiled closure, which decides it.

local _, need = ...
local ipairs, load, error =
  ipairs, load, error
local sfmt, tconcat =
  string.format, table.concat
local util = need "util"
local literal =
  util.literal
local inline = need "fast/inline"
local INLINE_COMPARE =
  inline.INLINE_COMPARE
local explain = need "explain"
local at_level, MAX_KEY_LEAVES =
  explain.at_level, explain.MAX_KEY_LEAVES
local R      -- the registry in force (declare.use_registry)
need("declare").on_registry(function(r) R = r end)

local M = {}

-- Code that sets r to the leaf's answer; t: its closure's index in T.
local function leaf_code(out, leaf, t, sets)
  local n, slot = leaf.node, leaf.slot
  local closure = sfmt("r = T[%d](env)", t)
  if slot == nil then out[#out + 1] = closure return end
  local op = n.op
  out[#out + 1] = sfmt("x = V[%d]", slot)
  if op == "is" or op == "is_not" then
    local v = literal(n.v)
    if v == nil then out[#out + 1] = closure return end
    out[#out + 1] = sfmt("if x == nil then %s else r = x %s %s end", closure,
                         op == "is" and "==" or "~=", v)
  elseif op == "one_of" then
    sets[#sets + 1] = n.set
    out[#out + 1] = sfmt("if x == nil then %s else r = S[%d][x] == true end", closure, #sets)
  else                                  -- a comparison: a list compares its length
    local test = op == "between"
      and sfmt("v >= %s and v <= %s", literal(n.lo), literal(n.hi))
      or sfmt("v %s %s", INLINE_COMPARE[op], literal(n.n))
    out[#out + 1] = sfmt("if type(x) == 'number' then local v = x r = %s elseif type(x) == 'table'" ..
                         " then local v = #x r = %s else %s end", test, test, closure)
  end
end

-- The function for level lv, or nil when no rule there has leaves.
local function keys_function(lv)
  local out, tests, sets, any = {}, {}, {}, false
  for j, d in ipairs(at_level(lv)) do
    local leaves = d.kind == "rule" and d.lv == lv and d.leaves
    if leaves and #leaves > MAX_KEY_LEAVES then
      out[#out + 1] = sfmt("K[%d] = false", j)
    elseif leaves then
      any = true
      out[#out + 1] = "key = 0"
      for _, leaf in ipairs(leaves) do
        tests[#tests + 1] = leaf.test
        leaf_code(out, leaf, #tests, sets)
        out[#out + 1] = leaf.plain
          and "if r == true then key = key * 3 elseif r == false then key = key * 3 + 1" ..
              " else key = key * 3 + 2 end"
          or sfmt("if r == true then key = key * 3 elseif r == false then key = key * 3 + 1" ..
                  " else K[%d] = false goto n%d end", j, j)
      end
      out[#out + 1] = sfmt("K[%d] = key ::n%d::", j, j)
    end
  end
  if not any then return nil end
  local text = tconcat({ "local type, T, S, K = ...",
    "return function(env, V)", "local x, r, key", tconcat(out, "\n"), "return K end" }, "\n")
  local chunk, err = load(text, "=(why-not, compiled)", "t", {})
  if not chunk then error("internal error compiling why-not: " .. err, 0) end
  return chunk(type, tests, sets, {})
end

-- R.why_keys[lv]: the function for each level a why-not may explain.
function M.compile_why_not()
  local by = {}
  for _, lv in ipairs(R.levels) do
    if lv.used then by[lv] = keys_function(lv) end
  end
  R.why_keys = by
end

return M
