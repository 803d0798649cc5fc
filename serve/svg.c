/*
** svg.c -- charts drawn on the server as SVG: horizontal bars (the
** caseload report) and GCP2 area grades over time (the case page). Each
** has a title and a description for screen readers, and the figures as
** text beside the marks; colours come from the stylesheet.
*/
#include <stdio.h>

#include "serve.h"

void svg_bars(buf *b, const char *title, const char *const *labels, const double *values,
              int n, const char *unit) {
  double max = 0;
  for (int i = 0; i < n; i++)
    if (values[i] > max)
      max = values[i];
  const int row = 28, left = 260, width = 360, h = row * n + 20;
  buf_printf(b, "<svg class=\"chart bars\" viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\" "
             "role=\"img\" aria-label=\"", left + width + 90, h, left + width + 90, h);
  buf_html(b, title);
  buf_str(b, "\"><title>");
  buf_html(b, title);
  buf_str(b, "</title>");
  for (int i = 0; i < n; i++) {
    double w = max > 0 ? values[i] / max * width : 0;
    int y = 10 + i * row;
    buf_printf(b, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\" class=\"label\">", left - 8, y + 17);
    buf_html(b, labels[i]);
    buf_printf(b, "</text><rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"%d\" class=\"bar s%d\"/>"
               "<text x=\"%.1f\" y=\"%d\" class=\"value\">%g%s</text>", left, y + 2, w, row - 8,
               i % 6, left + w + 6, y + 17, values[i], unit ? unit : "");
  }
  buf_str(b, "</svg>");
}

void svg_gcp2(buf *b, const char *const *dates, const int (*grades)[4], int n) {
  static const char *const names[] = {"Physical care", "Care of safety", "Emotional care",
                                      "Developmental care"};
  const int left = 60, top = 20, w = 520, h = 200;
  const int width = left + w + 190, height = top + h + 50;
  buf_printf(b, "<svg class=\"chart gcp2\" viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\" "
             "role=\"img\" aria-labelledby=\"gcp2-title gcp2-desc\"><title id=\"gcp2-title\">"
             "Graded Care Profile area grades over time (1 best, 5 worst)</title>"
             "<desc id=\"gcp2-desc\">", width, height, width, height);
  for (int i = 0; i < n; i++) {
    buf_html(b, dates[i]);
    buf_str(b, ":");
    for (int a = 0; a < 4; a++)
      if (grades[i][a])
        buf_printf(b, " %s %d%s", names[a], grades[i][a], a < 3 ? "," : "");
    buf_str(b, ". ");
  }
  buf_str(b, "</desc>");
  for (int g = 1; g <= 5; g++) {       /* grade lines, 5 at the top */
    int y = top + (5 - g) * h / 4;
    buf_printf(b, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" class=\"grid\"/>"
               "<text x=\"%d\" y=\"%d\" text-anchor=\"end\" class=\"label\">%d</text>",
               left, y, left + w, y, left - 8, y + 4, g);
  }
  for (int i = 0; i < n; i++) {
    int x = n == 1 ? left + w / 2 : left + i * w / (n - 1);
    buf_printf(b, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\" class=\"label\">", x,
               top + h + 20);
    buf_html(b, dates[i]);
    buf_str(b, "</text>");
  }
  for (int a = 0; a < 4; a++) {
    buf_printf(b, "<g class=\"series s%d\">", a);
    buf_str(b, "<polyline fill=\"none\" points=\"");
    for (int i = 0; i < n; i++) {
      if (!grades[i][a])
        continue;
      int x = n == 1 ? left + w / 2 : left + i * w / (n - 1);
      buf_printf(b, "%d,%d ", x, top + (5 - grades[i][a]) * h / 4);
    }
    buf_str(b, "\"/>");
    for (int i = 0; i < n; i++) {
      if (!grades[i][a])
        continue;
      int x = n == 1 ? left + w / 2 : left + i * w / (n - 1);
      buf_printf(b, "<circle cx=\"%d\" cy=\"%d\" r=\"4\"/>", x, top + (5 - grades[i][a]) * h / 4);
    }
    buf_printf(b, "<rect x=\"%d\" y=\"%d\" width=\"12\" height=\"12\"/>"
               "<text x=\"%d\" y=\"%d\" class=\"label\">%s</text></g>", left + w + 20,
               top + a * 22, left + w + 38, top + a * 22 + 11, names[a]);
  }
  buf_str(b, "</svg>");
}
