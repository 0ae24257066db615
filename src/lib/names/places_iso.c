/*
 * places_iso.c - ISO 3166-1 countries and ISO 3166-2 subdivisions from
 * Debian's iso-codes package: codes, types and English names from its
 * JSON files, German names from its gettext catalogs (msgid the English
 * name, msgstr the German), read with the project's MO reader.
 *
 * The JSON files are one object holding one array of flat objects whose
 * values are strings; the reader here reads that shape and nothing more
 * (numbers, true, false and null are passed over; a nested value is an
 * error), naming the file and line of whatever is wrong.
 */
#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "error.h"
#include "formats/reader.h"
#include "names/places_internal.h"
#include "text.h"
#include "textnorm.h"
#include "utf8.h"

/* ---- a reader for flat JSON records --------------------------------------- */

#define JSON_MAX_KEYS 32

typedef struct {
	const char *name;       /* the file, for messages */
	const char *s;
	size_t len, i;
	long line;
	tmk_buf str;            /* this record's strings, NUL-separated */
	size_t key[JSON_MAX_KEYS], val[JSON_MAX_KEYS];  /* offsets in str */
	size_t nkv;
} json_in;

/* Called for each record with its string members; a negative return stops. */
typedef int (*json_record_fn)(void *ud, const json_in *j);

static int json_err(const json_in *j, const char *what)
{
	return tmk_error_set(TMK_EINPUT, "%s:%ld: %s", j->name, j->line, what);
}

static void json_ws(json_in *j)
{
	for (; j->i < j->len; j->i++) {
		char c = j->s[j->i];
		if (c == '\n')
			j->line++;
		else if (c != ' ' && c != '\t' && c != '\r')
			break;
	}
}

/* Skip white space and expect C. */
static int json_expect(json_in *j, char c, const char *what)
{
	json_ws(j);
	if (j->i >= j->len || j->s[j->i] != c)
		return json_err(j, what);
	j->i++;
	return 0;
}

static int hex4(const char *s, uint32_t *v)
{
	*v = 0;
	for (int k = 0; k < 4; k++) {
		char c = s[k];
		int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 :
			c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
		if (d < 0)
			return -1;
		*v = *v << 4 | (uint32_t)d;
	}
	return 0;
}

/* Append code point C as UTF-8. */
static int put_cp(tmk_buf *b, uint32_t c)
{
	char u[4];
	size_t n;

	if (c < 0x80) {
		u[0] = (char)c, n = 1;
	} else if (c < 0x800) {
		u[0] = (char)(0xC0 | c >> 6), u[1] = (char)(0x80 | (c & 0x3F)), n = 2;
	} else if (c < 0x10000) {
		u[0] = (char)(0xE0 | c >> 12), u[1] = (char)(0x80 | (c >> 6 & 0x3F));
		u[2] = (char)(0x80 | (c & 0x3F)), n = 3;
	} else {
		u[0] = (char)(0xF0 | c >> 18), u[1] = (char)(0x80 | (c >> 12 & 0x3F));
		u[2] = (char)(0x80 | (c >> 6 & 0x3F)), u[3] = (char)(0x80 | (c & 0x3F)), n = 4;
	}
	return tmk_buf_put(b, u, n);
}

/* A \u escape at j->i (after the backslash and u), with its low surrogate. */
static int json_uescape(json_in *j)
{
	uint32_t c, lo;

	if (j->i + 4 > j->len || hex4(j->s + j->i, &c) < 0)
		return json_err(j, "bad \\u escape");
	j->i += 4;
	if (c >= 0xD800 && c < 0xDC00) {
		if (j->i + 6 > j->len || j->s[j->i] != '\\' || j->s[j->i + 1] != 'u' ||
		    hex4(j->s + j->i + 2, &lo) < 0 || lo < 0xDC00 || lo > 0xDFFF)
			return json_err(j, "a lone surrogate in a \\u escape");
		j->i += 6;
		c = 0x10000 + ((c - 0xD800) << 10) + (lo - 0xDC00);
	} else if (c >= 0xDC00 && c < 0xE000) {
		return json_err(j, "a lone surrogate in a \\u escape");
	}
	if (c == 0)
		return json_err(j, "a NUL character in a string");
	return put_cp(&j->str, c);
}

/* A string at j->i (its opening quote) appended to j->str with a NUL. */
static int json_string(json_in *j)
{
	static const char esc_in[] = "\"\\/bfnrt", esc_out[] = "\"\\/\b\f\n\r\t";
	int rc = 0;

	if ((rc = json_expect(j, '"', "expected a string")) < 0)
		return rc;
	while (rc == 0) {
		char c;
		const char *e;
		if (j->i >= j->len)
			return json_err(j, "a string runs to the end of the file");
		c = j->s[j->i++];
		if (c == '"')
			return tmk_buf_putc(&j->str, '\0');
		if ((unsigned char)c < 0x20)
			return json_err(j, "a control character in a string");
		if (c != '\\') {
			rc = tmk_buf_putc(&j->str, c);
			continue;
		}
		if (j->i >= j->len)
			return json_err(j, "a string runs to the end of the file");
		c = j->s[j->i++];
		if (c == 'u')
			rc = json_uescape(j);
		else if (c && (e = strchr(esc_in, c)))
			rc = tmk_buf_putc(&j->str, esc_out[e - esc_in]);
		else
			return json_err(j, "bad escape in a string");
	}
	return rc;
}

/* A scalar other than a string (number, true, false, null): passed over. */
static int json_skip_scalar(json_in *j)
{
	size_t start = j->i;

	while (j->i < j->len && (isalnum((unsigned char)j->s[j->i]) || strchr("+-.", j->s[j->i])))
		j->i++;
	if (j->i == start) {
		if (j->i < j->len && (j->s[j->i] == '{' || j->s[j->i] == '['))
			return json_err(j, "a nested object or array where a string was expected");
		return json_err(j, "expected a value");
	}
	return 0;
}

/* One member "key": value of a record. */
static int json_member(json_in *j)
{
	size_t k = j->str.len, v;
	int rc;

	if (j->nkv == JSON_MAX_KEYS)
		return json_err(j, "too many members in one record");
	if ((rc = json_string(j)) < 0 || (rc = json_expect(j, ':', "expected ':'")) < 0)
		return rc;
	json_ws(j);
	v = j->str.len;
	if (j->i < j->len && j->s[j->i] != '"')
		return json_skip_scalar(j);
	if ((rc = json_string(j)) < 0)
		return rc;
	j->key[j->nkv] = k;
	j->val[j->nkv++] = v;
	return 0;
}

/* One record {...} at j->i, handed to FN. */
static int json_record(json_in *j, json_record_fn fn, void *ud)
{
	int rc;

	tmk_buf_clear(&j->str);
	j->nkv = 0;
	if ((rc = json_expect(j, '{', "expected '{' (a record)")) < 0)
		return rc;
	json_ws(j);
	if (j->i < j->len && j->s[j->i] == '}') {
		j->i++;
		return fn(ud, j);
	}
	for (;;) {
		if ((rc = json_member(j)) < 0)
			return rc;
		json_ws(j);
		if (j->i < j->len && j->s[j->i] == ',') {
			j->i++;
			continue;
		}
		if ((rc = json_expect(j, '}', "expected ',' or '}'")) < 0)
			return rc;
		return fn(ud, j);
	}
}

/* The value of member KEY of the record at hand, or NULL. */
static const char *json_get(const json_in *j, const char *key)
{
	for (size_t k = 0; k < j->nkv; k++)
		if (!strcmp(j->str.ptr + j->key[k], key))
			return j->str.ptr + j->val[k];
	return NULL;
}

/* The records of DATA: { "name": [ {record}, ... ] }. */
static int json_records(const char *name, const char *data, size_t len, json_record_fn fn,
			void *ud)
{
	json_in j = { .name = name, .s = data, .len = len, .line = 1 };
	size_t bad;
	int rc;

	if (!tmk_utf8_valid(data, len, &bad)) {
		for (size_t k = 0; k < bad; k++)
			j.line += data[k] == '\n';
		rc = json_err(&j, "not UTF-8");
		goto done;
	}
	if ((rc = json_expect(&j, '{', "expected '{' (not an iso-codes JSON file)")) < 0 ||
	    (rc = json_string(&j)) < 0 || (rc = json_expect(&j, ':', "expected ':'")) < 0 ||
	    (rc = json_expect(&j, '[', "expected '[' (the list of entries)")) < 0)
		goto done;
	json_ws(&j);
	if (j.i < j.len && j.s[j.i] == ']')
		j.i++;
	else
		for (;;) {
			if ((rc = json_record(&j, fn, ud)) < 0)
				goto done;
			json_ws(&j);
			if (j.i < j.len && j.s[j.i] == ',') {
				j.i++;
				continue;
			}
			if ((rc = json_expect(&j, ']', "expected ',' or ']'")) < 0)
				goto done;
			break;
		}
	if ((rc = json_expect(&j, '}', "expected '}'")) < 0)
		goto done;
	json_ws(&j);
	if (j.i < j.len)
		rc = json_err(&j, "text after the end of the JSON");
done:
	tmk_buf_release(&j.str);
	return rc;
}

/* ---- the German catalogs ------------------------------------------------ */

typedef struct {
	uint64_t h;
	uint32_t id, str;       /* offsets in the catalog's pool */
} cat_entry;

typedef struct {
	tmk_buf pool;
	cat_entry *e;
	size_t n, cap;
	int loaded;
} catalog;

static int cat_unit(tmk_sink *sink, const tmk_unit_in *u)
{
	catalog *c = sink->ctx;
	cat_entry *e;

	if (c->n == c->cap) {
		size_t nc = c->cap ? c->cap * 2 : 1024;
		cat_entry *ne = realloc(c->e, nc * sizeof(*ne));
		if (!ne)
			return tmk_error_oom();
		c->e = ne;
		c->cap = nc;
	}
	e = &c->e[c->n++];
	e->h = tmk_hash(TMK_HASH_SEED, u->source, u->source_len);
	e->id = (uint32_t)c->pool.len;
	if (tmk_buf_put(&c->pool, u->source, u->source_len) < 0 || tmk_buf_putc(&c->pool, '\0') < 0)
		return TMK_ENOMEM;
	e->str = (uint32_t)c->pool.len;
	if (tmk_buf_put(&c->pool, u->target, u->target_len) < 0 || tmk_buf_putc(&c->pool, '\0') < 0)
		return TMK_ENOMEM;
	return 0;
}

static int cat_skip(tmk_sink *sink, long line, const char *reason)
{
	return 0;       /* untranslated or not UTF-8: that name has no German */
}

static int cat_cmp(const void *a, const void *b)
{
	const cat_entry *x = a, *y = b;

	return x->h < y->h ? -1 : x->h > y->h;
}

/* Read the MO catalog at PATH into C; a missing file leaves C empty and
 * *MISSING set.  A damaged one is TMK_EINPUT naming PATH. */
static int cat_load(catalog *c, const char *path, int *missing)
{
	tmk_sink sink = { .unit = cat_unit, .skip = cat_skip, .ctx = c };
	tmk_buf data = TMK_BUF_INIT;
	struct stat sb;
	int rc;

	if (stat(path, &sb) < 0 && errno == ENOENT) {
		*missing = 1;
		return 0;
	}
	if ((rc = tmk_read_file(&data, path)) == 0 &&
	    (rc = tmk_read_mo(&sink, path, data.ptr, data.len)) == 0) {
		qsort(c->e, c->n, sizeof(*c->e), cat_cmp);
		c->loaded = 1;
	}
	tmk_buf_release(&data);
	return rc;
}

/* The German of English NAME, or NULL. */
static const char *cat_get(const catalog *c, const char *name)
{
	uint64_t h = tmk_hash(TMK_HASH_SEED, name, strlen(name));
	size_t lo = 0, hi = c->n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (c->e[mid].h < h)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (; lo < c->n && c->e[lo].h == h; lo++)
		if (!strcmp(c->pool.ptr + c->e[lo].id, name))
			return c->pool.ptr + c->e[lo].str;
	return NULL;
}

static void cat_release(catalog *c)
{
	tmk_buf_release(&c->pool);
	free(c->e);
}

/* ---- ISO 3166-1 and 3166-2 ------------------------------------------------ */

typedef struct {
	tmk_places *p;
	catalog cat;
	uint32_t origin;
	tmk_buf nfc[2], code, parent, kind;
} iso_ctx;

/* NAME in NFC into B (the JSON files are NFC as shipped; the catalogs'
 * msgids come NFC from the MO reader, so the two meet either way). */
static const char *nfc(tmk_buf *b, const char *name)
{
	tmk_buf_clear(b);
	if (tmk_nfc_append(b, name, strlen(name)) < 0)
		return NULL;
	return b->ptr;
}

/* The pair of English EN (a name from the JSON) and its German. */
static int iso_pair(iso_ctx *c, uint32_t idx, const char *en, size_t *count, size_t *german)
{
	const char *de;
	int rc, added;

	if (!en || !*en)
		return 0;
	if (!(en = nfc(&c->nfc[0], en)))
		return TMK_ENOMEM;
	/* a name the catalog lacks is untranslated: German as it is, as
	 * gettext gives it; without a catalog the German is not known */
	de = c->cat.loaded ? cat_get(&c->cat, en) : NULL;
	if (c->cat.loaded && !de)
		de = en;
	if ((rc = places_pair(c->p, idx, de, en, c->origin, &added)) < 0)
		return rc;
	*count += (size_t)added;
	if (german && de && strcmp(de, en) != 0)
		*german += (size_t)added;
	return 0;
}

static int iso1_record(void *ud, const json_in *j)
{
	static const char *const names[] = { "name", "official_name", "common_name" };
	iso_ctx *c = ud;
	const char *code = json_get(j, "alpha_2");
	uint32_t idx;
	int rc;

	if (!code || !json_get(j, "name"))
		return json_err(j, "an entry without \"alpha_2\" or \"name\"");
	if ((rc = places_place(c->p, &idx, code, code, "country", NULL, RANK_COUNTRY)) < 0)
		return rc;
	for (size_t k = 0; k < 3 && rc == 0; k++)
		rc = iso_pair(c, idx, json_get(j, names[k]), &c->p->st.iso_countries, NULL);
	return rc;
}

/* Lower-case ASCII letters of TYPE into c->kind ("Autonomous region"). */
static const char *kind_of(iso_ctx *c, const char *type)
{
	tmk_buf_clear(&c->kind);
	if (tmk_buf_puts(&c->kind, type) < 0)
		return NULL;
	for (size_t i = 0; i < c->kind.len; i++)
		c->kind.ptr[i] = (char)tolower((unsigned char)c->kind.ptr[i]);
	return c->kind.ptr;
}

static int iso2_record(void *ud, const json_in *j)
{
	iso_ctx *c = ud;
	const char *code = json_get(j, "code"), *type = json_get(j, "type");
	const char *parent = json_get(j, "parent"), *dash, *kind;
	uint32_t idx;
	int rc = 0;

	if (!code || !type || !json_get(j, "name") || !(dash = strchr(code, '-')) || dash == code)
		return json_err(j, "an entry without \"code\" (XX-YYY), \"name\" or \"type\"");
	/* "parent": "NX" for AZ-BAB, but "GB-ENG" (the full code) for GB-BST */
	tmk_buf_clear(&c->parent);
	if (parent && strchr(parent, '-'))
		rc = tmk_buf_puts(&c->parent, parent);
	else if ((rc = tmk_buf_put(&c->parent, code, (size_t)(dash - code))) == 0 && parent)
		rc = tmk_buf_printf(&c->parent, "-%s", parent);
	if (rc < 0)
		return rc;
	if (!(kind = kind_of(c, type)))
		return TMK_ENOMEM;
	if ((rc = places_place(c->p, &idx, code, code, kind, c->parent.ptr,
			       parent ? RANK_SUBSUBDIVISION : RANK_SUBDIVISION)) < 0)
		return rc;
	return iso_pair(c, idx, json_get(j, "name"), &c->p->st.iso_subdivisions,
			&c->p->st.iso_subdivisions_german);
}

/* The version of iso-codes from its pkg-config file under ROOT ("" when
 * there is none) into OUT. */
static void iso_version(char *out, size_t cap, const char *root)
{
	tmk_buf path = TMK_BUF_INIT, pc = TMK_BUF_INIT;
	const char *v;

	out[0] = '\0';
	if (tmk_buf_printf(&path, "%s/pkgconfig/iso-codes.pc", root) == 0 &&
	    tmk_read_file(&pc, path.ptr) == 0 && pc.ptr && (v = strstr(pc.ptr, "\nVersion:"))) {
		size_t n = 0;
		for (v += 9; *v == ' '; v++)
			;
		while (n + 1 < cap && v[n] && v[n] != '\n' && v[n] != '\r')
			n++;
		memcpy(out, v, n);
		out[n] = '\0';
	}
	tmk_buf_release(&path);
	tmk_buf_release(&pc);
	tmk_error_clear();
}

/* One part (1 or 2): its catalog, then its JSON records.  *NOTE gets a
 * note when the catalog is missing. */
static int iso_part(iso_ctx *c, const char *root, int part, const char *version, tmk_buf *note)
{
	tmk_buf path = TMK_BUF_INIT, data = TMK_BUF_INIT, label = TMK_BUF_INIT;
	int rc, missing = 0;

	memset(&c->cat, 0, sizeof(c->cat));
	if ((rc = tmk_buf_printf(&path, "%s/locale/de/LC_MESSAGES/iso_3166-%d.mo", root, part)) < 0 ||
	    (rc = cat_load(&c->cat, path.ptr, &missing)) < 0)
		goto done;
	if (missing && !note->len)
		rc = tmk_buf_printf(note, "iso-codes has no German catalog (no %s): its names "
				    "are in English only", path.ptr);
	if (rc < 0 || (rc = tmk_buf_printf(&label, "ISO 3166-%d via iso-codes%s%s", part,
					   *version ? " " : "", version)) < 0 ||
	    (rc = places_str(c->p, &c->origin, label.ptr, label.len)) < 0)
		goto done;
	tmk_buf_clear(&path);
	if ((rc = tmk_buf_printf(&path, "%s/iso-codes/json/iso_3166-%d.json", root, part)) < 0 ||
	    (rc = tmk_read_file(&data, path.ptr)) < 0)
		goto done;
	rc = json_records(path.ptr, data.ptr ? data.ptr : "", data.len,
			  part == 1 ? iso1_record : iso2_record, c);
done:
	cat_release(&c->cat);
	tmk_buf_release(&path);
	tmk_buf_release(&data);
	tmk_buf_release(&label);
	return rc;
}

/* Is iso-codes there: both JSON files under ROOT?  Else a note into NOTE. */
static int iso_present(const char *root, tmk_buf *note)
{
	tmk_buf path = TMK_BUF_INIT;
	struct stat sb;
	int ok = 1, rc = 0;

	for (int part = 1; part <= 2 && ok && rc == 0; part++) {
		tmk_buf_clear(&path);
		if ((rc = tmk_buf_printf(&path, "%s/iso-codes/json/iso_3166-%d.json", root, part)) < 0)
			break;
		if (stat(path.ptr, &sb) < 0 && errno == ENOENT) {
			ok = 0;
			rc = tmk_buf_printf(note, "iso-codes is not installed (no %s): place names "
					    "from ICU's CLDR data alone, without ISO 3166-2 provinces "
					    "and regions (apt-get install iso-codes)", path.ptr);
		}
	}
	tmk_buf_release(&path);
	return rc < 0 ? rc : ok;
}

int places_load_iso(tmk_places *p, const char *root)
{
	iso_ctx c = { .p = p };
	tmk_buf note = TMK_BUF_INIT;
	char version[32];
	int rc = iso_present(root, &note);

	if (rc > 0) {
		iso_version(version, sizeof(version), root);
		if ((rc = iso_part(&c, root, 1, version, &note)) == 0 &&
		    (rc = iso_part(&c, root, 2, version, &note)) == 0)
			p->have_iso = 1;
	}
	if (rc == 0 && note.len)
		p->note = tmk_buf_detach(&note);
	tmk_buf_release(&note);
	for (int k = 0; k < 2; k++)
		tmk_buf_release(&c.nfc[k]);
	tmk_buf_release(&c.code);
	tmk_buf_release(&c.parent);
	tmk_buf_release(&c.kind);
	return rc;
}
