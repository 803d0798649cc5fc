-- an override that raises an inherited rule lowers nothing: no warning needed
-- expect: ok
override "Score of 5 or more" { cite = "local policy", basis = "quoted", level = "early_help", reason = "local wording" }
