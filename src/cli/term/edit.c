/*
 * term/edit.c - `tmkit term add`, `edit`, `remove` and `list`: the glossary
 * changed and listed concept by concept.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "error.h"
#include "term.h"
#include "tm.h"
#include "term/term_cli.h"

/* Split "a; b" into terms of LANG appended to T (at most MAX in all). */
static int split_terms(tmk_term_in *t, size_t *n, size_t max, const char *lang, const char *s,
		       const char *status)
{
	while (*s) {
		const char *e = strchr(s, ';');
		size_t len = e ? (size_t)(e - s) : strlen(s);
		if (*n == max)
			return -1;
		t[*n].lang = lang;
		t[*n].text = s;
		t[*n].len = len;
		t[*n].status = status;
		t[*n].note = NULL;
		(*n)++;
		s += len;
		if (*s == ';')
			s++;
		while (*s == ' ')
			s++;
	}
	return 0;
}

int term_add(term_args *a, tmk_tm *tm)
{
	tmk_term_in t[32];
	tmk_concept_in c = { a->type, a->domain, a->definition, a->note, a->source, t, 0 };
	int64_t id;
	int merged, changed;

	if (a->nargs != 2)
		return cli_usage_error("term", "add wants two arguments: the German term, then the English");
	if (split_terms(t, &c.nterms, 16, "de", a->args[0], NULL) < 0 ||
	    split_terms(t, &c.nterms, 32, "en", a->args[1], NULL) < 0)
		return cli_usage_error("term", "too many terms");
	if (a->status)          /* the status of the terms given first */
		for (size_t i = 0; i < c.nterms; i++)
			if (i == 0 || strcmp(t[i].lang, t[i - 1].lang))
				t[i].status = a->status;
	if (tmk_concept_add(tm, &id, &merged, &changed, &c) < 0)
		return cli_fail(a->ctx, "term");
	printf("%s concept %lld\n", !merged ? "added" : changed ? "merged into" : "already there:",
	       (long long)id);
	return EXIT_OK;
}

static int parse_id(const char *s, int64_t *id)
{
	char *end;
	long long v;

	errno = 0;
	v = strtoll(s, &end, 10);
	if (end == s || *end || errno || v <= 0)
		return -1;
	*id = v;
	return 0;
}

int term_edit(term_args *a, tmk_tm *tm)
{
	tmk_term_in t[32];
	tmk_concept_in c = { a->type, a->domain, a->definition, a->note, a->source, t, 0 };
	int64_t id;

	if (a->nargs != 1 || parse_id(a->args[0], &id) < 0)
		return cli_usage_error("term", "edit wants the concept's id (see term list)");
	for (int i = 0; i < a->nadd_de; i++)
		split_terms(t, &c.nterms, 16, "de", a->add_de[i], a->status);
	for (int i = 0; i < a->nadd_en; i++)
		split_terms(t, &c.nterms, 32, "en", a->add_en[i], a->status);
	if (tmk_concept_edit(tm, id, &c) < 0)
		return cli_fail(a->ctx, "term");
	printf("changed concept %lld\n", (long long)id);
	return EXIT_OK;
}

int term_remove(term_args *a, tmk_tm *tm)
{
	int64_t id;

	if (a->nargs != 1 || parse_id(a->args[0], &id) < 0)
		return cli_usage_error("term", "remove wants the concept's id (see term list)");
	if (a->de && a->en)
		return cli_usage_error("term", "remove one term at a time: --de or --en");
	if (tmk_concept_remove(tm, id, a->de ? "de" : "en", a->de ? a->de : a->en) < 0)
		return cli_fail(a->ctx, "term");
	if (a->de || a->en)
		printf("removed %s term '%s' of concept %lld\n", a->de ? "de" : "en", a->de ? a->de : a->en,
		       (long long)id);
	else
		printf("removed concept %lld\n", (long long)id);
	return EXIT_OK;
}

typedef struct {
	term_args *a;
	tmk_buf out;
	size_t n;
} list_state;

static int list_one(void *ud, const tmk_concept *c)
{
	list_state *ls = ud;

	if (ls->a->json)
		concept_json(&ls->out, c, NULL);
	else
		concept_text(&ls->out, ls->a->ctx, c, NULL);
	ls->n++;
	if (ls->out.len > 65536) {
		if (cli_write(ls->a->ctx, "term", &ls->out) != EXIT_OK)
			return TMK_EIO;
		tmk_buf_clear(&ls->out);
	}
	return 0;
}

int check_filters(const term_args *a)
{
	if (a->type && !tmk_term_type_ok(a->type))
		return cli_usage_error("term", "unknown type '%s' (person, organisation, place, term, "
				       "acronym)", a->type);
	if (a->status && !tmk_term_status_ok(a->status))
		return cli_usage_error("term", "unknown status '%s' (preferred, admitted, forbidden)",
				       a->status);
	return 0;
}

int term_list(term_args *a, tmk_tm *tm)
{
	tmk_term_filter f = { a->type, a->status, a->domain, a->since };
	list_state ls = { a, TMK_BUF_INIT, 0 };
	int rc;

	if (a->nargs)
		return cli_usage_error("term", "list takes no arguments (filters: --type --status "
				       "--domain --since)");
	if ((rc = check_filters(a)))
		return rc;
	if (tmk_term_list(tm, &f, list_one, &ls) < 0) {
		tmk_buf_release(&ls.out);
		return cli_fail(a->ctx, "term");
	}
	rc = cli_write(a->ctx, "term", &ls.out);
	tmk_buf_release(&ls.out);
	if (rc == EXIT_OK && !a->json && isatty(1))
		fprintf(stderr, "%zu concepts\n", ls.n);
	return rc == EXIT_OK ? cli_finish_output(a->ctx, "term") : rc;
}
