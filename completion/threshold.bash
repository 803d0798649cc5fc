# bash completion for threshold(1)
_threshold_sets() {
  local IFS=: d dirs="${THRESHOLD_RULES:-}:${THRESHOLD_RULES_PATH:-}:/usr/local/share/threshold/rules:/usr/share/threshold/rules"
  for d in $dirs; do
    [ -d "$d" ] || continue
    for s in "$d"/*/ruleset.lua; do [ -f "$s" ] && basename "$(dirname "$s")"; done
  done
}

_threshold() {
  local cur prev cmd sub
  cur=${COMP_WORDS[COMP_CWORD]}
  prev=${COMP_WORDS[COMP_CWORD-1]}
  cmd=${COMP_WORDS[1]:-}
  sub=${COMP_WORDS[2]:-}
  if [ "$COMP_CWORD" -eq 1 ]; then
    COMPREPLY=($(compgen -W "eval test check new doc db serve --help --version" -- "$cur"))
    COMPREPLY=($(compgen -W "eval test check new schema db serve --help --version" -- "$cur"))
    return
  fi
  case $prev in
    -r|--rules) COMPREPLY=($(compgen -W "$(_threshold_sets | sort -u)" -- "$cur"))
                COMPREPLY+=($(compgen -d -- "$cur")); return ;;
    --format)
      case $cmd in
        eval) COMPREPLY=($(compgen -W "text json spec spec-full" -- "$cur")) ;;
        test) COMPREPLY=($(compgen -W "text json junit" -- "$cur")) ;;
        check) COMPREPLY=($(compgen -W "text json" -- "$cur")) ;;
        doc) COMPREPLY=($(compgen -W "html md json" -- "$cur")) ;;
        schema) COMPREPLY=($(compgen -W "json json-schema luals" -- "$cur")) ;;
        db) if [ "$sub" = import ]; then COMPREPLY=($(compgen -W "json jsonl csv" -- "$cur"))
            else COMPREPLY=($(compgen -W "text json csv" -- "$cur")); fi ;;
      esac
      return ;;
    --input) COMPREPLY=($(compgen -W "auto json jsonl" -- "$cur")); return ;;
    --extends) COMPREPLY=($(compgen -W "$(_threshold_sets | sort -u)" -- "$cur")); return ;;
    --dir) COMPREPLY=($(compgen -d -- "$cur")); return ;;
    -o|--output) [ "$cmd" = doc ] && { COMPREPLY=($(compgen -f -- "$cur")); return; } ;;
    --run) return ;;
  esac
  case $cmd in
    eval)
      if [[ $cur == -* ]]; then
        COMPREPLY=($(compgen -W "-r --rules --explain --format --input --stream --bench --help" -- "$cur"))
      else COMPREPLY=($(compgen -f -- "$cur")); fi ;;
    test)
      if [[ $cur == -* ]]; then COMPREPLY=($(compgen -W "--format --json --run --coverage --help" -- "$cur"))
      else COMPREPLY=($(compgen -W "$(_threshold_sets | sort -u)" -- "$cur"))
           COMPREPLY+=($(compgen -d -- "$cur")); fi ;;
    check)
      if [[ $cur == -* ]]; then COMPREPLY=($(compgen -W "--format --strict --help" -- "$cur"))
      else COMPREPLY=($(compgen -W "$(_threshold_sets | sort -u)" -- "$cur"))
           COMPREPLY+=($(compgen -d -- "$cur")); fi ;;
    schema)
      if [ "$prev" = -o ]; then COMPREPLY=($(compgen -f -- "$cur"))
      elif [[ $cur == -* ]]; then COMPREPLY=($(compgen -W "--format -o --help" -- "$cur"))
      else COMPREPLY=($(compgen -W "$(_threshold_sets | sort -u)" -- "$cur"))
           COMPREPLY+=($(compgen -d -- "$cur")); fi ;;
    new)
      if [[ $cur == -* ]]; then COMPREPLY=($(compgen -W "--extends --dir --help" -- "$cur")); fi ;;
    doc)
      if [[ $cur == -* ]]; then COMPREPLY=($(compgen -W "--format -o --help" -- "$cur"))
      else COMPREPLY=($(compgen -W "$(_threshold_sets | sort -u)" -- "$cur"))
           COMPREPLY+=($(compgen -d -- "$cur")); fi ;;
    db)
      if [ "$COMP_CWORD" -eq 2 ]; then
        COMPREPLY=($(compgen -W "init import eval decide verify keygen checkpoint head replay report diff user access" -- "$cur"))
      elif [[ $cur == -* ]]; then
        COMPREPLY=($(compgen -W "-r --format --strict --changed --by --agree --level --reason --all" -- "$cur"))
      else COMPREPLY=($(compgen -f -- "$cur")); fi ;;
  esac
}
complete -F _threshold threshold
