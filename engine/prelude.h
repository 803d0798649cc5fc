/*
** prelude.h -- the rule language's Lua modules (engine/prelude/), as the
** build embeds them, and the loader that runs them into a Lua state.
*/
#ifndef THRESHOLD_PRELUDE_H
#define THRESHOLD_PRELUDE_H

#include <stddef.h>
#include <lua.h>

/* One module, in load order (the Makefile's PRELUDE_MODULES): its name
** ("cond", "fast/inline"), its text, and the bytecode the build's own Lua
** made of that text. The table is generated (build/gen/prelude_modules.c)
** and compiled with hidden visibility: no embedder ever sees it. */
struct thi_prelude_module {
  const char *name;
  const unsigned char *text;
  size_t text_len;
  const unsigned char *code;
  size_t code_len;
};

extern const struct thi_prelude_module thi_prelude_modules[];
extern const size_t thi_prelude_nmodules;

/*
** Each module runs, in order, with two arguments: the table of the host's
** functions and sentinels, and need(name), which gives a module run
** before it. Each module's chunk is named after it ("=[prelude/cond]"),
** so errors and tracebacks say where they are. What the last module
** returns is the API table.
** The loader (prelude.c) is thi_prelude_state, declared in internal.h.
*/

#endif
