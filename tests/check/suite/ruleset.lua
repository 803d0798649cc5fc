-- Core and three tests, one failing on purpose, its name full of what XML
-- must escape: for `threshold test --run` and `--format junit`
-- (tests/check/test-formats.sh). Not a real area's rules.
ruleset { id = "suite", version = "test", title = "Tests for the test runner", extends = "core",
          files = {} }
