/*
 * delim.c - TSV and CSV readers; see reader.h.
 *
 * Both turn the file into records of fields, then share the rest: header
 * detection (a first line naming its columns: de, en, German, source ...),
 * column choice, and the unit or skip per record.  CSV follows RFC 4180; a
 * quote left open is an error naming the line where the field began.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "buf.h"
#include "error.h"
#include "langtag.h"
#include "reader.h"

typedef tmk_field field;

typedef struct {
	field *f;
	size_t n, cap;
	tmk_buf unq;            /* unquoted CSV field text, for the whole record */
	size_t *offs;           /* where each field's text starts in unq (CSV) */
} record;

static int rec_push(record *r, const char *p, size_t len)
{
	if (r->n == r->cap) {
		size_t cap = r->cap ? r->cap * 2 : 8;
		field *f = realloc(r->f, cap * sizeof(*f));
		size_t *o = realloc(r->offs, cap * sizeof(*o));
		if (f)
			r->f = f;
		if (o)
			r->offs = o;
		if (!f || !o)
			return tmk_error_oom();   /* the caller frees r->f and r->offs */
		r->f = f;
		r->offs = o;
		r->cap = cap;
	}
	r->f[r->n].p = p;
	r->f[r->n].len = len;
	r->n++;
	return 0;
}

static void trim(field *f)
{
	while (f->len && (f->p[0] == ' ' || f->p[0] == '\t')) {
		f->p++;
		f->len--;
	}
	while (f->len && (f->p[f->len - 1] == ' ' || f->p[f->len - 1] == '\t' ||
			  f->p[f->len - 1] == '\r'))
		f->len--;
}

/* Is the canonical tag T a language with a region ("de-CH", "en-GB",
 * "es-419") or a script ("zh-Hant"): a header cell only a language column
 * would hold (a plain two letters could be a word: "Ja", "Es"). */
static int tag_with_subtag(const char *t)
{
	size_t n = tmk_langtag_primary_len(t), m = 0;

	if (n < 2 || n > 3 || t[n] != '-')
		return 0;
	while (t[n + 1 + m] && t[n + 1 + m] != '-')
		m++;
	return (m == 2 || m == 3 || m == 4) && (t[n + 1] < 'a' || t[n + 1] > 'z');   /* upper case: region or script */
}

/* What a header cell names: a language (its tag into LANG), or 's'/'t'
 * for source and target; *ROLE 0 when it names nothing we know. */
static void header_lang(const field *f, int *role, char lang[TMK_LANGTAG_MAX])
{
	static const struct { const char *name, *lang; int role; } names[] = {
		{ "de", "de", 0 }, { "deu", "de", 0 }, { "ger", "de", 0 }, { "german", "de", 0 },
		{ "deutsch", "de", 0 }, { "en", "en", 0 }, { "eng", "en", 0 }, { "english", "en", 0 },
		{ "englisch", "en", 0 }, { "fr", "fr", 0 }, { "french", "fr", 0 },
		{ "source", NULL, 's' }, { "src", NULL, 's' }, { "quelle", NULL, 's' },
		{ "target", NULL, 't' }, { "tgt", NULL, 't' }, { "ziel", NULL, 't' },
		{ "translation", NULL, 't' }, { "score", NULL, 'x' }, { "note", NULL, 'x' },
		{ "comment", NULL, 'x' }, { "context", NULL, 'x' },
	};
	field t = *f;

	trim(&t);
	*role = 0;
	lang[0] = '\0';
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (strlen(names[i].name) == t.len && strncasecmp(names[i].name, t.p, t.len) == 0) {
			*role = names[i].role ? names[i].role : 'l';
			if (names[i].lang)
				strcpy(lang, names[i].lang);
			return;
		}
	/* de-DE, de_CH, en-GB, pt-BR, zh-Hant ...: the tag as written */
	if (t.len < TMK_LANGTAG_MAX && tmk_langtag_canon(lang, t.p, t.len) == 0 && tag_with_subtag(lang))
		*role = 'l';
	else
		lang[0] = '\0';
	tmk_error_clear();
}

typedef struct {
	tmk_sink *sink;
	const char *name;
	const tmk_delim_opts *o;
	int src_col, tgt_col;           /* 0-based once decided */
	const char *src_lang, *tgt_lang;
	char header_langs[2][TMK_LANGTAG_MAX];  /* named in the header */
	int decided;
	size_t len;             /* of the file, for progress */
} delim_state;

/* Decide the columns from the first record; returns 1 if it was a header. */
static int decide_columns(delim_state *ds, const record *r)
{
	int is_header = 0, role, lang_cols[2] = { -1, -1 }, nl = 0, s = -1, t = -1;
	char lang[TMK_LANGTAG_MAX];

	for (size_t i = 0; i < r->n; i++) {
		header_lang(&r->f[i], &role, lang);
		if (role)
			is_header = 1;
		if (role == 'l' && nl < 2) {
			lang_cols[nl] = (int)i;
			strcpy(ds->header_langs[nl++], lang);
		} else if (role == 's' && s < 0) {
			s = (int)i;
		} else if (role == 't' && t < 0) {
			t = (int)i;
		}
	}
	/* language columns named in the header: the first is the source */
	if (nl == 2 && s < 0) {
		s = lang_cols[0];
		t = lang_cols[1];
		ds->src_lang = ds->header_langs[0];
		ds->tgt_lang = ds->header_langs[1];
	}
	if (ds->o->src_col > 0) {
		ds->src_col = ds->o->src_col - 1;
		ds->tgt_col = ds->o->tgt_col - 1;
	} else if (is_header && s >= 0 && t >= 0) {
		ds->src_col = s;
		ds->tgt_col = t;
	} else {
		ds->src_col = 0;
		ds->tgt_col = 1;
	}
	if (ds->o->src_lang)
		ds->src_lang = ds->o->src_lang;
	if (ds->o->tgt_lang)
		ds->tgt_lang = ds->o->tgt_lang;
	ds->decided = 1;
	return is_header;
}

/* One record (starting at LINE) becomes a unit or a skip. */
static int handle_record(delim_state *ds, record *r, long line)
{
	tmk_unit_in u = { 0 };
	field s, t;
	char why[96];
	int need;

	if (!ds->decided && decide_columns(ds, r))
		return 0;
	/* after the columns are decided: the first record may have chosen them */
	need = (ds->src_col > ds->tgt_col ? ds->src_col : ds->tgt_col) + 1;
	if (r->n == 1 && r->f[0].len == 0)
		return 0;               /* blank line */
	if ((int)r->n < need && ds->sink->keep_empty && r->n == (size_t)need - 1 && ds->tgt_col == need - 1) {
		static const char none[] = "";
		t.p = none;             /* a line with the source only: an empty target */
		t.len = 0;
		s = r->f[ds->src_col];
		trim(&s);
		if (!s.len)
			return ds->sink->skip(ds->sink, line, "empty source");
		goto unit;
	}
	if ((int)r->n < need) {
		snprintf(why, sizeof(why), "%zu field%s, column %d needed", r->n,
			 r->n == 1 ? "" : "s", need);
		return ds->sink->skip(ds->sink, line, why);
	}
	s = r->f[ds->src_col];
	t = r->f[ds->tgt_col];
	trim(&s);
	trim(&t);
	if (!s.len || (!t.len && !ds->sink->keep_empty))
		return ds->sink->skip(ds->sink, line, !s.len ? "empty source" : "empty target");
unit:
	u.src_lang = ds->src_lang;
	u.tgt_lang = ds->tgt_lang;
	u.source = s.p;
	u.source_len = s.len;
	u.target = t.p;
	u.target_len = t.len;
	u.position = line;
	return ds->sink->unit(ds->sink, &u);
}

static void state_init(delim_state *ds, tmk_sink *sink, const char *name, const tmk_delim_opts *o)
{
	memset(ds, 0, sizeof(*ds));
	ds->sink = sink;
	ds->name = name;
	ds->o = o;
	ds->src_lang = "de";
	ds->tgt_lang = "en";
}

/* TSV records: one a line, fields split at tabs, no quoting. */
static int tsv_records(const char *data, size_t len, tmk_record_fn fn, void *ud)
{
	record r = { 0 };
	size_t pos = 0;
	long line = 0;
	int rc = 0;

	while (pos < len && rc == 0) {
		const char *nl = memchr(data + pos, '\n', len - pos);
		size_t end = nl ? (size_t)(nl - data) : len, b = pos;

		line++;
		r.n = 0;
		for (size_t i = pos; i <= end && rc == 0; i++)
			if (i == end || data[i] == '\t') {
				rc = rec_push(&r, data + b, i - b);
				b = i + 1;
			}
		pos = end + 1;
		if (rc == 0)
			rc = fn(ud, line, r.f, r.n, pos < len ? pos : len);
	}
	free(r.f);
	free(r.offs);
	return rc;
}

/* The CSV separator: ',' unless the first line has more ';' outside
 * quotes (spreadsheets in German locales write ';'). */
static char csv_separator(const char *s, size_t len)
{
	size_t commas = 0, semis = 0;
	int q = 0;

	for (size_t i = 0; i < len && (q || s[i] != '\n'); i++) {
		if (s[i] == '"')
			q = !q;
		else if (!q && s[i] == ',')
			commas++;
		else if (!q && s[i] == ';')
			semis++;
	}
	return semis > commas ? ';' : ',';
}

/* CSV records per RFC 4180; a record may span lines inside quotes. */
static int csv_records(const char *name, const char *data, size_t len, tmk_record_fn fn, void *ud)
{
	record r = { 0 };
	char sep = csv_separator(data, len);
	size_t i = 0;
	long line = 1, rec_line;
	int rc = 0;

	while (i < len && rc == 0) {
		rec_line = line;
		r.n = 0;
		tmk_buf_clear(&r.unq);
		/* one record: fields until an unquoted line break */
		for (;;) {
			size_t start = r.unq.len;
			if (i < len && data[i] == '"') {
				long qline = line;
				i++;
				for (;;) {
					if (i >= len) {
						rc = tmk_error_set(TMK_EINPUT,
							"%s:%ld: unclosed quote: the quoted field that "
							"starts here never ends", name, qline);
						goto done;
					}
					if (data[i] == '"') {
						if (i + 1 < len && data[i + 1] == '"') {
							rc = tmk_buf_putc(&r.unq, '"');
							i += 2;
							continue;
						}
						i++;
						break;
					}
					if (data[i] == '\n')
						line++;
					rc = tmk_buf_putc(&r.unq, data[i++]);
					if (rc < 0)
						goto done;
				}
				/* after the closing quote: the separator or the line end */
				while (i < len && (data[i] == ' ' || data[i] == '\r'))
					i++;
				if (i < len && data[i] != sep && data[i] != '\n') {
					rc = tmk_error_set(TMK_EINPUT,
						"%s:%ld: text after a closing quote (write \"\" for a "
						"quote inside a quoted field)", name, line);
					goto done;
				}
			} else {
				while (i < len && data[i] != sep && data[i] != '\n')
					if ((rc = tmk_buf_putc(&r.unq, data[i++])) < 0)
						goto done;
			}
			if ((rc = rec_push(&r, NULL, r.unq.len - start)) < 0)
				goto done;
			r.offs[r.n - 1] = start;
			if (i >= len || data[i] == '\n') {
				i++;
				line++;
				break;
			}
			i++;            /* the separator */
		}
		for (size_t k = 0; k < r.n; k++)
			r.f[k].p = r.unq.ptr ? r.unq.ptr + r.offs[k] : "";
		rc = fn(ud, rec_line, r.f, r.n, i < len ? i : len);
	}
done:
	free(r.f);
	free(r.offs);
	tmk_buf_release(&r.unq);
	return rc;
}

int tmk_delim_records(const char *name, const char *data, size_t len, int csv,
		      tmk_record_fn fn, void *ud)
{
	return csv ? csv_records(name, data, len, fn, ud) : tsv_records(data, len, fn, ud);
}

/* A record of a unit file: a unit or a skip; progress every 4096 records. */
static int unit_record(void *ud, long line, tmk_field *f, size_t n, size_t pos)
{
	delim_state *ds = ud;
	record r = { f, n, n, TMK_BUF_INIT, NULL };
	int rc = handle_record(ds, &r, line);

	if (rc == 0 && ds->sink->progress && (line & 4095) == 0)
		ds->sink->progress(ds->sink, pos, ds->len);
	return rc;
}

int tmk_read_tsv(tmk_sink *sink, const char *name, const char *data, size_t len,
		 const tmk_delim_opts *o)
{
	delim_state ds;

	state_init(&ds, sink, name, o);
	ds.len = len;
	return tsv_records(data, len, unit_record, &ds);
}

int tmk_read_csv(tmk_sink *sink, const char *name, const char *data, size_t len,
		 const tmk_delim_opts *o)
{
	delim_state ds;

	state_init(&ds, sink, name, o);
	ds.len = len;
	return csv_records(name, data, len, unit_record, &ds);
}
