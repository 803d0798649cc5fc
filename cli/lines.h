/*
** lines.h -- reading input one line at a time in bounded memory: a line
** longer than the limit is skipped (and reported), never buffered whole.
*/
#ifndef THRESHOLD_CLI_LINES_H
#define THRESHOLD_CLI_LINES_H

#include <stdio.h>

typedef struct line_reader {
  FILE *f;
  char *buf;          /* chunk read from f */
  size_t cap, beg, end;
  char *line;         /* the current line, NUL-terminated */
  size_t line_cap;
  size_t limit;       /* longest line kept */
  long lineno;
  int eof, error;
} line_reader;

int lines_open(line_reader *r, FILE *f, size_t limit);
void lines_close(line_reader *r);

/*
** Next line without its newline: returns 1 and sets *len (or *too_long when
** the line exceeded the limit and was skipped), 0 at end of input, -1 on a
** read error or no memory.
*/
int lines_next(line_reader *r, const char **line, size_t *len, int *too_long);

#endif
