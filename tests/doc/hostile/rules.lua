rule "Rule <script>alert('rule')</script> & | `one`" {
  level = "child_in_need", basis = "judgement",
  why = "because <b>the</b> document | says & `so`",
  cite = "Page 3 <a href='http://example.invalid'>link</a> & | `cite`",
  reason = "# not a heading | *not emphasis* & <br> `code`",
  when = all { is("hostile.choice", "<script>x</script>"), at_least("hostile.count", 2) },
  actions = { "1. not a list | <script>alert('action')</script>", "``double`` & `single`" },
}

rule "Second | rule with `|` in a code span" {
  level = "early_help", basis = "quoted",
  cite = "Page 4 | row", reason = "a | b",
  when = one_of("hostile.choice", { "a|b", "`tick`", "c&d" }),
}

flag "Flag <img src=x onerror=alert('flag')> | `f`" {
  cite = "Flag cite & <u>u</u>", basis = "quoted", severity = "<high>",
  reason = "Flag reason | * _ [ ] # ! ~ $ \\ & <",
  when = function(c) return c.hostile.count == 3 end,
}

decision_table "Table <script>alert('table')</script> | `t`" {
  cite = "Table cite | &", reason = "Table reason <x>", basis = "quoted",
  inputs = { "hostile.choice" },
  rows = {
    { "a|b", "early_help", reason = "row | one <script>alert('row')</script>" },
    { { "`tick`", "c&d" }, "child_in_need", reason = "row `two` & |" },
    { "otherwise", "-", reason = "otherwise | <none>" },
  },
}

override "Toxic trio" {
  cite = "Override cite <script>alert('override')</script> | `o`", basis = "judgement",
  why = "override why & | <b>",
  reason = "Override reason | `changed` & <i>",
}

disable "Sibling on a child protection plan or looked after" {
  cite = "Disable cite <script>alert('disable')</script> | &", reason = "disable reason `r` | <s>",
}
