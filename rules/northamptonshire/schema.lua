-- Measure of success 5 needs to know whether a young child is registered
-- and engaged with a children's centre.
field "child.childrens_centre" { type = "enum", ordered = true,
  values = { "registered_engaged", "registered_not_engaged", "not_registered" },
  doc = "registration and engagement with a local Children's Centre (0-5s)" }
