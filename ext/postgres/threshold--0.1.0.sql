-- threshold 0.1.0: the engine as SQL functions (see docs/embedding.md).
\echo Use "CREATE EXTENSION threshold" to load this file. \quit

CREATE FUNCTION threshold_eval(doc text, ruleset text DEFAULT 'core') RETURNS jsonb
  AS 'SELECT threshold_eval_text($1, $2)::jsonb'
  LANGUAGE sql STABLE STRICT PARALLEL SAFE;

CREATE FUNCTION threshold_eval_text(doc text, ruleset text) RETURNS text
  AS 'MODULE_PATHNAME', 'threshold_eval_text'
  LANGUAGE C STABLE STRICT PARALLEL SAFE;

CREATE FUNCTION threshold_pathway(doc text, ruleset text DEFAULT 'core') RETURNS text
  AS 'MODULE_PATHNAME', 'threshold_pathway_text'
  LANGUAGE C STABLE STRICT PARALLEL SAFE;

CREATE FUNCTION threshold_eval(doc jsonb, ruleset text DEFAULT 'core') RETURNS jsonb
  AS 'SELECT threshold_eval_text($1::text, $2)::jsonb'
  LANGUAGE sql STABLE STRICT PARALLEL SAFE;

CREATE FUNCTION threshold_pathway(doc jsonb, ruleset text DEFAULT 'core') RETURNS text
  AS 'SELECT threshold_pathway($1::text, $2)'
  LANGUAGE sql STABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION threshold_pathway(text, text) IS
  'the suggested pathway (universal, early_help, child_in_need, child_protection) of a case; NULL if the case is invalid';
COMMENT ON FUNCTION threshold_eval(text, text) IS
  'the result document of a case: suggestion, reasons, citations, missing facts, flags';
