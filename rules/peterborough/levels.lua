-- The threshold document speaks of needs met at universal, targeted and
-- specialist services (self-assessment 2017, ESN 24); specialist services
-- are children's social care, for children in need and child protection.
levels {
  { id = "universal", pathway = "universal", label = "Universal services" },
  { id = "targeted", pathway = "early_help", label = "Targeted services: early help" },
  { id = "specialist_cin", pathway = "child_in_need",
    label = "Specialist services: children's social care, child in need" },
  { id = "specialist_cp", pathway = "child_protection",
    label = "Specialist services: children's social care, child protection" },
}
