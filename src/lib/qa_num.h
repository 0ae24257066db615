/*
 * qa_num.h - the number reader of qa_num.c, for the modules that need to
 * read a number as a reviewer would outside the checker (lookup's number
 * substitution).
 */
#ifndef TMK_QA_NUM_H
#define TMK_QA_NUM_H

#include <stddef.h>

/* The value of digit run S[0..N) (ASCII digits, marks and spaces) read
 * with thousands mark TH and decimal mark DEC (a space is a thousands mark
 * too): 1 with *OUT set when it is well-formed under them (thousands
 * groups of three after a first group of one to three digits, at most one
 * decimal mark, after them), else 0.  German "2.000,5" reads with '.' and
 * ',', English "2,000.5" with ',' and '.'. */
int tmk_qa_num_reading(const char *s, size_t n, char th, char dec, double *out);

#endif
