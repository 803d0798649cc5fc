-- an override that keeps the inherited level says nothing
-- expect: ok
override "Score of 5 or more" { cite = "local wording", basis = "quoted", reason = "A score of five or more" }
