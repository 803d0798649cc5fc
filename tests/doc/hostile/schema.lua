field "hostile" { type = "object", doc = "a <table> of | pipes" }
field "hostile.choice" { type = "enum", values = { "a|b", "<script>x</script>", "`tick`", "c&d" },
  doc = "a choice with `backticks`, <em>tags</em> & | pipes" }
field "hostile.count" { type = "integer", min = 0, max = 9, doc = "*how many* [times](javascript:alert(1))" }
