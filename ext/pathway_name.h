/*
** pathway_name.h -- the name of an enum th_pathway value, as results and the
** store spell it; shared by the SQL extensions.
*/
#ifndef THRESHOLD_EXT_PATHWAY_NAME_H
#define THRESHOLD_EXT_PATHWAY_NAME_H

#include "threshold.h"

/* NULL for TH_NO_PATHWAY (an invalid case: no suggestion). */
static inline const char *ext_pathway_name(int pathway) {
  switch (pathway) {
  case TH_UNIVERSAL: return "universal";
  case TH_EARLY_HELP: return "early_help";
  case TH_CHILD_IN_NEED: return "child_in_need";
  case TH_CHILD_PROTECTION: return "child_protection";
  default: return NULL;
  }
}

#endif
