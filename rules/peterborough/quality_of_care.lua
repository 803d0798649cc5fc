-- The Quality of Care tool (Graded Care Profile): used in early help and
-- expected in every social care assessment where neglect is a feature, and
-- repeated before each review child protection conference (report 14 Nov
-- 2016, s4.19-4.22).

override "Neglect concerns without a Graded Care Profile" {
  cite    = "Peterborough report to scrutiny, 14 Nov 2016, s4.21-4.22: all children affected by neglect will be expected to include a Quality of Care tool as part of the assessment",
  basis   = "quoted",
  reason  = "Neglect concerns keep recurring but no Quality of Care (Graded Care Profile) assessment is recorded",
  actions = { "Complete a Quality of Care (Graded Care Profile) assessment with the family" },
}

fact "quality_of_care_before_last_review" {
  doc  = "the latest Quality of Care assessment was completed before the last review conference",
  type = "boolean",
  value = function(c)
    local latest
    for _, t in ipairs(c.tools) do
      if (t.tool == "gcp_original" or t.tool == "gcp2_nspcc" or t.tool == "local_gcp_variant")
         and (latest == nil or days_between(latest, t.completed_on) > 0) then
        latest = t.completed_on
      end
    end
    if latest == nil then return true end      -- none at all: not repeated either
    return days_between(latest, c.current.last_review_conference) > 0
  end,
}

flag "Quality of Care tool not repeated since the last review conference" {
  cite    = "Peterborough report to scrutiny, 14 Nov 2016, s4.22: the Quality of Care tool is repeated at helpful intervals, such as before each Review Child Protection Case Conference",
  basis   = "quoted",
  reason  = "The child is on a child protection plan and the Quality of Care tool has not been completed since the last review conference",
  when    = all {
    is("current.pathway", "child_protection"),
    present("current.last_review_conference"),
    is("quality_of_care_before_last_review", true),
  },
  actions = { "Repeat the Quality of Care tool before the next review conference, to measure progress" },
}
