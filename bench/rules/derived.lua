-- SPEC.md section 4: derived values, written as value expressions so that
-- the engine compiles them with the rules and can explain them.
local TYPES = { "nutritional", "physical", "medical", "emotional", "educational", "supervision" }
local GRADES = { "physical_care", "safety", "love_and_care", "stimulation_education" }

-- one entry per name: each(TYPES, f) is { f("nutritional"), f("physical"), ... }
local function each(names, make)
  local list = {}
  for i, name in ipairs(names) do list[i] = make(name) end
  return list
end
local function sev(t) return "concerns." .. t .. ".severity" end
local function grade(area) return "gcp2." .. area end

fact "max_severity" { type = "integer", value = largest(each(TYPES, sev)) }
fact "n_sev1" { type = "integer",
  value = how_many(each(TYPES, function(t) return at_least(sev(t), 1) end)) }
fact "n_sev2" { type = "integer",
  value = how_many(each(TYPES, function(t) return at_least(sev(t), 2) end)) }
fact "n_sev3" { type = "integer",
  value = how_many(each(TYPES, function(t) return is(sev(t), 3) end)) }
fact "n_persistent" { type = "integer",
  value = how_many(each(TYPES, function(t)
    return all { is("concerns." .. t .. ".persistent", true), at_least(sev(t), 1) }
  end)) }
fact "n_toxic" { type = "integer", value = how_many {
  is("domestic_abuse", true), is("parental_substance_misuse", true), is("parental_mental_health", true) } }
fact "gcp2_max" { type = "integer", value = largest(each(GRADES, grade)) }
fact "gcp2_n3plus" { type = "integer",
  value = how_many(each(GRADES, function(a) return at_least(grade(a), 3) end)) }
fact "gcp2_n4" { type = "integer",
  value = how_many(each(GRADES, function(a) return is(grade(a), 4) end)) }
fact "gcp2_n5" { type = "integer",
  value = how_many(each(GRADES, function(a) return is(grade(a), 5) end)) }
