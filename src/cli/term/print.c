/*
 * term/print.c - `tmkit term`: concepts printed for people (text) and
 * programs (JSON Lines), and CSV fields, shared by the subcommands.
 */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "json.h"
#include "term.h"
#include "term/term_cli.h"

/* The terms of C in LANG as a JSON string (one) or array (several). */
static void json_terms(tmk_buf *b, const tmk_concept *c, const char *lang)
{
	size_t n = 0;

	for (size_t i = 0; i < c->nterms; i++)
		n += !strcmp(c->terms[i].lang, lang);
	tmk_buf_printf(b, ",\"%s\":", lang);
	if (n == 0) {
		tmk_buf_puts(b, "null");
		return;
	}
	if (n > 1)
		tmk_buf_putc(b, '[');
	for (size_t i = 0, k = 0; i < c->nterms; i++)
		if (!strcmp(c->terms[i].lang, lang)) {
			if (k++)
				tmk_buf_putc(b, ',');
			tmk_json_str(b, c->terms[i].text, strlen(c->terms[i].text));
		}
	if (n > 1)
		tmk_buf_putc(b, ']');
}

static void json_opt(tmk_buf *b, const char *key, const char *v)
{
	if (v)
		tmk_json_kv_str(b, 0, key, v, strlen(v));
}

/* One concept as a JSON object (HIT: how a lookup found it, or NULL). */
void concept_json(tmk_buf *b, const tmk_concept *c, const tmk_term_hit *hit)
{
	const char *status = c->nterms ? c->terms[0].status : "preferred";

	if (hit)                /* the status of the term that matched */
		for (size_t i = 0; i < c->nterms; i++)
			if (!strcmp(c->terms[i].text, hit->matched) && !strcmp(c->terms[i].lang, hit->lang))
				status = c->terms[i].status;
	tmk_buf_printf(b, "{\"id\":%lld", (long long)c->id);
	json_terms(b, c, "de");
	json_terms(b, c, "en");
	tmk_json_kv_str(b, 0, "origin", "glossary", 8);
	tmk_json_kv_str(b, 0, "status", status, strlen(status));
	tmk_json_kv_str(b, 0, "type", c->type, strlen(c->type));
	json_opt(b, "domain", c->domain);
	json_opt(b, "definition", c->definition);
	json_opt(b, "note", c->note);
	json_opt(b, "source", c->source);
	if (hit) {
		tmk_json_kv_str(b, 0, "match", tmk_match_name(hit->how), strlen(tmk_match_name(hit->how)));
		tmk_json_kv_str(b, 0, "matched", hit->matched, strlen(hit->matched));
	}
	tmk_buf_puts(b, ",\"terms\":[");
	for (size_t i = 0; i < c->nterms; i++) {
		const tmk_term *t = &c->terms[i];
		tmk_buf_puts(b, i ? ",{" : "{");
		tmk_json_kv_str(b, 1, "lang", t->lang, strlen(t->lang));
		tmk_json_kv_str(b, 0, "text", t->text, strlen(t->text));
		tmk_json_kv_str(b, 0, "status", t->status, strlen(t->status));
		json_opt(b, "note", t->note);
		tmk_buf_putc(b, '}');
	}
	tmk_buf_puts(b, "]}\n");
}

/* The terms of C in LANG for people: "Verfassungsschutz; BfV; ~~Staatsschutz~~". */
static void text_terms(tmk_buf *b, const cli_ctx *ctx, const tmk_concept *c, const char *lang)
{
	int k = 0;

	for (size_t i = 0; i < c->nterms; i++) {
		const tmk_term *t = &c->terms[i];
		int forbidden = !strcmp(t->status, "forbidden");
		if (strcmp(t->lang, lang))
			continue;
		if (k++)
			tmk_buf_puts(b, "; ");
		if (forbidden)
			tmk_buf_puts(b, ctx->color ? "\033[9;31m" : "not: ");
		else if (k == 1 && ctx->color)
			tmk_buf_puts(b, "\033[1m");
		tmk_buf_puts(b, t->text);
		if (forbidden || (k == 1 && ctx->color))
			tmk_buf_puts(b, ctx->color ? "\033[0m" : "");
	}
	if (!k)
		tmk_buf_puts(b, "-");
}

void concept_text(tmk_buf *b, const cli_ctx *ctx, const tmk_concept *c, const tmk_term_hit *hit)
{
	tmk_buf_printf(b, "%5lld  ", (long long)c->id);
	text_terms(b, ctx, c, "de");
	tmk_buf_puts(b, "  =  ");
	text_terms(b, ctx, c, "en");
	tmk_buf_printf(b, "  [%s%s%s]", c->type, c->domain ? ", " : "", c->domain ? c->domain : "");
	if (hit && hit->how != TMK_MATCH_EXACT)
		tmk_buf_printf(b, "  (%s: %s)", tmk_match_name(hit->how), hit->matched);
	tmk_buf_putc(b, '\n');
	if (c->definition)
		tmk_buf_printf(b, "       definition: %s\n", c->definition);
	if (c->note)
		tmk_buf_printf(b, "       note: %s\n", c->note);
	for (size_t i = 0; i < c->nterms; i++)
		if (c->terms[i].note)
			tmk_buf_printf(b, "       %s \"%s\": %s\n", c->terms[i].lang, c->terms[i].text,
				       c->terms[i].note);
}

/* A CSV field (RFC 4180: quoted when it holds a comma, quote or newline). */
void csv_field(tmk_buf *b, const char *s, int last)
{
	if (strpbrk(s, ",\"\r\n")) {
		tmk_buf_putc(b, '"');
		for (; *s; s++) {
			if (*s == '"')
				tmk_buf_putc(b, '"');
			tmk_buf_putc(b, *s);
		}
		tmk_buf_putc(b, '"');
	} else {
		tmk_buf_puts(b, s);
	}
	tmk_buf_puts(b, last ? "\r\n" : ",");
}
