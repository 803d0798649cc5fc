levels {
  { id = "universal", pathway = "universal", label = "Level <i>one</i> & `1` | *universal*" },
  { id = "early_help", pathway = "early_help", label = "# Level two\n1. early | help" },
  { id = "child_in_need", pathway = "child_in_need", label = "<script>alert('cin')</script>" },
  { id = "child_protection", pathway = "child_protection", label = "- [x] `cp` ``|`` **s47**",
    doc = "A level doc with <style>body{display:none}</style> and &amp; and \1 a control" },
}
