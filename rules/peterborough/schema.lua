-- What Peterborough's escalation route needs recorded beyond core's schema.
field "current.head_of_service_review" { type = "date",
  doc = "the Head of Service for Family Support's review of a child protection plan" }
field "current.legal_planning_meeting" { type = "date",
  doc = "the legal planning meeting that tested the threshold for pre-proceedings" }
field "current.legal_threshold_met" { type = "boolean", worse = true,
  doc = "the legal planning meeting found the criteria for pre-proceedings met" }
field "current.legal_stage" { type = "enum",
  values = { "none", "pre_proceedings", "proceedings" } }
