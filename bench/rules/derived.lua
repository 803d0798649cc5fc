-- SPEC.md section 4: derived values.
local TYPES = { "nutritional", "physical", "medical", "emotional", "educational", "supervision" }
local GRADES = { "physical_care", "safety", "love_and_care", "stimulation_education" }

local function count_types(test)
  return function(c)
    local n = 0
    for _, t in ipairs(TYPES) do
      if test(c.concerns[t]) then n = n + 1 end
    end
    return n
  end
end

fact "max_severity" { type = "integer", value = function(c)
  local m = 0
  for _, t in ipairs(TYPES) do m = math.max(m, c.concerns[t].severity) end
  return m
end }
fact "n_sev1" { type = "integer", value = count_types(function(x) return x.severity >= 1 end) }
fact "n_sev2" { type = "integer", value = count_types(function(x) return x.severity >= 2 end) }
fact "n_sev3" { type = "integer", value = count_types(function(x) return x.severity == 3 end) }
fact "n_persistent" { type = "integer",
  value = count_types(function(x) return x.persistent and x.severity >= 1 end) }
fact "n_toxic" { type = "integer", value = function(c)
  local n = 0
  if c.domestic_abuse then n = n + 1 end
  if c.parental_substance_misuse then n = n + 1 end
  if c.parental_mental_health then n = n + 1 end
  return n
end }
local function count_grades(test)
  return function(c)
    local n = 0
    for _, a in ipairs(GRADES) do if test(c.gcp2[a]) then n = n + 1 end end
    return n
  end
end
fact "gcp2_max" { type = "integer", value = function(c)
  local m = 0
  for _, a in ipairs(GRADES) do m = math.max(m, c.gcp2[a]) end
  return m
end }
fact "gcp2_n3plus" { type = "integer", value = count_grades(function(g) return g >= 3 end) }
fact "gcp2_n4" { type = "integer", value = count_grades(function(g) return g == 4 end) }
fact "gcp2_n5" { type = "integer", value = count_grades(function(g) return g == 5 end) }
