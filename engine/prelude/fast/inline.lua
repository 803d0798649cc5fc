-- prelude/fast/inline.lua -- the rule set as one chunk. Rules and flags run
-- in declaration order, as run does, but a data condition is inlined as
-- plain two-valued Lua: when every value it reads is recorded,
-- three-valued logic gives the same answer as two-valued. Where a read
-- finds nothing, or a fact is not a plain value, or a value is of a kind
-- the inline code does not handle, the declaration goes the general way
-- (run_decl), which names what is missing. Decision tables, function
-- conditions, counts, dates and conditions on other rules always go that
-- way. Facts are computed lazily in the same order either way, so errors
-- are recorded in the same order.

local host, need = ...
local type, pairs, ipairs, error, getmetatable, rawget, load =
  type, pairs, ipairs, error, getmetatable, rawget, load
local sfmt, tsort, tconcat, tunpack, tmove =
  string.format, table.sort, table.concat, table.unpack, table.move
local NULL, new_table, read_all, set_case_plan =
  host.NULL, host.new_table, host.read_all, host.set_case_plan
local util = need "util"
local literal, NONE, dedup_sorted =
  util.literal, util.NONE, util.dedup_sorted
local cond = need "cond"
local EXPR, is_cond =
  cond.EXPR, cond.is_cond
local facts = need "facts"
local NO_VALUE, fact_memo =
  facts.NO_VALUE, facts.fact_memo
local schema = need "schema"
local missing_field =
  schema.missing_field
local run = need "run"
local run_decl =
  run.run_decl
local logic = need "logic"
local GROUP_STOP, DATE_TEST, date_answer =
  logic.GROUP_STOP, logic.DATE_TEST, logic.date_answer
local R      -- the registry in force (declare.use_registry)
need("declare").on_registry(function(r) R = r end)

local M = {}

-- The comparisons as Lua operators, for generated code (fast/why_not too).
local INLINE_COMPARE = { at_least = ">=", at_most = "<=", above = ">", below = "<" }

local inline_set
do
  -- Shared statuses for declarations the inline code decided: nothing
  -- missing, nothing read for explain (inline code never runs explaining).
  local DECIDED = { [true] = { result = true, missing = NONE },
                    [false] = { result = false, missing = NONE } }

  -- A list the case does not record, read as its default (an empty list)
  -- as the general way reads it: kept in the case and named in the
  -- result's warnings (schema.missing_field); nil where its parent is not
  -- an object of the case.
  local function list_default(t, k)
    if type(t) ~= "table" then return nil end
    return missing_field(t, k)
  end

  -- The status of a declaration the inlined code found unknown: the values
  -- it missed (the first n of list), each once, sorted, as run_decl keeps them.
  local function unknown_status(list, n)
    local missing = new_table(n, 0)
    for i = 1, n do missing[i] = list[i] end
    return { result = nil, missing = dedup_sorted(missing) }
  end

  -- A fact's memoised value, computed the usual way if need be (its error
  -- recorded, its unknown remembered); nil unless it is a plain value.
  local function fact_value(ctx, name)
    local v = ctx.facts[name]
    if v == nil then v = fact_memo(ctx, name) end
    if v == NO_VALUE then return nil end
    return v
  end

  local INLINE_GROUP = { all = true, any = true, none = true, at_least_n_of = true }

  -- `entry`: n is the where of a count, its paths relative to a list entry
  local function inlinable(n, depth, entry)
    if type(n) ~= "table" or depth > 30 then return false end
    local op = n.op
    if INLINE_GROUP[op] then
      for _, x in ipairs(n.parts) do
        if not inlinable(x, depth + 1, entry) then return false end
      end
      return true
    end
    local p = n.p
    if p ~= nil and getmetatable(p) == EXPR then
      -- count(list, where) compared, over a list of objects, no count inside
      return not entry and p.kind == "count" and (op == "between" or INLINE_COMPARE[op] ~= nil)
        and not R.facts[p.list.segs[1]]
        and (p.where == nil or ((R.schema[p.list.path .. "[]"] or {}).type == "object"
                                 and inlinable(p.where, depth + 1, true)))
    end
    if p == nil or (not entry and R.facts[p.segs[1]] and #p.segs > 1) then
      return false
    end
    if op == "is" or op == "is_not" then return n.v == nil or literal(n.v) ~= nil end
    return op == "one_of" or op == "present" or op == "between" or INLINE_COMPARE[op] ~= nil
      or DATE_TEST[op] ~= nil
  end

  -- Case values are read once, at the top of the chunk, into locals (as
  -- many as Lua allows beside the others), by one call of the host's
  -- read_all: a plain read has no effect, and a value the evaluation adds
  -- later (a default, an empty object) was nil when read, which sends the
  -- declaration the general way.
  local INLINE_READS = 120

  -- The local holding the value at segs[1..n] (nil if none is left).
  -- g.plan lists the reads: each one's local, the place in the list of the
  -- read it is taken from (0: the case), and its key.
  local function hoisted(g, segs, n)
    local key = tconcat(segs, ".", 1, n)
    local r = g.reads[key]
    if r or g.nreads >= INLINE_READS then return r end
    local up = n > 1 and hoisted(g, segs, n - 1)
    if n > 1 and not up then return nil end
    g.nreads = g.nreads + 1
    r = "r" .. g.nreads
    g.plan[#g.plan + 1] = { name = r, up = up and g.plan_at[up] or 0, key = segs[n] }
    g.plan_at[r] = #g.plan
    g.reads[key] = r
    return r
  end

  local emit_test, emit_leaf, emit_fact    -- forward

  -- What an inlined fact's value is, by its kind: how_many counts, largest
  -- is a number or null (a fallback to the general way gives the same).
  local EXPR_VALUE = { how_many = { type = "integer" }, largest = { type = "number", nullable = true } }

  local function new_label(g)
    g.labels = g.labels + 1
    return "e" .. g.labels
  end

  -- A value known to be false only when it is false: a field or fact kind
  -- other than boolean (validated before the chunk runs).
  local function never_false(field)
    return field ~= nil and field.type ~= "boolean"
  end

  -- A value known to be a number (or null, where field.nullable).
  local function number_field(field)
    return field ~= nil and (field.type == "number" or field.type == "integer")
  end

  -- Code that jumps to `to` when the Lua expression `test` is `sense`.
  local function emit_jump(out, test, sense, to)
    out[#out + 1] = sfmt("if %s(%s) then goto %s end", sense and "" or "not ", test, to)
  end

  -- Code that finds the value at path p, or jumps to `slow` when it is not
  -- there; `depth` is that of the condition reading it. Returns what is
  -- known of the value, as a field (the schema's field for a case value,
  -- or an inlined fact's kind), the local holding it, and whether it may
  -- be nil there. With `unchecked` the caller tests for nil itself. In the
  -- flat chunk a case value is there or not for the whole case, and the
  -- reader reads flat only cases with every value it may read (g.present),
  -- and an inlined fact is there once made: only the id and date, which
  -- may be left out, are tested where read.
  local function emit_read(out, p, slow, g, depth, unchecked)
    local segs, v, maybe_nil = p.segs, "x", true
    local known
    if g.entry then                          -- in a count's where: from the entry
      out[#out + 1] = sfmt("x = rawget(%s, %q)", g.entry, segs[1])
      for i = 2, #segs do
        out[#out + 1] = sfmt("if type(x) ~= 'table' then goto %s end x = rawget(x, %q)", slow, segs[i])
      end
      known = R.schema[g.entry_path .. "." .. p.path]
    else
      known = R.schema[p.path]
      local reg = not R.facts[segs[1]] and hoisted(g, segs, #segs)
      if reg then
        v = reg
        if g.flat and reg ~= g.id_read and reg ~= g.on_read then
          g.present[reg], maybe_nil = true, false
        elseif not g.flat and not g.before and known and known.type == "array"
               and known.default ~= nil then
          -- a list not recorded is read as its default, as the general way
          -- reads it (and the result says so), not sent the general way;
          -- not before the rules, where nothing may have read it yet
          local read = g.plan[g.plan_at[reg]]
          out[#out + 1] = sfmt("if %s == nil then %s = list_default(%s, %q) end", reg, reg,
                               read.up == 0 and "c" or g.plan[read.up].name, read.key)
        elseif not g.flat and known and type(known.default) ~= "table" and known.default ~= nil
               and literal(known.default) then
          -- a value not recorded is read as the field's default, as the
          -- general way reads it, where its parent is an object of the case
          local read = g.plan[g.plan_at[reg]]
          out[#out + 1] = sfmt("if %s == nil and type(%s) == 'table' then %s = %s end", reg,
                               read.up == 0 and "c" or g.plan[read.up].name, reg,
                               literal(known.default))
        end
      elseif R.facts[segs[1]] then
        local d = R.facts[segs[1]]
        local freg = emit_fact(out, d, g, depth)
        if freg then
          v, known, maybe_nil = freg, d.expr and EXPR_VALUE[d.expr.kind], not g.flat
        else
          g.general = true
          out[#out + 1] = sfmt("x = fact_value(ctx, %q)", segs[1])
          known = nil
        end
      else
        g.general = true                     -- no local left: read from the case
        out[#out + 1] = sfmt("x = rawget(c, %q)", segs[1])
        for i = 2, #segs do
          out[#out + 1] = sfmt("if type(x) ~= 'table' then goto %s end x = rawget(x, %q)", slow, segs[i])
        end
      end
    end
    if maybe_nil and not unchecked then
      out[#out + 1] = never_false(known) and sfmt("if not %s then goto %s end", v, slow)
        or sfmt("if %s == nil then goto %s end", v, slow)
    end
    return known, v, maybe_nil
  end

  -- Code that jumps to `to` when `test`, a comparison of the value in v
  -- ("v < 3"), is `sense`; a value known to be a number (or null where its
  -- field allows it) is compared without a look at its type. null is not
  -- applicable: the comparison is false.
  local function emit_compare(out, v, field, test, to, sense, g)
    local number = number_field(field)
    if number and not field.nullable then
      emit_jump(out, test, sense, to)
    elseif number then
      out[#out + 1] = sense and sfmt("if %s ~= NULL and (%s) then goto %s end", v, test, to)
        or sfmt("if %s == NULL or not (%s) then goto %s end", v, test, to)
    else
      out[#out + 1] = sense
        and sfmt("if type(%s) == 'number' then if %s then goto %s end elseif %s ~= NULL then goto %s end",
                 v, test, to, v, g.slow)
        or sfmt("if type(%s) == 'number' then if not (%s) then goto %s end" ..
                " elseif %s == NULL then goto %s else goto %s end", v, test, to, v, to, g.slow)
    end
  end

  -- Code that jumps to `to` when count(list, where) compared is `sense`: a
  -- loop over the list with the where inlined, entry by entry.
  local function emit_count(out, n, depth, g, to, sense)
    local x, k = n.p, "k" .. depth
    local _, v = emit_read(out, x.list, g.slow, g, depth)
    out[#out + 1] = sfmt("if %s == NULL then goto %s end", v, g.slow)   -- the general way decides
    if x.where == nil then
      out[#out + 1] = sfmt("%s = #%s", k, v)
    else
      local list, i, e, skip = "l" .. depth, "i" .. depth, "e" .. depth, new_label(g)
      out[#out + 1] = sfmt("do local %s = %s %s = 0 for %s = 1, #%s do local %s = %s[%s]",
                           list, v, k, i, list, e, list, i)
      local entry, entry_path = g.entry, g.entry_path
      g.entry, g.entry_path = e, x.list.path .. "[]"
      emit_test(out, x.where, depth + 1, g, skip, false)
      g.entry, g.entry_path = entry, entry_path
      out[#out + 1] = sfmt("%s = %s + 1 ::%s:: end end", k, k, skip)
    end
    local test = n.op == "between"
      and sfmt("%s >= %s and %s <= %s", k, literal(n.lo), k, literal(n.hi))
      or sfmt("%s %s %s", k, INLINE_COMPARE[n.op], literal(n.n))
    emit_jump(out, test, sense, to)
  end

  -- Code that jumps to `to` when n's truth value is `sense` and goes on
  -- when it is not, or jumps to g.slow when it needs the general way.
  -- Parts are read in order, and no further than the first that decides
  -- (logic's groups, GROUP_STOP: the same semantics as jumps; an unknown
  -- part is a value not read, so it goes the general way).
  function emit_test(out, n, depth, g, to, sense)
    local op = n.op
    if depth > g.depth then g.depth = depth end
    if op == "at_least_n_of" then
      local k = "k" .. depth
      out[#out + 1] = k .. " = 0"
      for _, x in ipairs(n.parts) do
        local skip = new_label(g)
        emit_test(out, x, depth + 1, g, skip, false)
        out[#out + 1] = sfmt("%s = %s + 1 ::%s::", k, k, skip)
      end
      emit_jump(out, sfmt("%s >= %s", k, literal(n.n)), sense, to)
      return
    elseif INLINE_GROUP[op] then
      -- a part that stops the group gives it `gives`; else it is `otherwise`
      local on, gives = tunpack(GROUP_STOP[op])
      if gives == sense then
        for _, x in ipairs(n.parts) do emit_test(out, x, depth + 1, g, to, on) end
      else
        local stop = new_label(g)
        for _, x in ipairs(n.parts) do emit_test(out, x, depth + 1, g, stop, on) end
        out[#out + 1] = sfmt("goto %s ::%s::", to, stop)
      end
      return
    end
    emit_leaf(out, n, depth, g, to, sense, g.slow)
  end

  -- A test (Lua source) that holds when the value at p, found nil, is one
  -- the general way would find not recorded and name as missing with no
  -- other effect: a plain case path, read into a local, of a field with no
  -- default that is not an object, whose parent is a table of the case --
  -- or is not there either and is an object of the schema with no
  -- default, which the general way reads as an empty one, and so on up.
  -- In a count's where, only present() is decided so (the others are
  -- left to the general way, which counts an unknown entry as maybe), of
  -- a field of the entry itself. nil when the general way must decide.
  local function not_recorded_test(n, g)
    local p = n.p
    if g.flat or getmetatable(p) == EXPR then return nil end
    if g.entry then
      local f = R.schema[g.entry_path .. "." .. p.path]
      if n.op ~= "present" or #p.segs ~= 1 or f == nil or f.default ~= nil or f.type == "object" then
        return nil
      end
      return sfmt("type(%s) == 'table'", g.entry)
    end
    if R.facts[p.segs[1]] then return nil end
    local f = R.schema[p.path]
    if f == nil or f.default ~= nil or f.type == "object" then return nil end
    local segs = p.segs
    if hoisted(g, segs, #segs) == nil then return nil end
    local function parent_there(k)           -- segs[1..k] is the parent
      if k == 0 then return "type(c) == 'table'" end
      local reg, up = hoisted(g, segs, k), R.schema[tconcat(segs, ".", 1, k)]
      if up ~= nil and up.type == "object" and up.default == nil then
        return sfmt("(type(%s) == 'table' or %s == nil and %s)", reg, reg, parent_there(k - 1))
      end
      return sfmt("type(%s) == 'table'", reg)
    end
    return parent_there(#segs - 1)
  end

  -- Code for a leaf: jumps to `to` when it is `sense` and goes on when it
  -- is not; a value not there jumps to nil_to, anything else the leaf
  -- cannot decide to g.slow.
  function emit_leaf(out, n, depth, g, to, sense, nil_to)
    local op = n.op
    if getmetatable(n.p) == EXPR then return emit_count(out, n, depth, g, to, sense) end
    local recorded = op == "present" and not_recorded_test(n, g)
    if recorded then                         -- not recorded: false, as the general way says
      local _, v = emit_read(out, n.p, nil_to, g, depth, true)
      out[#out + 1] = sense
        and sfmt("if %s == nil then if not (%s) then goto %s end elseif %s ~= NULL then goto %s end",
                 v, recorded, nil_to, v, to)
        or sfmt("if %s == nil then if %s then goto %s end goto %s elseif %s == NULL then goto %s end",
                v, recorded, to, nil_to, v, to)
      return
    end
    local field = (op == "is" or op == "is_not") and type(n.v) == "boolean"
      and R.schema[g.entry and g.entry_path .. "." .. n.p.path or n.p.path]
    if field and field.type == "boolean" and not field.nullable and not R.facts[n.p.segs[1]] then
      -- true or false: the test is the value's truth, its nil test after
      local _, v, maybe_nil = emit_read(out, n.p, nil_to, g, depth, true)
      local truth = ((op == "is") == n.v) == sense
      if not maybe_nil then
        emit_jump(out, v, truth, to)
      elseif truth then
        out[#out + 1] = sfmt("if %s then goto %s elseif %s == nil then goto %s end", v, to, v, nil_to)
      else
        out[#out + 1] = sfmt("if not %s then if %s == nil then goto %s end goto %s end",
                             v, v, nil_to, to)
      end
      return
    end
    local known, v = emit_read(out, n.p, nil_to, g, depth)
    local test
    if op == "is" then
      test = sfmt("%s == %s", v, literal(n.v))
    elseif op == "is_not" then
      test = sfmt("%s ~= %s", v, literal(n.v))
    elseif op == "one_of" then
      g.sets[#g.sets + 1] = n.set
      test = sfmt("sets[%d][%s]", #g.sets, v)
    elseif op == "present" then
      test = sfmt("%s ~= NULL", v)
    elseif DATE_TEST[op] then
      -- logic's answer; nil (a value that is not a date, a span the
      -- calendar refuses) the general way decides, and names
      out[#out + 1] = sfmt("x = date_answer(%q, %s, %s, T) if x == nil then goto %s end",
                           op, v, literal(n.n), g.slow)
      test = "x"
    else
      if known == nil and v == "x" then    -- a fact's value: a list compares by its length
        out[#out + 1] = "if type(x) == 'table' then x = #x end"
      end
      return emit_compare(out, v, known, op == "between"
        and sfmt("%s >= %s and %s <= %s", v, literal(n.lo), v, literal(n.hi))
        or sfmt("%s %s %s", v, INLINE_COMPARE[op], literal(n.n)), to, sense, g)
    end
    emit_jump(out, test, sense, to)
  end

  -- Code that jumps to t, f or u as n is true, false or unknown, as
  -- compile's closures evaluate it: a group's parts in order, no further
  -- than the first that decides (GROUP_STOP), at_least_n_of's all. A leaf
  -- whose value is not recorded (not_recorded_test) is unknown: its path goes
  -- into the missing list (MS, nm), as the general way names it. Anything
  -- else it cannot decide goes to g.slow, the general way.
  local function emit_test3(out, n, depth, g, t, f, u)
    local op = n.op
    if depth > g.depth then g.depth = depth end
    local k = "k" .. depth
    if op == "at_least_n_of" then
      local m = "m" .. depth          -- k: the parts that hold; m: those unknown
      if depth > g.mdepth then g.mdepth = depth end
      out[#out + 1] = sfmt("%s, %s = 0, 0", k, m)
      for _, x in ipairs(n.parts) do
        local yes, unk, nxt = new_label(g), new_label(g), new_label(g)
        emit_test3(out, x, depth + 1, g, yes, nxt, unk)
        out[#out + 1] = sfmt("::%s:: %s = %s + 1 goto %s ::%s:: %s = %s + 1 ::%s::",
                             yes, k, k, nxt, unk, m, m, nxt)
      end
      out[#out + 1] = sfmt("if %s >= %s then goto %s end if %s + %s < %s then goto %s end goto %s",
                           k, literal(n.n), t, k, m, literal(n.n), f, u)
      return
    elseif INLINE_GROUP[op] then
      -- a part that gives `on` stops the group, which gives `gives`; else
      -- it is unknown if a part was (k), or `otherwise`
      local on, gives, otherwise = tunpack(GROUP_STOP[op])
      local stop = gives and t or f
      out[#out + 1] = k .. " = false"
      for _, x in ipairs(n.parts) do
        local unk, nxt = new_label(g), new_label(g)
        emit_test3(out, x, depth + 1, g, on and stop or nxt, on and nxt or stop, unk)
        out[#out + 1] = sfmt("::%s:: %s = true ::%s::", unk, k, nxt)
      end
      out[#out + 1] = sfmt("if %s then goto %s end goto %s", k, u, otherwise and t or f)
      return
    end
    local recorded = not_recorded_test(n, g)
    if recorded == nil then
      emit_leaf(out, n, depth, g, t, true, g.slow)
      out[#out + 1] = "goto " .. f
      return
    end
    local miss = new_label(g)
    if op == "present" then          -- not recorded: false, and nothing missing
      local _, v = emit_read(out, n.p, miss, g, depth, true)
      out[#out + 1] = sfmt("if %s == nil then goto %s end if %s ~= NULL then goto %s end goto %s" ..
                           " ::%s:: if %s then goto %s end goto %s",
                           v, miss, v, t, f, miss, recorded, f, g.slow)
      return
    end
    emit_leaf(out, n, depth, g, t, true, miss)
    out[#out + 1] = sfmt("goto %s ::%s:: if %s then nm = nm + 1 MS[nm] = %q" ..
                         " goto %s end goto %s", f, miss, recorded, n.p.path, u, g.slow)
  end

  local function reads_fact(n)
    if INLINE_GROUP[n.op] then
      for _, x in ipairs(n.parts) do
        if reads_fact(x) then return true end
      end
      return false
    end
    local p = getmetatable(n.p) == EXPR and n.p.list or n.p   -- a count: its list
    return R.facts[p.segs[1]] ~= nil
  end

  -- A fact whose value is how_many or largest over plain values, or whose
  -- condition reads no fact, computed in the chunk the first time a
  -- condition reads it; when a value it needs is not there, computed the
  -- general way instead.
  local function fact_inlinable(d, depth)
    local x = d.expr
    if x == nil then
      local w = d.spec.when
      return is_cond(w) and inlinable(w, depth + 1) and not reads_fact(w)
    elseif x.kind == "how_many" then
      for _, part in ipairs(x.parts) do
        if not inlinable(part, depth + 1) or reads_fact(part) then return false end
      end
      return true
    elseif x.kind == "largest" then
      for _, p in ipairs(x.paths) do
        if R.facts[p.segs[1]] then return false end
      end
      return true
    end
    return false
  end

  -- Code that computes fact d into its local, once; returns the local's
  -- name, or nil when d is not computed inline.
  function emit_fact(out, d, g, depth, eager)
    if not fact_inlinable(d, depth) then return nil end
    local reg = g.facts[d.name]
    if reg == nil then
      if g.nreads >= INLINE_READS then return nil end
      g.nreads = g.nreads + 1
      reg = "r" .. g.nreads
      g.head[#g.head + 1] = "local " .. reg
      g.facts[d.name] = reg
    end
    g.labels = g.labels + 1
    local slow, done, k, outer = "f" .. g.labels, "g" .. g.labels, "k" .. depth, g.slow
    local store = "h" .. g.labels
    if g.flat then slow = outer end          -- one way out: the chunk's
    g.slow = slow
    -- not computed yet: nil (a count or largest is never false)
    out[#out + 1] = sfmt(d.expr and "if not %s then" or "if %s == nil then", reg)
    if d.expr == nil then                    -- a condition: true or false
      local no = new_label(g)
      emit_test(out, d.spec.when, depth + 1, g, no, false)
      out[#out + 1] = sfmt("%s = true goto %s ::%s:: %s = false", reg, g.flat and done or store, no, reg)
    elseif d.expr.kind == "how_many" then
      out[#out + 1] = k .. " = 0"
      for _, part in ipairs(d.expr.parts) do
        local skip = new_label(g)
        emit_test(out, part, depth + 1, g, skip, false)
        out[#out + 1] = sfmt("%s = %s + 1 ::%s::", k, k, skip)
      end
      out[#out + 1] = sfmt("%s = %s", reg, k)
    else                                     -- largest, null left out
      out[#out + 1] = k .. " = nil"
      for _, p in ipairs(d.expr.paths) do
        local field, v = emit_read(out, p, slow, g, depth)
        local number = number_field(field)
        out[#out + 1] = sfmt("%s%s if %s == nil or %s > %s then %s = %s end %s",
          (not number or field.nullable) and sfmt("if %s ~= NULL then ", v) or "",
          number and "" or sfmt("if type(%s) ~= 'number' then goto %s end", v, slow),
          k, v, k, k, v, (not number or field.nullable) and "end" or "")
      end
      out[#out + 1] = sfmt("if %s == nil then %s = NULL else %s = %s end", k, reg, reg, k)
    end
    -- kept in the case's memo too, so why-not and the general way read it
    -- instead of computing it again; computed eagerly (for why-not, after
    -- the rules), a fact that needs the general way is left to it
    out[#out + 1] = g.flat and sfmt("::%s:: end", done)
      or eager and sfmt("::%s:: F[%q] = %s ::%s:: ::%s:: end", store, d.name, reg, slow, done)
      or sfmt("::%s:: F[%q] = %s goto %s ::%s:: slow = slow + 1 %s = fact_value(ctx, %q) ::%s:: end",
              store, d.name, reg, done, slow, reg, d.name, done)
    g.slow = outer
    return reg
  end

  -- The order the flat chunk evaluates in: the rules highest level first,
  -- in declaration order within a level, then the flags; so its notable
  -- list is in the order of a result's findings. Only flat may reorder:
  -- nothing there reads a status another declaration set.
  local function result_order()
    local order, key = {}, {}
    for i, d in ipairs(R.evaluated) do
      order[i], key[i] = i, d.kind == "rule" and d.lv.rank or -1
    end
    tsort(order, function(a, b)
      if key[a] ~= key[b] then return key[a] > key[b] end
      return a < b
    end)
    return order
  end

  -- The chunk's text: function(ctx, c) setting ctx.status_of for every
  -- rule, flag and table, and listing in ctx.notable, in order, those that
  -- did not simply fail (the only ones a result mentions). ctx.at names the
  -- declaration running, for API.current. flat: the chunk for a case read
  -- flat (no c; its values are the arguments after ctx, in the order of
  -- g.plan, which starts with the id and date): nothing goes the general
  -- way before it ends, so no status is read (no why-not) and none is set:
  -- ctx.notable lists what held, in result_order; where the general way
  -- is needed it answers false. It calls nothing and its notable list,
  -- made once at its full size, is emptied for each case, so it allocates
  -- nothing and only the deadline can stop it: the declaration running is
  -- kept in the local `at`, which the limit hook copies to ctx.at
  -- (engine/sandbox.c, FLAT_CHUNK), so no table is written per declaration.
  local FLAT_CHUNK = "=(the rule set, inlined for a case read flat)"

  local function chunk_text(flat)
    local out, g = {}, { labels = 0, sets = {}, reads = {}, nreads = 0, head = {}, facts = {},
                         depth = 1, mdepth = 0, plan = {}, plan_at = {}, flat = flat, present = {} }
    local order = {}
    for i = 1, #R.evaluated do order[i] = i end
    if flat then                 -- the id and date are read flat too, first
      order = result_order()
      g.id_read, g.on_read = hoisted(g, { "id" }, 1), hoisted(g, { "assessed_on" }, 1)
    end
    for _, i in ipairs(order) do
      local d = R.evaluated[i]
      local w = d.when
      if d.kind == "decision_table" or not is_cond(w) or not inlinable(w, 1) then
        out[#out + 1] = sfmt("ctx.at = %d run_decl(ctx, D[%d]) nn = nn + 1 N[nn] = D[%d]", i, i, i)
        g.general = true
      elseif flat then           -- one way out when a value is not there: "s"
        g.slow = "s"
        local no = new_label(g)
        out[#out + 1] = sfmt("at = %d", i)
        emit_test(out, w, 1, g, no, false)
        out[#out + 1] = sfmt("nn = nn + 1 N[nn] = D[%d] ::%s::", i, no)
      else
        g.slow = "s" .. i
        local yes, no, unk = new_label(g), new_label(g), new_label(g)
        out[#out + 1] = sfmt("ctx.at = %d if S[%d] then nn = nn + 1 N[nn] = D[%d] goto n%d end nm = 0",
                             i, i, i, i)
        emit_test3(out, w, 1, g, yes, no, unk)
        out[#out + 1] = sfmt("::%s:: S[%d] = HELD nn = nn + 1 N[nn] = D[%d] goto n%d ::%s:: S[%d] = FAILED" ..
                             " goto n%d ::%s:: S[%d] = unknown_status(MS, nm) nn = nn + 1 N[nn] = D[%d]" ..
                             " goto n%d ::s%d:: slow = slow + 1 run_decl(ctx, D[%d]) nn = nn + 1" ..
                             " N[nn] = D[%d] ::n%d::", yes, i, i, i, no, i, i, unk, i, i, i, i, i, i, i)
      end
    end
    if not flat then
      -- the facts the rules read inline and did not need, computed now if
      -- the chunk can (why-not reads them all); in name order, so the
      -- chunk is the same for the same set
      local pending = {}
      for name in pairs(g.facts) do pending[#pending + 1] = name end
      tsort(pending)
      for _, name in ipairs(pending) do   -- not where the general way computed it
        out[#out + 1] = sfmt("if F[%q] == nil then", name)
        emit_fact(out, R.facts[name], g, 1, true)
        out[#out + 1] = "end"
      end
    end
    if not flat then
      -- the facts no inlined condition reads, which only the general way
      -- (a function fact, a decision table) may ask for: computed before
      -- the rules where the chunk can, so that the general way finds them
      -- in the memo; one that needs a list the case does not record is left
      -- to it (reading the list's default is a warning only a read may give)
      local before, unread = {}, {}
      for name in pairs(R.facts) do
        if g.facts[name] == nil then unread[#unread + 1] = name end
      end
      tsort(unread)
      g.before = true
      for _, name in ipairs(unread) do emit_fact(before, R.facts[name], g, 1, true) end
      g.before = nil
      tmove(out, 1, #out, #before + 1)
      tmove(before, 1, #before, 1, out)
    end
    local names = {}
    for i, read in ipairs(g.plan) do names[i] = read.name end
    -- the values read, for why-not's leaves (their slots: inline_set)
    out[#out + 1] = flat and "ctx.slow = slow do return end ::s:: do return false end end"
      or sfmt("ctx.slow = slow %s end", #names > 0 and sfmt("ctx.values = { %s }", tconcat(names, ", ")) or "")
    local regs = {}              -- only as deep as the conditions go: fewer locals to parse
    for i = 1, g.depth do regs[#regs + 1] = "k" .. i end
    for i = 1, g.mdepth do regs[#regs + 1] = "m" .. i end
    local reads = (flat or #names == 0) and ""
      or sfmt("local %s = read_all(c, UPS, KEYS)", tconcat(names, ", "))
    return tconcat({
      "local rawget, type, NULL, fact_value, run_decl, HELD, FAILED, D, sets, new_table,",
      "  read_all, UPS, KEYS, NOTABLE, list_default, unknown_status, MS, date_answer = ...",
      flat and sfmt("return function(ctx, %s)", tconcat(names, ", ")) or "return function(ctx, c)",
      -- the notable list: few decisions hold in most cases (flat: all may)
      flat and "local N, nn, x, slow, at = NOTABLE, 0, nil, 0, 0 for i = #N, 1, -1 do N[i] = nil end"
        or sfmt("local S, F, N, nn, x, slow, nm = ctx.status_of, ctx.facts, new_table(%d, 0), 0, nil, 0, 0",
                #R.evaluated < 8 and #R.evaluated or 8),
      "ctx.notable = N local T = ctx.assessed",
      "local " .. tconcat(regs, ", "),
      tconcat(g.head, "\n"),
      reads,
      tconcat(out, "\n") }, "\n"), g
  end

  local function compile_chunk(text, g)
    local ups, keys = {}, {}
    for i, read in ipairs(g.plan) do ups[i], keys[i] = read.up, read.key end
    local chunk, err = load(text, g.flat and FLAT_CHUNK or "=(the rule set, inlined)", "t", {})
    if not chunk then error("internal error inlining the rule set: " .. err, 0) end
    return chunk(rawget, type, NULL, fact_value, run_decl, DECIDED[true], DECIDED[false],
                 R.evaluated, g.sets, new_table, read_all, string.char(tunpack(ups)), keys,
                 g.flat and new_table(#R.evaluated, 0), list_default, unknown_status, {},
                 date_answer)
  end

  -- The inlined rule set (R.inline), and the chunk for cases read flat
  -- (R.inline_flat) when the chunk alone decides a complete case and the
  -- host's reader can fill its values: every read through objects. It also
  -- sizes a case's tables.
  function inline_set()
    local text, g = chunk_text(false)
    R.inline = compile_chunk(text, g)
    -- why-not's leaves that read a value the chunk read take it from
    -- ctx.values, in the plan's order, instead of reading it again
    for _, d in ipairs(R.evaluated) do
      for _, leaf in ipairs(d.leaves or NONE) do
        local reg = leaf.by_value and g.reads[leaf.node.p.path]
        leaf.slot = reg and g.plan_at[reg] or nil
      end
    end
    -- a case's tables made at their final size, so filling them never rehashes
    local nfacts = 0
    for _ in pairs(R.facts) do nfacts = nfacts + 1 end
    local nevaluated = #R.evaluated
    R.new_status = function() return new_table(nevaluated, 0) end
    R.new_facts = function() return new_table(0, nfacts) end
    if g.general or #R.checks > 0 then return end
    local ftext, fg = chunk_text(true)
    local paths, needed = {}, {}
    for i, read in ipairs(fg.plan) do
      paths[i] = read.up == 0 and read.key or paths[read.up] .. "." .. read.key
      needed[i] = fg.present[read.name] == true
    end
    -- the host gives the values in the plan's order: the id and date first
    if not fg.general and fg.plan_at[fg.id_read] == 1 and fg.plan_at[fg.on_read] == 2
       and set_case_plan(paths, needed) then
      R.inline_flat = compile_chunk(ftext, fg)
      R.flat_status, R.flat_names = {}, {}       -- every status "held"; the
      for i, d in ipairs(R.evaluated) do        -- rules' names, for flat_summary
        R.flat_status[i] = DECIDED[true]
        if d.kind == "rule" then R.flat_names[d] = d.name end
      end
    end
  end
end

M.inline_set = inline_set
M.INLINE_COMPARE = INLINE_COMPARE
return M
