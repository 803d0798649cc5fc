-- The four pathways of the continuum of need, in the words practitioners
-- use across England. Local sets replace these labels with their own.
levels {
  { id = "universal", pathway = "universal",
    label = "Universal: needs met by universal services" },
  { id = "early_help", pathway = "early_help",
    label = "Early help: additional needs, targeted support with consent" },
  { id = "child_in_need", pathway = "child_in_need",
    label = "Child in need: complex needs, statutory assessment (Children Act 1989 s17)" },
  { id = "child_protection", pathway = "child_protection",
    label = "Child protection: significant harm or likely significant harm (Children Act 1989 s47)" },
}
