/*
 * srx.c - reading SRX 2.0 files and segmenting with their rules; see
 * srx.h.  (srx_export.c writes tmkit's own rules as SRX.)
 *
 * The parse is a small state machine on expat in namespace mode: elements
 * of other namespaces (tools' extensions, such as Okapi's options in the
 * header) are skipped with their content; an element of the SRX namespace
 * that SRX 2.0 does not define is an error, and so is any entity
 * declaration (the door to expansion bombs and external entities).
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <expat.h>
#include <unicode/uregex.h>
#include <unicode/ustring.h>
#include <unicode/utf16.h>
#include <unicode/utf8.h>

#include "error.h"
#include "formats/xml.h"
#include "paragraph.h"
#include "srx.h"
#include "utf8.h"

#define SRX_NS "http://www.lisa.org/srx20"
/* How long one search of a regular expression may run, in ICU's time
 * steps (10,000 match operations each, of the order of a millisecond):
 * a rule that backtracks without end, "(a+)+b", fails with
 * U_REGEX_TIME_OUT instead of hanging the run.  On a paragraph the limit
 * grows with its length, 1,000 operations a character, since one search
 * may scan all of it. */
#define SRX_TIME_LIMIT 1000
#define NS_SEP '\x01'

typedef struct {
	int brk;                    /* break="yes" */
	size_t line;                /* of the <rule> */
	URegularExpression *re;     /* (?:before)(?=after) */
} srx_rule;

typedef struct {
	char *name;
	size_t line;
	srx_rule *rules;
	size_t n, cap;
} srx_langrule;

typedef struct {
	URegularExpression *pat;    /* languagepattern, whole, any case */
	size_t langrule;            /* index into lr */
} srx_map;

struct tmk_srx {
	int cascade;
	srx_langrule *lr;
	size_t nlr;
	srx_map *maps;
	size_t nmaps;
	/* the rules of the last language asked for */
	char lang[64];
	srx_rule **active;
	size_t nactive;
	/* work space of tmk_srx_segment() */
	UChar *u16;
	size_t *off;                /* byte offset of each UTF-16 unit, and the end */
	unsigned char *dec;         /* per UTF-16 position: 0 none, 1 break, 2 no break */
	size_t cap;
};

/* The parse's state. */
typedef struct {
	XML_Parser p;
	const char *name;
	tmk_srx *srx;
	int rc;
	int root_seen, in_rule, in_text;  /* in_text: 1 beforebreak, 2 afterbreak */
	int seen_before, seen_after;
	size_t skip;                /* depth inside a foreign element */
	int rule_brk;
	size_t rule_line;
	tmk_buf before, after;
	/* language maps as read: resolved at the end */
	struct pending_map {
		char *pattern, *rulename;
		size_t line;
	} *pm;
	size_t npm, cappm;
} srx_state;

static int fail(srx_state *st, int code, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Record the first error (file and line) and stop the parser. */
static int fail(srx_state *st, int code, const char *fmt, ...)
{
	va_list ap;
	int rc;

	va_start(ap, fmt);
	rc = tmk_xml_fail(st->p, &st->rc, st->name, code, fmt, ap);
	va_end(ap);
	return rc;
}

/* A yes/no attribute: DEF when absent, -1 when it is something else. */
static int yes_no(const char *v, int def)
{
	if (!v)
		return def;
	return strcmp(v, "yes") == 0 ? 1 : strcmp(v, "no") == 0 ? 0 : -1;
}

/* Split an expat namespace name "URI\x01local" into *LOCAL; returns
 * whether the URI is SRX 2.0's. */
static int srx_name(const char *name, const char **local)
{
	const char *sep = strchr(name, NS_SEP);

	*local = sep ? sep + 1 : name;
	return sep && (size_t)(sep - name) == strlen(SRX_NS) && memcmp(name, SRX_NS, strlen(SRX_NS)) == 0;
}

static void start_root(srx_state *st, int in_ns, const char *local, const XML_Char **a)
{
	const char *v = tmk_xml_attr_value(a, "version");

	st->root_seen = 1;
	if (strcmp(local, "srx") != 0)
		fail(st, TMK_EINPUT, "not an SRX file: the root element is <%s>, not <srx>", local);
	else if (!in_ns && v && strcmp(v, "1.0") == 0)
		fail(st, TMK_EINPUT, "SRX 1.0 is not supported: tmkit reads SRX 2.0 "
		     "(<srx version=\"2.0\" xmlns=\"" SRX_NS "\">)");
	else if (!in_ns)
		fail(st, TMK_EINPUT, "<srx> is not in the SRX 2.0 namespace (xmlns=\"" SRX_NS "\")");
	else if (!v || strcmp(v, "2.0") != 0)
		fail(st, TMK_EINPUT, "SRX version \"%s\" is not supported (tmkit reads version=\"2.0\")",
		     v ? v : "(none)");
}

static void start_languagerule(srx_state *st, const XML_Char **a)
{
	tmk_srx *srx = st->srx;
	const char *name = tmk_xml_attr_value(a, "languagerulename");
	srx_langrule *lr;

	if (!name)
		return (void)fail(st, TMK_EINPUT, "<languagerule> without languagerulename");
	for (size_t i = 0; i < srx->nlr; i++)
		if (strcmp(srx->lr[i].name, name) == 0)
			return (void)fail(st, TMK_EINPUT, "languagerule \"%s\" defined twice (first at line %zu)",
					  name, srx->lr[i].line);
	lr = realloc(srx->lr, (srx->nlr + 1) * sizeof(*lr));
	if (!lr)
		return (void)fail(st, TMK_ENOMEM, "out of memory");
	srx->lr = lr;
	lr += srx->nlr;
	memset(lr, 0, sizeof(*lr));
	if (!(lr->name = strdup(name)))
		return (void)fail(st, TMK_ENOMEM, "out of memory");
	lr->line = (size_t)XML_GetCurrentLineNumber(st->p);
	srx->nlr++;
}

static void start_languagemap(srx_state *st, const XML_Char **a)
{
	const char *pat = tmk_xml_attr_value(a, "languagepattern"), *rule = tmk_xml_attr_value(a, "languagerulename");
	struct pending_map *pm;

	if (!pat || !rule)
		return (void)fail(st, TMK_EINPUT, "<languagemap> needs languagepattern and languagerulename");
	if (st->npm == st->cappm) {
		size_t cap = st->cappm ? st->cappm * 2 : 8;
		if (!(pm = realloc(st->pm, cap * sizeof(*pm))))
			return (void)fail(st, TMK_ENOMEM, "out of memory");
		st->pm = pm;
		st->cappm = cap;
	}
	pm = &st->pm[st->npm];
	pm->pattern = strdup(pat);
	pm->rulename = strdup(rule);
	pm->line = (size_t)XML_GetCurrentLineNumber(st->p);
	st->npm++;
	if (!pm->pattern || !pm->rulename)
		fail(st, TMK_ENOMEM, "out of memory");
}

static void XMLCALL on_start(void *ud, const XML_Char *name, const XML_Char **a)
{
	srx_state *st = ud;
	const char *local;
	int in_ns = srx_name(name, &local);

	if (st->rc)
		return;
	if (!st->root_seen)
		return start_root(st, in_ns, local, a);
	if (st->skip || !in_ns) {
		st->skip++;             /* a tool's extension: skipped whole */
		return;
	}
	if (st->in_text)
		return (void)fail(st, TMK_EINPUT, "<%s> inside a regular expression", local);
	if (strcmp(local, "header") == 0) {
		int c = yes_no(tmk_xml_attr_value(a, "cascade"), 0), sub = yes_no(tmk_xml_attr_value(a, "segmentsubflows"), 1);
		if (c < 0 || sub < 0)
			return (void)fail(st, TMK_EINPUT, "<header>: cascade and segmentsubflows are \"yes\" or \"no\"");
		st->srx->cascade = c;
	} else if (strcmp(local, "languagerule") == 0) {
		start_languagerule(st, a);
	} else if (strcmp(local, "rule") == 0) {
		if (st->srx->nlr == 0 || st->in_rule)
			return (void)fail(st, TMK_EINPUT, "<rule> outside a <languagerule>");
		if ((st->rule_brk = yes_no(tmk_xml_attr_value(a, "break"), 1)) < 0)
			return (void)fail(st, TMK_EINPUT, "<rule break=\"%s\">: break is \"yes\" or \"no\"",
					  tmk_xml_attr_value(a, "break"));
		st->in_rule = 1;
		st->seen_before = st->seen_after = 0;
		st->rule_line = (size_t)XML_GetCurrentLineNumber(st->p);
		tmk_buf_clear(&st->before);
		tmk_buf_clear(&st->after);
	} else if (strcmp(local, "beforebreak") == 0 || strcmp(local, "afterbreak") == 0) {
		int k = local[0] == 'b' ? 1 : 2;
		if (!st->in_rule)
			return (void)fail(st, TMK_EINPUT, "<%s> outside a <rule>", local);
		if ((k == 1 && st->seen_before) || (k == 2 && st->seen_after))
			return (void)fail(st, TMK_EINPUT, "a second <%s> in one rule", local);
		st->in_text = k;
	} else if (strcmp(local, "languagemap") == 0) {
		start_languagemap(st, a);
	} else if (strcmp(local, "body") != 0 && strcmp(local, "languagerules") != 0 &&
		   strcmp(local, "maprules") != 0 && strcmp(local, "formathandle") != 0) {
		fail(st, TMK_EINPUT, "unknown SRX 2.0 element <%s>", local);
	}
}

/* Compile one regular expression given in UTF-8; *PE gets the position
 * of an error. */
static URegularExpression *compile(const char *pat, size_t len, uint32_t flags, UParseError *pe,
				   UErrorCode *err)
{
	UChar *u = malloc((len + 1) * sizeof(*u));
	int32_t n = 0;
	URegularExpression *re;

	memset(pe, 0, sizeof(*pe));
	if (!u) {
		*err = U_MEMORY_ALLOCATION_ERROR;
		return NULL;
	}
	u_strFromUTF8WithSub(u, (int32_t)len + 1, &n, pat, (int32_t)len, 0xFFFD, NULL, err);
	re = U_SUCCESS(*err) ? uregex_open(u, n, flags, pe, err) : NULL;
	free(u);        /* uregex_open keeps its own copy of the pattern */
	if (re && U_SUCCESS(*err))
		uregex_setTimeLimit(re, SRX_TIME_LIMIT, err);
	return re;
}

/* Check one side of a rule on its own, so that an error names it. */
static int check_side(srx_state *st, const char *side, const tmk_buf *b, size_t nrule)
{
	UParseError pe;
	UErrorCode err = U_ZERO_ERROR;
	URegularExpression *re;

	if (b->len == 0)
		return 0;
	re = compile(b->ptr, b->len, 0, &pe, &err);
	uregex_close(re);
	if (U_SUCCESS(err))
		return 0;
	return fail(st, TMK_EINPUT, "rule %zu of languagerule \"%s\" (line %zu): %s \"%.*s\" is not a valid "
		    "ICU regular expression: %s at offset %d", nrule, st->srx->lr[st->srx->nlr - 1].name,
		    st->rule_line, side, (int)(b->len > 200 ? 200 : b->len), b->ptr, u_errorName(err),
		    (int)pe.offset);
}

/* The end of a <rule>: compile it into the current languagerule. */
static void end_rule(srx_state *st)
{
	srx_langrule *lr = &st->srx->lr[st->srx->nlr - 1];
	tmk_buf pat = TMK_BUF_INIT;
	UParseError pe;
	UErrorCode err = U_ZERO_ERROR;
	URegularExpression *re;

	st->in_rule = 0;
	if (check_side(st, "beforebreak", &st->before, lr->n + 1) < 0 ||
	    check_side(st, "afterbreak", &st->after, lr->n + 1) < 0)
		return;
	if (st->before.len == 0 && st->after.len == 0)
		return (void)fail(st, TMK_EINPUT, "rule %zu of languagerule \"%s\" has neither beforebreak nor "
				  "afterbreak", lr->n + 1, lr->name);
	if (tmk_buf_puts(&pat, "(?:") < 0 || tmk_buf_put(&pat, st->before.ptr, st->before.len) < 0 ||
	    tmk_buf_puts(&pat, ")(?=") < 0 || tmk_buf_put(&pat, st->after.ptr, st->after.len) < 0 ||
	    tmk_buf_puts(&pat, ")") < 0) {
		tmk_buf_release(&pat);
		return (void)fail(st, TMK_ENOMEM, "out of memory");
	}
	re = compile(pat.ptr, pat.len, 0, &pe, &err);
	tmk_buf_release(&pat);
	if (U_FAILURE(err))
		return (void)fail(st, TMK_EINPUT, "rule %zu of languagerule \"%s\" (line %zu): beforebreak and "
				  "afterbreak do not combine into one ICU regular expression: %s", lr->n + 1,
				  lr->name, st->rule_line, u_errorName(err));
	if (lr->n == lr->cap) {
		size_t cap = lr->cap ? lr->cap * 2 : 16;
		srx_rule *v = realloc(lr->rules, cap * sizeof(*v));
		if (!v) {
			uregex_close(re);
			return (void)fail(st, TMK_ENOMEM, "out of memory");
		}
		lr->rules = v;
		lr->cap = cap;
	}
	lr->rules[lr->n].brk = st->rule_brk;
	lr->rules[lr->n].line = st->rule_line;
	lr->rules[lr->n++].re = re;
}

static void XMLCALL on_end(void *ud, const XML_Char *name)
{
	srx_state *st = ud;
	const char *local;

	if (st->rc)
		return;
	if (st->skip) {
		st->skip--;
		return;
	}
	srx_name(name, &local);
	if (st->in_text && (strcmp(local, "beforebreak") == 0 || strcmp(local, "afterbreak") == 0)) {
		if (st->in_text == 1)
			st->seen_before = 1;
		else
			st->seen_after = 1;
		st->in_text = 0;
	} else if (strcmp(local, "rule") == 0 && st->in_rule) {
		end_rule(st);
	}
}

static void XMLCALL on_text(void *ud, const XML_Char *s, int len)
{
	srx_state *st = ud;

	if (st->rc || st->skip || !st->in_text)
		return;
	if (tmk_buf_put(st->in_text == 1 ? &st->before : &st->after, s, (size_t)len) < 0)
		fail(st, TMK_ENOMEM, "out of memory");
}

static void XMLCALL on_entity_decl(void *ud, const XML_Char *name, int is_param,
				   const XML_Char *value, int vlen, const XML_Char *base,
				   const XML_Char *sys, const XML_Char *pub, const XML_Char *notation)
{
	(void)is_param; (void)value; (void)vlen; (void)base; (void)sys; (void)pub; (void)notation;
	fail(ud, TMK_EINPUT, "entity declaration '%s' refused: SRX needs none "
	     "(and they can be used for entity-expansion attacks)", name);
}

static void XMLCALL on_skipped_entity(void *ud, const XML_Char *name, int is_param)
{
	(void)is_param;
	fail(ud, TMK_EINPUT, "reference to the undeclared entity '%s' refused (SRX knows only &amp; &lt; "
	     "&gt; &quot; &apos; and character references)", name);
}

/* After the parse: every map names a languagerule that exists; compile
 * the language patterns. */
static int resolve_maps(srx_state *st)
{
	tmk_srx *srx = st->srx;

	if (st->npm && !(srx->maps = calloc(st->npm, sizeof(*srx->maps))))
		return tmk_error_oom();
	for (size_t i = 0; i < st->npm; i++) {
		struct pending_map *pm = &st->pm[i];
		size_t k = 0;
		UParseError pe;
		UErrorCode err = U_ZERO_ERROR;

		while (k < srx->nlr && strcmp(srx->lr[k].name, pm->rulename) != 0)
			k++;
		if (k == srx->nlr)
			return tmk_error_set(TMK_EINPUT, "%s:%zu: <languagemap> names the languagerule \"%s\", "
					     "which the file does not define", st->name, pm->line, pm->rulename);
		srx->maps[i].langrule = k;
		srx->maps[i].pat = compile(pm->pattern, strlen(pm->pattern), UREGEX_CASE_INSENSITIVE, &pe, &err);
		srx->nmaps++;
		if (U_FAILURE(err))
			return tmk_error_set(TMK_EINPUT, "%s:%zu: languagepattern \"%s\" is not a valid ICU regular "
					     "expression: %s", st->name, pm->line, pm->pattern, u_errorName(err));
	}
	if (srx->nlr == 0)
		return tmk_error_set(TMK_EINPUT, "%s: an SRX file without any <languagerule>", st->name);
	if (srx->nmaps == 0)
		return tmk_error_set(TMK_EINPUT, "%s: an SRX file without any <languagemap>: no language "
				     "would get rules", st->name);
	return 0;
}

/* Set up a namespace-aware parser with the safety handlers. */
static int state_init(srx_state *st, tmk_srx **out, const char *name)
{
	memset(st, 0, sizeof(*st));
	st->name = name;
	if (!(*out = st->srx = calloc(1, sizeof(**out))) || !(st->p = XML_ParserCreateNS(NULL, NS_SEP)))
		return tmk_error_oom();
	XML_SetUserData(st->p, st);
	XML_SetElementHandler(st->p, on_start, on_end);
	XML_SetCharacterDataHandler(st->p, on_text);
	XML_SetEntityDeclHandler(st->p, on_entity_decl);
	XML_SetSkippedEntityHandler(st->p, on_skipped_entity);
	XML_SetUnknownEncodingHandler(st->p, tmk_xml_unknown_encoding, NULL);
	XML_SetParamEntityParsing(st->p, XML_PARAM_ENTITY_PARSING_NEVER);
	return 0;
}

/* Finish: check what the parse found, free the state; on error free the
 * rules too. */
static int state_done(srx_state *st, tmk_srx **out, int rc)
{
	if (!rc && !st->root_seen)
		rc = tmk_error_set(TMK_EINPUT, "%s: not an SRX file (no <srx> element)", st->name);
	if (!rc && st->srx->nlr && st->srx->lr[st->srx->nlr - 1].n == 0)
		rc = tmk_error_set(TMK_EINPUT, "%s: languagerule \"%s\" has no rules", st->name,
				   st->srx->lr[st->srx->nlr - 1].name);
	if (!rc)
		rc = resolve_maps(st);
	for (size_t i = 0; i < st->npm; i++) {
		free(st->pm[i].pattern);
		free(st->pm[i].rulename);
	}
	free(st->pm);
	tmk_buf_release(&st->before);
	tmk_buf_release(&st->after);
	if (st->p)
		XML_ParserFree(st->p);
	if (rc) {
		tmk_srx_free(*out);
		*out = NULL;
	}
	return rc;
}

int tmk_srx_load(tmk_srx **out, const char *path)
{
	int from_stdin = strcmp(path, "-") == 0;
	FILE *f = from_stdin ? stdin : fopen(path, "rb");
	srx_state st;
	int rc;

	*out = NULL;
	if (!f)
		return tmk_error_set(TMK_EIO, "cannot open '%s': %s", path, strerror(errno));
	rc = state_init(&st, out, from_stdin ? "<stdin>" : path);
	if (!rc)
		rc = tmk_xml_parse_stream(st.p, f, st.name, "an SRX file", &st.rc, 0, NULL, NULL);
	if (!from_stdin)
		fclose(f);
	return state_done(&st, out, rc);
}

int tmk_srx_parse(tmk_srx **out, const char *name, const char *data, size_t len)
{
	srx_state st;
	int rc;

	*out = NULL;
	rc = state_init(&st, out, name);
	if (!rc && len == 0)
		rc = tmk_error_set(TMK_EINPUT, "%s: empty file, not an SRX file", name);
	if (!rc && len > 0x7fffffff)
		rc = tmk_error_set(TMK_EINPUT, "%s: too large for an SRX file", name);
	if (!rc && XML_Parse(st.p, data, (int)len, 1) == XML_STATUS_ERROR)
		rc = st.rc ? st.rc : tmk_error_set(TMK_EINPUT, "%s:%lu:%lu: not well-formed XML: %s", name,
						   (unsigned long)XML_GetCurrentLineNumber(st.p),
						   (unsigned long)XML_GetCurrentColumnNumber(st.p) + 1,
						   XML_ErrorString(XML_GetErrorCode(st.p)));
	if (!rc)
		rc = st.rc;
	return state_done(&st, out, rc);
}

void tmk_srx_free(tmk_srx *srx)
{
	if (!srx)
		return;
	for (size_t i = 0; i < srx->nlr; i++) {
		for (size_t k = 0; k < srx->lr[i].n; k++)
			uregex_close(srx->lr[i].rules[k].re);
		free(srx->lr[i].rules);
		free(srx->lr[i].name);
	}
	for (size_t i = 0; i < srx->nmaps; i++)
		uregex_close(srx->maps[i].pat);
	free(srx->lr);
	free(srx->maps);
	free(srx->active);
	free(srx->u16);
	free(srx->off);
	free(srx->dec);
	free(srx);
}

int tmk_srx_cascade(const tmk_srx *srx)
{
	return srx->cascade;
}

/* Whether the language pattern of map M matches LANG whole. */
static int map_matches(srx_map *m, const char *lang)
{
	UErrorCode err = U_ZERO_ERROR;
	UChar u[64];
	int32_t n = 0;
	UBool hit;

	u_strFromUTF8(u, 64, &n, lang, -1, &err);
	if (U_FAILURE(err) || n >= 64)
		return 0;
	uregex_setText(m->pat, u, n, &err);
	hit = uregex_matches(m->pat, 0, &err);
	uregex_setText(m->pat, u, 0, &err);     /* U is about to go */
	return U_SUCCESS(err) && hit;
}

/* Make srx->active the rules for LANG, in order (kept for the next
 * call with the same language). */
static int select_rules(tmk_srx *srx, const char *lang)
{
	size_t total = 0, k = 0;
	srx_rule **v;

	if (srx->active && strcmp(srx->lang, lang) == 0)
		return 0;
	for (size_t i = 0; i < srx->nlr; i++)
		total += srx->lr[i].n;
	total *= srx->nmaps > 0 ? srx->nmaps : 1;
	if (!(v = malloc((total ? total : 1) * sizeof(*v))))
		return tmk_error_oom();
	for (size_t i = 0; i < srx->nmaps; i++) {
		srx_langrule *lr = &srx->lr[srx->maps[i].langrule];
		if (!map_matches(&srx->maps[i], lang))
			continue;
		for (size_t r = 0; r < lr->n; r++)
			v[k++] = &lr->rules[r];
		if (!srx->cascade)
			break;
	}
	free(srx->active);
	srx->active = v;
	srx->nactive = k;
	snprintf(srx->lang, sizeof(srx->lang), "%s", lang);
	return 0;
}

size_t tmk_srx_rule_count(tmk_srx *srx, const char *lang)
{
	return select_rules(srx, lang) < 0 ? 0 : srx->nactive;
}

/* Room for a paragraph of LEN bytes: at most LEN UTF-16 units. */
static int reserve(tmk_srx *srx, size_t len)
{
	UChar *u;
	size_t *off;
	unsigned char *dec;

	if (len + 1 <= srx->cap)
		return 0;
	u = realloc(srx->u16, (len + 1) * sizeof(*u));
	if (u)
		srx->u16 = u;
	off = realloc(srx->off, (len + 1) * sizeof(*off));
	if (off)
		srx->off = off;
	dec = realloc(srx->dec, len + 1);
	if (dec)
		srx->dec = dec;
	if (!u || !off || !dec)
		return tmk_error_oom();
	srx->cap = len + 1;
	return 0;
}

/* S[b..e) as UTF-16 into srx->u16, the byte offset of each unit into
 * srx->off (and of the end after the last); returns the unit count.
 * Malformed bytes become U+FFFD. */
static size_t to_utf16(tmk_srx *srx, const char *s, size_t b, size_t e)
{
	size_t i = b, k = 0;

	while (i < e) {
		size_t at = i;
		int32_t c = tmk_utf8_next(s, e, &i);

		if (c < 0 || c > 0x10FFFF)
			c = 0xFFFD;
		if (c > 0xFFFF) {
			srx->off[k] = at;
			srx->u16[k++] = U16_LEAD(c);
			srx->off[k] = at;
			srx->u16[k++] = U16_TRAIL(c);
		} else {
			srx->off[k] = at;
			srx->u16[k++] = (UChar)c;
		}
	}
	srx->off[k] = e;
	return k;
}

/* Run every active rule over the paragraph's N units: srx->dec[i] gets
 * the decision of the first rule that matches at position i. */
static int apply_rules(tmk_srx *srx, size_t n)
{
	memset(srx->dec, 0, n + 1);
	for (size_t r = 0; r < srx->nactive; r++) {
		srx_rule *rule = srx->active[r];
		UErrorCode err = U_ZERO_ERROR;
		int32_t from = 0;

		uregex_setText(rule->re, srx->u16, (int32_t)n, &err);
		uregex_setTimeLimit(rule->re, SRX_TIME_LIMIT + (int32_t)(n / 10), &err);      /* n < 2^31 */
		while (U_SUCCESS(err) && (size_t)from <= n && uregex_find(rule->re, from, &err)) {
			int32_t ms = uregex_start(rule->re, 0, &err), me = uregex_end(rule->re, 0, &err);
			if (U_FAILURE(err))
				break;
			if (me > 0 && (size_t)me < n && !srx->dec[me])
				srx->dec[me] = rule->brk ? 1 : 2;
			from = ms + 1;
		}
		if (U_FAILURE(err))
			return tmk_error_set(TMK_ERROR, "SRX rule at line %zu failed on the text: %s", rule->line,
					     u_errorName(err));
	}
	return 0;
}

/* Append S[b..e), without the whitespace around it, as a sentence of
 * paragraph PARA; nothing when only whitespace is left. */
static int push(tmk_sentence **v, size_t *n, size_t *cap, const char *s, size_t b, size_t e, size_t para)
{
	b = tmk_utf8_span_fwd(s, e, b, tmk_is_space, 1);
	e = tmk_utf8_span_back(s, b, e, tmk_is_space, 1);
	if (e <= b)
		return 0;
	if (*n == *cap) {
		size_t c = *cap ? *cap * 2 : 64;
		tmk_sentence *nv = realloc(*v, c * sizeof(*nv));
		if (!nv)
			return tmk_error_oom();
		*v = nv;
		*cap = c;
	}
	(*v)[*n].start = b;
	(*v)[*n].end = e;
	(*v)[(*n)++].paragraph = para;
	return 0;
}

int tmk_srx_segment(tmk_srx *srx, const char *lang, const char *s, size_t len,
		    tmk_sentence **out, size_t *n)
{
	tmk_span *paras = NULL;
	tmk_sentence *v = NULL;
	size_t npara = 0, nv = 0, cap = 0;
	int rc;

	*out = NULL;
	*n = 0;
	if ((rc = select_rules(srx, lang)) < 0)
		return rc;
	if (srx->nactive == 0)
		return tmk_error_set(TMK_EINVAL, "the SRX rules have no language map that matches '%s'", lang);
	if ((rc = tmk_paragraphs(&paras, &npara, s, len)) < 0)
		return rc;
	for (size_t p = 0; p < npara && rc == 0; p++) {
		size_t ps = paras[p].start, pe = paras[p].end, lo = ps, units;

		if (pe - ps > 0x7ffffffe) {
			rc = tmk_error_set(TMK_EINPUT, "a paragraph of over 2 GB");
			break;
		}
		if ((rc = reserve(srx, pe - ps)) < 0)
			break;
		units = to_utf16(srx, s, ps, pe);
		if ((rc = apply_rules(srx, units)) < 0)
			break;
		for (size_t i = 1; i < units && rc == 0; i++) {
			if (srx->dec[i] != 1)
				continue;
			rc = push(&v, &nv, &cap, s, lo, srx->off[i], p);
			lo = srx->off[i];
		}
		if (rc == 0)
			rc = push(&v, &nv, &cap, s, lo, pe, p);
	}
	free(paras);
	if (rc < 0) {
		free(v);
		return rc;
	}
	*out = v;
	*n = nv;
	return 0;
}
