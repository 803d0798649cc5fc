-- Referral reasons: 43% of referrals that went to assessment in 2013/14
-- referenced neglect or a factor "considered to lead to neglect": domestic
-- abuse, parental drug or alcohol use, mental health (report, 'Childhood
-- neglect in Rotherham'). Any one of them is reason to assess for neglect.

flag "A factor that leads to neglect is present" {
  cite    = "Rotherham report to members, 9 July 2014: referral reasons referencing neglect or factors considered to lead to neglect (domestic abuse, parental drug/alcohol use and mental health)",
  basis   = "quoted",
  reason  = "Domestic abuse, parental drug or alcohol misuse or parental mental ill-health is present: assess the impact on the child's care",
  when    = any {
    is("current_domestic_abuse", true),
    is("carer_substance_misuse_affects_care", true),
    is("carer_mental_health_affects_care", true),
  },
  actions = { "Assess how the parent's difficulties affect the care of the child, with adult services (e.g. substance misuse, domestic abuse advocates)" },
}

-- Ofsted's findings the borough adopted: non-compliance and disguised
-- compliance of parents.
flag "Disguised compliance suspected" {
  cite    = "Rotherham report to members, 9 July 2014: Ofsted 'In the child's time' findings used with managers: non-compliance and disguised compliance of parents",
  basis   = "quoted",
  reason  = "A parent may be appearing to co-operate without the child's care changing",
  when    = at_least(count("carers", one_of("engagement", { "disguised_compliance_suspected", "refuses" })), 1),
  actions = { "Test change with unannounced visits and evidence from the child's daily life, not parental report" },
}
