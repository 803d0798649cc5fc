-- A rule set whose every string is hostile to a document: HTML tags and
-- entities, Markdown emphasis, links, headings, list markers, table pipes
-- and backticks, a control character. tests/doc/run.sh renders it as HTML
-- and as Markdown and proves none of it becomes markup. It is not a real
-- area's rules: no case is argued from it.
ruleset {
  id = "hostile", version = "<b>1</b> & `2`", extends = "core",
  title = "Hostile <script>alert('title')</script> & | `doc` *set*",
  sources = { "Source <img src=x onerror=alert(1)> | [link](http://example.invalid) & co" },
  files = { "levels.lua", "schema.lua", "rules.lua" },
}
