/*
** static.c -- the stylesheet and script, compiled into the command (from
** serve/static/), served under /static/.
*/
#include <string.h>

#include "serve.h"

extern const unsigned char th_serve_css[];
extern const size_t th_serve_css_len;
extern const unsigned char th_serve_js[];
extern const size_t th_serve_js_len;

int static_file(const char *path, const char **type, const unsigned char **data,
                size_t *len) {
  if (strcmp(path, "app.css") == 0) {
    *type = "text/css; charset=utf-8";
    *data = th_serve_css;
    *len = th_serve_css_len;
    return 1;
  }
  if (strcmp(path, "app.js") == 0) {
    *type = "text/javascript; charset=utf-8";
    *data = th_serve_js;
    *len = th_serve_js_len;
    return 1;
  }
  return 0;
}
