/*
** lines.h -- reading input one line at a time in bounded memory: a line
** longer than the limit is skipped (and reported), never buffered whole.
*/
#ifndef THRESHOLD_CLI_LINES_H
#define THRESHOLD_CLI_LINES_H

#include <stddef.h>

typedef struct line_reader {
  int fd;             /* read with read(2), so a pipe's line comes at once */
  char *buf;          /* chunk read from f */
  size_t cap, beg, end;
  char *line;         /* the current line, NUL-terminated */
  size_t line_cap;
  size_t limit;       /* longest line kept */
  long lineno;
  int eof, error;
} line_reader;

int lines_open(line_reader *r, int fd, size_t limit);
void lines_close(line_reader *r);

/*
** Next line without its newline: returns 1 and sets *len (or *too_long when
** the line exceeded the limit and was skipped), 0 at end of input, -1 on a
** read error or no memory.
*/
int lines_next(line_reader *r, const char **line, size_t *len, int *too_long);

/* The bytes buffered (reading more when none are), consumed whole, not
** split into lines: 0 at end of input or on an error (see r->error). */
size_t lines_raw(line_reader *r, const char **p);

/* Put data back in front of what is still to be read (0, or -1: no
** memory). The reader's line numbers are the caller's to adjust. */
int lines_unread(line_reader *r, const char *data, size_t n);

#endif
