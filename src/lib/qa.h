/*
 * qa.h - quality checks of translations (tmkit check): the rules a
 * reviewer runs before delivery, tuned to find real problems and stay
 * quiet on professional translations.
 *
 * Units are added one by one (from any bilingual file or a TM), then all
 * rules run: the per-unit ones (numbers in both notations, punctuation,
 * quotes, brackets, URLs, untranslated, empty, glossary terms) and the
 * corpus ones (inconsistent translations, length-ratio outliers against
 * the corpus's own ratio).  Rule ids are part of the interface.
 */
#ifndef TMK_QA_H
#define TMK_QA_H
#include <stddef.h>
#include <stdint.h>
#include "tm.h"

typedef enum { TMK_SEV_INFO, TMK_SEV_WARNING, TMK_SEV_ERROR, TMK_SEV_OFF } tmk_severity;

const char *tmk_severity_name(tmk_severity s);
/* "info", "warning", "error", "off" -> severity; -1 when unknown. */
int tmk_severity_parse(const char *s);

typedef struct {
	const char *id;
	tmk_severity severity;  /* by default */
	const char *what;       /* one line for the help */
} tmk_qa_rule;

/* The rules, in the order they are reported. */
const tmk_qa_rule *tmk_qa_rules(size_t *n);
/* The index of rule ID, or -1. */
int tmk_qa_rule_index(const char *id);

typedef struct tmk_qa tmk_qa;

typedef struct {
	const char *file;       /* as added (the qa's copy) */
	long line;
	int rule;               /* index into tmk_qa_rules() */
	tmk_severity severity;
	char *message;
	const char *source, *target;    /* the unit's texts (the qa's copies) */
	int side;               /* what MARK is in: 0 none, 1 source, 2 target */
	size_t mark_start, mark_end;    /* bytes */
	char id[17];            /* stable: rule + unit texts + what was found (hex) */
	const char *segment;    /* the unit's segment id (XLIFF), or NULL */
} tmk_qa_finding;

/* A new checker: every rule at its default severity. */
int tmk_qa_new(tmk_qa **out);
void tmk_qa_free(tmk_qa *q);

/* Set rule ID to SEV (TMK_SEV_OFF: not run).  TMK_EINVAL for an unknown id. */
int tmk_qa_set_severity(tmk_qa *q, const char *id, tmk_severity sev);
/* Run only the rules in the comma-separated LIST (others off). */
int tmk_qa_only(tmk_qa *q, const char *list);
/* Findings whose source or target matches the ICU regular expression RE
 * (for rule ID, or every rule when ID is NULL or "*") are not reported. */
int tmk_qa_ignore(tmk_qa *q, const char *id, const char *re);
/* Findings with id ID (tmk_qa_finding.id) are accepted: not reported. */
int tmk_qa_accept(tmk_qa *q, const char *id);
/* Read a rules file: "rule ID error|warning|info|off", "ignore ID|* REGEX",
 * "accept FINDING-ID", '#' comments; errors name PATH and the line. */
int tmk_qa_config(tmk_qa *q, const char *path);

/* The glossary to check terms against: the term base of TM (read now;
 * keep TM open until tmk_qa_run(): the spelling rule, when on, reads the
 * glossary's words for its dictionary then). */
int tmk_qa_glossary(tmk_qa *q, tmk_tm *tm);

/* Add a unit (texts copied).  An empty target is allowed (it is a finding). */
int tmk_qa_add(tmk_qa *q, const char *file, long line, const char *src_lang, const char *tgt_lang,
	       const char *source, size_t slen, const char *target, size_t tlen);
size_t tmk_qa_units(const tmk_qa *q);
/* Name the unit added last by its segment id SEG (copied; an XLIFF
 * segment's key), which its findings carry. */
int tmk_qa_set_segment(tmk_qa *q, const char *seg);

/* Run the rules over the units added: *OUT the findings (by file, line,
 * rule), valid until tmk_qa_free(); *ACCEPTED how many accepted or
 * ignored ones were left out. */
int tmk_qa_run(tmk_qa *q, const tmk_qa_finding **out, size_t *n, size_t *accepted);

/* The numbers in TEXT (LANG "de" or "en"), for tests: each as the set of
 * values its notation allows (2.000 in German: 2000; 1,5: 1.5), spans in
 * bytes, and whether it was spelled out (soft).  *OUT is freed with free(). */
typedef struct {
	double v[2];
	int nv;
	int soft;               /* a word (zwei, twelve): need not match, may */
	size_t start, end;
} tmk_qa_number;
int tmk_qa_numbers(tmk_qa_number **out, size_t *n, const char *lang, const char *text, size_t len);

#endif
