/*
 * cmd_term.c - `tmkit term`: the glossary (term base) in the TM: add,
 * edit, remove, list, look up, import, export.  A subcommand table, as
 * for the commands themselves.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "atomic.h"
#include "cli.h"
#include "concord.h"
#include "ding.h"
#include "error.h"
#include "extract.h"
#include "json.h"
#include "lexicon.h"
#include "term.h"
#include "term_io.h"
#include "tm.h"

const char help_term[] =
	"usage: tmkit [--tm PATH] term add DE EN [--type T] [--status S] [--domain D]\n"
	"                              [--definition TEXT] [--note TEXT] [--source TEXT]\n"
	"       tmkit [--tm PATH] term edit ID [--add-de TERM] [--add-en TERM] [--status S]\n"
	"                              [--type T] [--domain D] [--definition TEXT] [--note TEXT]\n"
	"       tmkit [--tm PATH] term remove ID [--de TERM | --en TERM]\n"
	"       tmkit [--tm PATH] term list [--type T] [--status S] [--domain D] [--since DATE]\n"
	"       tmkit [--tm PATH] term lookup [--from de|en] [--max N] [--senses N]\n"
	"                              [--examples N] WORD|PHRASE...\n"
	"       tmkit [--tm PATH] term import FILE...\n"
	"       tmkit [--tm PATH] term export --format csv|tmx|tbx [-o FILE] [--bom] [filters]\n"
	"       tmkit [--tm PATH] term extract [--min-freq N] [--top N] [--all] [--accept]\n"
	"                              [--no-lexicon] [--format text|json|csv]\n"
	"\n"
	"The glossary of names and terms, kept in the TM: concepts with German and\n"
	"English terms (several a language: \"Verfassungsschutz; BfV\"), a status per\n"
	"term (preferred, admitted, forbidden), a type (person, organisation, place,\n"
	"term, acronym), domain, definition, note and source.\n"
	"\n"
	"lookup finds what a translator types: any case, with or without accents and\n"
	"umlauts (ä = ae, ß = ss), inflected (des Verfassungsschutzes), a part of a\n"
	"compound (Verfassungsschutzbericht), a term inside a phrase, or a longer term\n"
	"holding the words (Khorasan: Islamischer Staat Provinz Khorasan).  After the\n"
	"glossary's concepts come the Ding dictionary's senses (Debian's trans-de-en;\n"
	"a compound unknown to it as its parts) and examples from the TM's units.\n"
	"import reads CSV/TSV with a header naming the columns (de, en, type, status,\n"
	"note, domain, definition, source, de_status, en_status, de_note, en_note),\n"
	"TBX (TBX-Basic v3 and v2/MARTIF) and TMX; a concept whose preferred terms\n"
	"are there already is merged.  The whole file or nothing.\n"
	"extract proposes German-English pairs from the TM's aligned units: German\n"
	"nouns, compounds, adjective + noun terms, names and acronyms against English\n"
	"names and word runs, by how often they share a unit, backed by the Ding\n"
	"lexicon or alike spelling (Tadschikistan/Tajikistan); pairs the glossary has\n"
	"are left out (--all shows them).  Review the CSV (--format csv), then term\n"
	"import it; or --accept adds the pairs shown (status admitted).\n"
	"\n"
	"Options:\n"
	"  -f, --format F    list and lookup: text (default) or json (one object a\n"
	"                    concept: id, de, en, type, status, origin, ...);\n"
	"                    export: csv, tmx or tbx\n"
	"  -o, --output FILE export: write FILE (whole or not at all), not stdout\n"
	"  --bom             export --format csv: a byte-order mark first (Excel)\n"
	"  --max N           lookup: at most N glossary concepts (default 10)\n"
	"  --senses N        lookup: at most N dictionary senses (default 5; 0: none)\n"
	"  --examples N      lookup: at most N TM examples (default 3; 0: none)\n"
	"  --min-freq N      extract: pairs sharing at least N units (default 3)\n"
	"  --top N           extract: the N best pairs (default 50; 0: all)\n";

enum {
	OPT_TYPE = 1, OPT_STATUS, OPT_DOMAIN, OPT_DEFINITION, OPT_NOTE, OPT_SOURCE, OPT_ADD_DE,
	OPT_ADD_EN, OPT_DE, OPT_EN, OPT_SINCE, OPT_FROM, OPT_MAX, OPT_FORMAT, OPT_OUTPUT, OPT_BOM,
	OPT_SENSES, OPT_EXAMPLES, OPT_MIN_FREQ, OPT_TOP, OPT_ACCEPT, OPT_ALL, OPT_NO_LEXICON
};

static const cli_option options[] = {
	{ "type", 0, 1, OPT_TYPE },
	{ "status", 0, 1, OPT_STATUS },
	{ "domain", 0, 1, OPT_DOMAIN },
	{ "definition", 0, 1, OPT_DEFINITION },
	{ "note", 0, 1, OPT_NOTE },
	{ "source", 0, 1, OPT_SOURCE },
	{ "add-de", 0, 1, OPT_ADD_DE },
	{ "add-en", 0, 1, OPT_ADD_EN },
	{ "de", 0, 1, OPT_DE },
	{ "en", 0, 1, OPT_EN },
	{ "since", 0, 1, OPT_SINCE },
	{ "from", 0, 1, OPT_FROM },
	{ "max", 0, 1, OPT_MAX },
	{ "format", 'f', 1, OPT_FORMAT },
	{ "output", 'o', 1, OPT_OUTPUT },
	{ "bom", 0, 0, OPT_BOM },
	{ "senses", 0, 1, OPT_SENSES },
	{ "examples", 0, 1, OPT_EXAMPLES },
	{ "min-freq", 0, 1, OPT_MIN_FREQ },
	{ "top", 0, 1, OPT_TOP },
	{ "accept", 0, 0, OPT_ACCEPT },
	{ "all", 0, 0, OPT_ALL },
	{ "no-lexicon", 0, 0, OPT_NO_LEXICON },
	{ NULL, 0, 0, 0 },
};

#define MAX_ARGS 64

/* Everything the subcommands' options can say. */
typedef struct {
	cli_ctx *ctx;
	const char *sub;
	const char *args[MAX_ARGS];
	int nargs;
	const char *type, *status, *domain, *definition, *note, *source, *since, *from;
	const char *de, *en, *format, *output;
	const char *add_de[16], *add_en[16];
	int nadd_de, nadd_en, max, senses, examples, bom, json;
	int min_freq, top, accept, all, no_lexicon;
} term_args;

/* ---- printing concepts ----------------------------------------------------- */

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
static void concept_json(tmk_buf *b, const tmk_concept *c, const tmk_term_hit *hit)
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

static void concept_text(tmk_buf *b, const cli_ctx *ctx, const tmk_concept *c, const tmk_term_hit *hit)
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

/* ---- subcommands -------------------------------------------------------------- */

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

static int term_add(term_args *a, tmk_tm *tm)
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

static int term_edit(term_args *a, tmk_tm *tm)
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

static int term_remove(term_args *a, tmk_tm *tm)
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

static int check_filters(const term_args *a)
{
	if (a->type && !tmk_term_type_ok(a->type))
		return cli_usage_error("term", "unknown type '%s' (person, organisation, place, term, "
				       "acronym)", a->type);
	if (a->status && !tmk_term_status_ok(a->status))
		return cli_usage_error("term", "unknown status '%s' (preferred, admitted, forbidden)",
				       a->status);
	return 0;
}

static int term_list(term_args *a, tmk_tm *tm)
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

/* A Ding sense's side ("a; b") as a JSON string or, with several, an array. */
static void json_syns(tmk_buf *b, const char *key, const char *s)
{
	const char *p = s, *semi;
	int many = strstr(s, "; ") != NULL;

	tmk_buf_printf(b, ",\"%s\":", key);
	if (many)
		tmk_buf_putc(b, '[');
	for (int k = 0;; k++) {
		semi = strstr(p, "; ");
		if (k)
			tmk_buf_putc(b, ',');
		tmk_json_str(b, p, semi ? (size_t)(semi - p) : strlen(p));
		if (!semi)
			break;
		p = semi + 2;
	}
	if (many)
		tmk_buf_putc(b, ']');
}

static void sense_json(tmk_buf *b, const tmk_ding_sense *d)
{
	tmk_buf_putc(b, '{');
	tmk_json_kv_str(b, 1, "origin", "dictionary", 10);
	json_syns(b, "de", d->de);
	json_syns(b, "en", d->en);
	tmk_buf_puts(b, ",\"status\":null,\"type\":null");
	tmk_json_kv_str(b, 0, "source", "Ding (trans-de-en)", 18);
	tmk_json_kv_str(b, 0, "match", tmk_match_name(d->how), strlen(tmk_match_name(d->how)));
	tmk_json_kv_str(b, 0, "matched", d->matched, strlen(d->matched));
	tmk_json_kv_str(b, 0, "lang", d->lang, 2);
	tmk_buf_puts(b, "}\n");
}

static void sense_text(tmk_buf *b, const tmk_ding_sense *d)
{
	tmk_buf_printf(b, "ding      %s  =  %s", d->de, d->en);
	if (d->how != TMK_MATCH_EXACT)
		tmk_buf_printf(b, "  (%s: %s)", tmk_match_name(d->how), d->matched);
	tmk_buf_putc(b, '\n');
}

/* A TM example: the unit's two sides, German first. */
static void example_out(tmk_buf *b, const term_args *a, const tmk_concord_hit *h, const char *lang)
{
	const char *de = strcmp(lang, "en") ? h->text : h->translation;
	const char *en = strcmp(lang, "en") ? h->translation : h->text;

	if (a->json) {
		tmk_buf_printf(b, "{\"id\":%lld", (long long)h->id);
		tmk_json_kv_str(b, 0, "origin", "tm", 2);
		tmk_json_kv_str(b, 0, "de", de, strlen(de));
		tmk_json_kv_str(b, 0, "en", en, strlen(en));
		tmk_buf_puts(b, ",\"status\":null,\"type\":null");
		tmk_json_kv_str(b, 0, "match", "concordance", 11);
		if (h->origin)
			tmk_json_kv_str(b, 0, "source", h->origin, strlen(h->origin));
		tmk_buf_puts(b, "}\n");
	} else {
		tmk_buf_printf(b, "tm %6lld  %s\n                 %s\n", (long long)h->id, de, en);
	}
}

/* The Ding senses of Q (at most MAX); a missing dictionary is a warning. */
static int dictionary_senses(term_args *a, tmk_ding_sense **s, size_t *n, const char *q, size_t len)
{
	tmk_buf idx = TMK_BUF_INIT;
	tmk_ding *d = NULL;
	int rc = tmk_ding_index_path(&idx);

	*s = NULL;
	*n = 0;
	rc = tmk_ding_open(&d, TMK_DING_PATH, rc == 0 ? idx.ptr : NULL);
	tmk_buf_release(&idx);
	if (rc < 0) {
		cli_warn(a->ctx, "term", "no dictionary senses: %s", tmk_error_last());
		return 0;
	}
	rc = tmk_ding_lookup(d, s, n, a->from, q, len, (size_t)a->senses);
	tmk_ding_free(d);
	return rc;
}

/*
 * term lookup: the glossary's concepts, then the Ding dictionary's senses,
 * then examples from the TM's units (concordance), each part in its own
 * order of relevance.  Without a TM, the dictionary alone.
 */
static int term_lookup(term_args *a, tmk_tm *tm)
{
	tmk_buf out = TMK_BUF_INIT, q = TMK_BUF_INIT;
	tmk_term_hit *h = NULL;
	tmk_ding_sense *ds = NULL;
	tmk_concord_hit *ex = NULL;
	size_t n = 0, nd = 0, nx = 0;
	const char *lang;
	int rc = 0;

	if (a->nargs == 0)
		return cli_usage_error("term", "lookup wants a word or a phrase");
	if (a->from && strcmp(a->from, "de") && strcmp(a->from, "en"))
		return cli_usage_error("term", "--from wants de or en, not '%s'", a->from);
	for (int i = 0; i < a->nargs; i++) {    /* the words as one phrase */
		if (i)
			tmk_buf_putc(&q, ' ');
		tmk_buf_puts(&q, a->args[i]);
	}
	if (tm)
		rc = tmk_term_lookup(tm, &h, &n, a->from, q.ptr, q.len, (size_t)a->max);
	if (rc == 0 && a->senses > 0)
		rc = dictionary_senses(a, &ds, &nd, q.ptr, q.len);
	/* the query's language: as asked, else as the best hit says */
	lang = a->from ? a->from : n ? h[0].lang : nd ? ds[0].lang : "de";
	if (rc == 0 && tm && a->examples > 0) {
		tmk_concord_opts o = { lang, a->examples };
		rc = tmk_concord(tm, &ex, &nx, q.ptr, q.len, &o);
	}
	if (rc < 0) {
		rc = cli_fail(a->ctx, "term");
		goto done;
	}
	for (size_t i = 0; i < n; i++)
		if (a->json)
			concept_json(&out, h[i].concept, &h[i]);
		else
			concept_text(&out, a->ctx, h[i].concept, &h[i]);
	for (size_t i = 0; i < nd; i++)
		if (a->json)
			sense_json(&out, &ds[i]);
		else
			sense_text(&out, &ds[i]);
	for (size_t i = 0; i < nx; i++)
		example_out(&out, a, &ex[i], lang);
	rc = cli_write(a->ctx, "term", &out);
	if (rc == EXIT_OK)
		rc = cli_finish_output(a->ctx, "term");
	if (rc == EXIT_OK && n + nd + nx == 0) {
		const char *where[3];
		int k = 0;
		if (tm)
			where[k++] = "the glossary";
		if (a->senses > 0)
			where[k++] = "the dictionary";
		if (tm && a->examples > 0)
			where[k++] = "the TM";
		fprintf(stderr, "tmkit term: '%s' is not in ", q.ptr);
		for (int i = 0; i < k; i++)
			fprintf(stderr, "%s%s", i == 0 ? "" : i + 1 == k ? " or " : ", ", where[i]);
		fprintf(stderr, k ? "\n" : "anything searched (--senses 0 and no TM)\n");
		rc = EXIT_FAIL;
	}
done:
	tmk_term_hits_free(h, n);
	tmk_ding_senses_free(ds, nd);
	tmk_concord_free(ex, nx);
	tmk_buf_release(&out);
	tmk_buf_release(&q);
	return rc;
}

/* A CSV field (RFC 4180: quoted when it holds a comma, quote or newline). */
static void csv_field(tmk_buf *b, const char *s, int last)
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

static void candidate_out(tmk_buf *b, const term_args *a, const tmk_term_candidate *c, size_t rank,
			  int csv)
{
	char note[160];

	snprintf(note, sizeof(note), "extracted: score %.2f, %zu units together, evidence %s%s", c->score,
		 c->together, c->evidence, c->known ? ", in the glossary" : "");
	if (csv) {
		csv_field(b, c->de, 0);
		csv_field(b, c->en, 0);
		csv_field(b, strcmp(c->type, "acronym") ? "term" : "acronym", 0);
		csv_field(b, "admitted", 0);
		csv_field(b, note, 0);
		csv_field(b, "tmkit term extract", 1);
	} else if (a->json) {
		tmk_buf_printf(b, "{\"rank\":%zu", rank);
		tmk_json_kv_str(b, 0, "de", c->de, strlen(c->de));
		tmk_json_kv_str(b, 0, "en", c->en, strlen(c->en));
		tmk_json_kv_str(b, 0, "origin", "extract", 7);
		tmk_json_kv_str(b, 0, "status", "proposed", 8);
		tmk_json_kv_str(b, 0, "type", c->type, strlen(c->type));
		tmk_buf_printf(b, ",\"score\":%.4f,\"dice\":%.4f,\"llr\":%.1f,\"together\":%zu,\"de_freq\":%zu,"
			       "\"en_freq\":%zu", c->score, c->dice, c->llr, c->together, c->de_freq, c->en_freq);
		tmk_json_kv_str(b, 0, "evidence", c->evidence, strlen(c->evidence));
		tmk_buf_printf(b, ",\"known\":%s", c->known ? "true" : "false");
		if (c->example_de) {
			tmk_buf_printf(b, ",\"example_id\":%lld", (long long)c->example_id);
			tmk_json_kv_str(b, 0, "example_de", c->example_de, strlen(c->example_de));
			tmk_json_kv_str(b, 0, "example_en", c->example_en, strlen(c->example_en));
		}
		tmk_buf_puts(b, "}\n");
	} else {
		tmk_buf_printf(b, "%4zu  %.2f %4zu  %s  =  %s  [%s, %s%s]\n", rank, c->score, c->together, c->de,
			       c->en, c->type, c->evidence, c->known ? ", in the glossary" : "");
		if (c->example_de)
			tmk_buf_printf(b, "                 %s\n                 %s\n", c->example_de, c->example_en);
	}
}

/*
 * term extract: German-English term pairs proposed from the TM's aligned
 * units, ranked; --format csv gives a file `term import` reads back after
 * review, --accept adds the pairs shown (status admitted) at once.
 */
static int term_extract(term_args *a, tmk_tm *tm)
{
	tmk_extract_opts o = { a->min_freq, (size_t)a->top, NULL, a->all, cli_progress_update, NULL };
	tmk_term_candidate *c = NULL;
	tmk_lexicon *lx = NULL;
	tmk_buf out = TMK_BUF_INIT;
	cli_progress pr;
	size_t n = 0, added = 0, merged = 0;
	int rc, csv = a->format && !strcmp(a->format, "csv");

	if (a->nargs)
		return cli_usage_error("term", "extract takes no arguments: it reads the TM's units");
	if (!a->no_lexicon) {
		tmk_buf cache = TMK_BUF_INIT;
		rc = tmk_lexicon_cache_path(&cache);
		if (tmk_lexicon_open(&lx, TMK_DING_PATH, rc == 0 ? cache.ptr : NULL) < 0)
			cli_warn(a->ctx, "term", "pairs without the lexicon's evidence: %s (or --no-lexicon)",
				 tmk_error_last());
		tmk_buf_release(&cache);
	}
	o.lex = lx;
	cli_progress_init(&pr, "term", "units");
	o.ud = &pr;
	rc = tmk_term_extract(tm, &c, &n, &o);
	cli_progress_end(&pr);
	tmk_lexicon_free(lx);
	if (rc < 0)
		return cli_fail(a->ctx, "term");
	if (csv)
		tmk_buf_puts(&out, "de,en,type,status,note,source\r\n");
	else if (!a->json && n)
		tmk_buf_puts(&out, "rank score units  German  =  English  [type, evidence]\n");
	for (size_t i = 0; i < n; i++)
		candidate_out(&out, a, &c[i], i + 1, csv);
	if (a->accept && n) {
		rc = tmk_tm_begin(tm);
		for (size_t i = 0; i < n && rc == 0; i++) {
			tmk_term_in t[2] = { { "de", c[i].de, strlen(c[i].de), "admitted", NULL },
					     { "en", c[i].en, strlen(c[i].en), "admitted", NULL } };
			/* a name's kind (person, place, organisation) is the reviewer's to say */
			tmk_concept_in ci = { strcmp(c[i].type, "acronym") ? "term" : "acronym", NULL, NULL, NULL,
					      "tmkit term extract", t, 2 };
			int64_t id;
			int m, ch;
			if ((rc = tmk_concept_add(tm, &id, &m, &ch, &ci)) == 0) {
				added += !m;
				merged += m && ch;
			}
		}
		rc = rc == 0 ? tmk_tm_commit(tm) : (tmk_tm_rollback(tm), rc);
		if (rc < 0) {
			tmk_term_candidates_free(c, n);
			tmk_buf_release(&out);
			return cli_fail(a->ctx, "term");
		}
	}
	rc = cli_write(a->ctx, "term", &out);
	if (rc == EXIT_OK)
		rc = cli_finish_output(a->ctx, "term");
	if (a->accept)
		fprintf(stderr, "tmkit term: %zu concepts added, %zu merged into the glossary\n", added, merged);
	else if (n == 0 && rc == EXIT_OK) {
		fprintf(stderr, "tmkit term: no pair of terms in %d units or more (try --min-freq)\n",
			a->min_freq);
		rc = EXIT_FAIL;
	}
	tmk_term_candidates_free(c, n);
	tmk_buf_release(&out);
	return rc;
}

static void report_row(void *ud, const char *file, long line, const char *what, int64_t id)
{
	(void)ud;
	fprintf(stderr, "%s:%ld: %s %lld\n", file, line, what, (long long)id);
}

static int term_import(term_args *a, tmk_tm *tm)
{
	int rc = EXIT_OK;

	if (a->nargs == 0)
		return cli_usage_error("term", "import wants a file (CSV, TSV, TBX or TMX)");
	for (int i = 0; i < a->nargs; i++) {
		tmk_term_import_report rep = { 0, 0, 0, report_row, NULL };
		if (tmk_term_import(tm, &rep, a->args[i]) < 0) {
			rc = cli_fail(a->ctx, "term");
			fprintf(stderr, "tmkit term: %s: nothing imported\n", a->args[i]);
			continue;
		}
		fprintf(stderr, "tmkit term: %s: %zu concepts added, %zu merged, %zu already there\n",
			a->args[i], rep.added, rep.merged, rep.unchanged);
	}
	return rc;
}

static int term_export(term_args *a, tmk_tm *tm)
{
	tmk_term_filter f = { a->type, a->status, a->domain, a->since };
	tmk_term_format fmt;
	size_t count;
	FILE *out = stdout;
	tmk_atomic *file = NULL;
	int rc;

	if (a->nargs)
		return cli_usage_error("term", "export takes no arguments (-o FILE for a file)");
	if (!a->format)
		return cli_usage_error("term", "export wants --format csv, tmx or tbx");
	if (!strcmp(a->format, "csv"))
		fmt = TMK_TERM_CSV;
	else if (!strcmp(a->format, "tmx"))
		fmt = TMK_TERM_TMX;
	else if (!strcmp(a->format, "tbx"))
		fmt = TMK_TERM_TBX;
	else
		return cli_usage_error("term", "unknown export format '%s' (csv, tmx or tbx)", a->format);
	if ((rc = check_filters(a)))
		return rc;
	if (a->output) {        /* beside the target, renamed into place when complete */
		if (tmk_atomic_open(&file, a->output) < 0)
			return cli_fail(a->ctx, "term");
		out = tmk_atomic_stream(file);
	}
	rc = tmk_term_export(tm, out, fmt, &f, a->bom, &count) < 0 ? cli_fail(a->ctx, "term") : EXIT_OK;
	if (file && rc == EXIT_OK)
		rc = tmk_atomic_commit(file) < 0 ? cli_fail(a->ctx, "term") : EXIT_OK;
	else if (file)
		tmk_atomic_abort(file);
	else if (rc == EXIT_OK)
		rc = cli_finish_output(a->ctx, "term");
	if (rc == EXIT_OK)
		fprintf(stderr, "tmkit term: exported %zu concepts\n", count);
	return rc;
}

static const struct {
	const char *name;
	int (*fn)(term_args *a, tmk_tm *tm);
	int readonly;
} subs[] = {
	{ "add", term_add, 0 },
	{ "edit", term_edit, 0 },
	{ "remove", term_remove, 0 },
	{ "list", term_list, 1 },
	{ "lookup", term_lookup, 1 },
	{ "import", term_import, 0 },
	{ "extract", term_extract, 1 },         /* written to with --accept */
	{ "export", term_export, 1 },
};

int cmd_term(cli_ctx *ctx, int argc, char **argv)
{
	term_args a;
	const char *arg;
	cli_parser p;
	tmk_buf tmpath = TMK_BUF_INIT;
	tmk_tm *tm;
	int id, rc, s = -1;

	memset(&a, 0, sizeof(a));
	a.ctx = ctx;
	a.max = 10;
	a.senses = 5;
	a.examples = 3;
	a.min_freq = 3;
	a.top = 50;
	cli_parser_init(&p, "term", argc, argv);
	while ((id = cli_next(&p, options, &arg)) != -1) {
		switch (id) {
		case 0:
			if (!a.sub)
				a.sub = arg;
			else if (a.nargs == MAX_ARGS)
				return cli_usage_error("term", "too many arguments");
			else
				a.args[a.nargs++] = arg;
			break;
		case OPT_TYPE: a.type = arg; break;
		case OPT_STATUS: a.status = arg; break;
		case OPT_DOMAIN: a.domain = arg; break;
		case OPT_DEFINITION: a.definition = arg; break;
		case OPT_NOTE: a.note = arg; break;
		case OPT_SOURCE: a.source = arg; break;
		case OPT_SINCE: a.since = arg; break;
		case OPT_FROM: a.from = arg; break;
		case OPT_DE: a.de = arg; break;
		case OPT_EN: a.en = arg; break;
		case OPT_OUTPUT: a.output = arg; break;
		case OPT_BOM: a.bom = 1; break;
		case OPT_FORMAT: a.format = arg; break;
		case OPT_ADD_DE:
			if (a.nadd_de == 16)
				return cli_usage_error("term", "too many --add-de");
			a.add_de[a.nadd_de++] = arg;
			break;
		case OPT_ADD_EN:
			if (a.nadd_en == 16)
				return cli_usage_error("term", "too many --add-en");
			a.add_en[a.nadd_en++] = arg;
			break;
		case OPT_MAX:
			if (cli_parse_int(arg, 1, 1000, &a.max) < 0)
				return cli_usage_error("term", "--max wants a number from 1 to 1000, not '%s'", arg);
			break;
		case OPT_MIN_FREQ:
			if (cli_parse_int(arg, 1, 1000000, &a.min_freq) < 0)
				return cli_usage_error("term", "--min-freq wants a number from 1, not '%s'", arg);
			break;
		case OPT_TOP:
			if (cli_parse_int(arg, 0, 1000000, &a.top) < 0)
				return cli_usage_error("term", "--top wants a number (0: all), not '%s'", arg);
			break;
		case OPT_ACCEPT: a.accept = 1; break;
		case OPT_ALL: a.all = 1; break;
		case OPT_NO_LEXICON: a.no_lexicon = 1; break;
		case OPT_SENSES:
			if (cli_parse_int(arg, 0, 1000, &a.senses) < 0)
				return cli_usage_error("term", "--senses wants a number from 0 to 1000, not '%s'", arg);
			break;
		case OPT_EXAMPLES:
			if (cli_parse_int(arg, 0, 1000, &a.examples) < 0)
				return cli_usage_error("term", "--examples wants a number from 0 to 1000, not '%s'",
						       arg);
			break;
		default:
			return -id;
		}
	}
	if (!a.sub)
		return cli_usage_error("term", "which: add, edit, remove, list, lookup, import, export or extract?");
	for (size_t i = 0; i < sizeof(subs) / sizeof(subs[0]); i++)
		if (!strcmp(subs[i].name, a.sub))
			s = (int)i;
	if (s < 0)
		return cli_usage_error("term", "unknown subcommand '%s' (add, edit, remove, list, lookup, "
				       "import, export, extract)", a.sub);
	if (subs[s].fn != term_export && a.format) {
		if (!strcmp(a.format, "json"))
			a.json = 1;
		else if (subs[s].fn == term_extract && !strcmp(a.format, "csv"))
			;
		else if (strcmp(a.format, "text"))
			return cli_usage_error("term", "unknown format '%s' (text or json%s)", a.format,
					       subs[s].fn == term_extract ? " or csv" : "");
	}
	tm = NULL;
	if (subs[s].fn == term_lookup && !cli_tm_exists(ctx, &tmpath))
		rc = EXIT_OK;   /* the dictionary alone */
	else
		rc = cli_open_tm(ctx, "term", subs[s].readonly && !a.accept ? TMK_TM_READONLY : 0, &tm);
	tmk_buf_release(&tmpath);
	if (rc != EXIT_OK)
		return rc;
	rc = subs[s].fn(&a, tm);
	tmk_tm_free(tm);
	return rc;
}
