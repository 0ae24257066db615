/* test_fuzzy.c - fuzzy retrieval recall (fuzzy.c, through lookup.c),
 * issue 12: a near match must come back as the top hit.
 *
 * The TM: over 100,000 German-English units made from the phrases of the
 * Ding dictionary (Debian's trans-de-en, read in place; a third of its
 * lines, spread over the alphabet), so the words are distributed as in
 * real text.  The queries: units of four or more words with one word
 * edit, of six or more with two (a word substituted, deleted or inserted;
 * new words drawn from the TM's own running text), seeded; a query that
 * happens to be another unit's text is left out.  The unit it was made
 * from must be the top hit (a tie at the top score counts) in 99 % of
 * them; the share found among tmk_fuzzy_candidates() is printed. */
#include <stdint.h>
#include <string.h>
#include <unistd.h>

#include "buf.h"
#include "error.h"
#include "fuzzy.h"
#include "lexicon.h"
#include "lookup.h"
#include "tests.h"
#include "textnorm.h"
#include "tm.h"

#define LINE_STRIDE 3           /* every third Ding line: ~130,000 units */
#define NQUERIES 400

typedef struct {
	size_t start, len;      /* in the texts buffer */
} span_t;

/* The TM under test and what the queries are made from. */
static struct {
	char dir[64], path[96];
	tmk_tm *tm;
	tmk_buf texts;          /* every unit's German side, NUL-terminated */
	span_t *unit;           /* German sides, in the order added */
	size_t nunits, capunits;
	span_t *word;           /* every word of every German side (running text) */
	size_t nwords, capwords;
} g;

static uint64_t rng_state = 0x9e3779b97f4a7c15u;

/* xorshift64*: the same queries on every machine. */
static uint64_t rng(void)
{
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return rng_state * 2685821657736338717u;
}

static size_t pick(size_t n)
{
	return (size_t)(rng() % n);
}

/* Append S[0..LEN) to OUT without Ding's {grammar} and [usage] notes,
 * spaces collapsed. */
static void put_clean(tmk_buf *out, const char *s, size_t len)
{
	int depth = 0, space = 0;
	size_t start = out->len;

	for (size_t i = 0; i < len; i++) {
		char c = s[i];
		if (c == '{' || c == '[') {
			depth++;
		} else if ((c == '}' || c == ']') && depth) {
			depth--;
		} else if (!depth) {
			if (c == ' ' || c == '\t') {
				space = out->len > start;
			} else {
				if (space && c != ',' && c != ';' && c != '.')
					tmk_buf_putc(out, ' ');
				space = 0;
				tmk_buf_putc(out, c);
			}
		}
	}
}

static void add_unit(int64_t origin, const char *de, size_t dlen, const char *en, size_t elen)
{
	tmk_buf t = TMK_BUF_INIT;
	size_t start = g.texts.len, elen_clean;
	tmk_unit_in u = { 0 };
	int added;

	put_clean(&g.texts, de, dlen);
	put_clean(&t, en, elen);
	elen_clean = t.len;
	if (g.texts.len == start || !elen_clean) {
		g.texts.len = start;
		tmk_buf_release(&t);
		return;
	}
	u.src_lang = "de";
	u.tgt_lang = "en";
	u.source = g.texts.ptr + start;
	u.source_len = g.texts.len - start;
	u.target = t.ptr;
	u.target_len = elen_clean;
	ck_assert_int_eq(tmk_tm_add_unit(g.tm, &added, origin, &u), 0);
	tmk_buf_release(&t);
	if (!added) {
		g.texts.len = start;
		return;
	}
	if (g.nunits == g.capunits)
		ck_assert_ptr_nonnull(g.unit = realloc(g.unit, (g.capunits = g.capunits * 2 + 1024) * sizeof(*g.unit)));
	g.unit[g.nunits++] = (span_t){ start, g.texts.len - start };
	for (size_t i = start; i < g.texts.len;) {
		size_t e = i;
		while (e < g.texts.len && g.texts.ptr[e] != ' ')
			e++;
		if (g.nwords == g.capwords)
			ck_assert_ptr_nonnull(g.word = realloc(g.word, (g.capwords = g.capwords * 2 + 4096) * sizeof(*g.word)));
		g.word[g.nwords++] = (span_t){ i, e - i };
		i = e + 1;
	}
	tmk_buf_putc(&g.texts, '\0');
}

/* One Ding line: "German senses :: English senses", senses split at " | "
 * and paired in order. */
static void add_line(int64_t origin, const char *s, size_t len)
{
	const char *de[64], *en[64], *sep = NULL;
	size_t dl[64], el[64], nd, ne;

	for (size_t i = 0; i + 4 <= len; i++)
		if (!memcmp(s + i, " :: ", 4)) {
			sep = s + i;
			break;
		}
	if (!sep)
		return;
	nd = tmk_ding_split(s, (size_t)(sep - s), " | ", de, dl, 1, 64);
	ne = tmk_ding_split(sep + 4, len - (size_t)(sep + 4 - s), " | ", en, el, 1, 64);
	for (size_t i = 0; i < nd && nd == ne; i++)
		add_unit(origin, de[i], dl[i], en[i], el[i]);
}

/* Build the TM once for the whole suite (unchecked fixture). */
static void setup(void)
{
	size_t len;
	char *ding;
	int64_t origin;
	size_t line = 0;

	if (access(TMK_DING_PATH, R_OK) != 0) {
		fprintf(stderr, "test_fuzzy: %s is missing: install trans-de-en (tools/setup)\n", TMK_DING_PATH);
		exit(EXIT_FAILURE);
	}
	ding = test_read_file(TMK_DING_PATH, &len);
	snprintf(g.dir, sizeof(g.dir), "/tmp/tmkit-fuzzy-XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(g.dir));
	snprintf(g.path, sizeof(g.path), "%s/t.tm", g.dir);
	ck_assert_int_eq(tmk_tm_open(&g.tm, g.path, 0), 0);
	ck_assert_int_eq(tmk_tm_begin(g.tm), 0);
	ck_assert_int_eq(tmk_tm_add_origin(g.tm, &origin, "ding", "tsv", NULL), 0);
	for (size_t i = 0; i < len;) {
		size_t e = i;
		while (e < len && ding[e] != '\n')
			e++;
		if (ding[i] != '#' && line++ % LINE_STRIDE == 0)
			add_line(origin, ding + i, e - i);
		i = e + 1;
	}
	ck_assert_int_eq(tmk_tm_commit(g.tm), 0);
	free(ding);
}

static void teardown(void)
{
	static const char *const ext[] = { "", "-wal", "-shm" };
	char p[128];

	tmk_tm_free(g.tm);
	for (size_t i = 0; i < 3; i++) {
		snprintf(p, sizeof(p), "%s%s", g.path, ext[i]);
		unlink(p);
	}
	rmdir(g.dir);
	tmk_buf_release(&g.texts);
	free(g.unit);
	free(g.word);
}

static size_t count_words(const char *s)
{
	size_t n = 0;

	for (const char *p = s; *p; p++)
		n += (p == s || p[-1] == ' ') && *p != ' ';
	return n;
}

/* Make Q from unit text S with EDITS random word edits. */
static void make_query(tmk_buf *q, const char *s, int edits)
{
	span_t w[128];           /* the words, each in FROM[i] */
	const char *from[128];
	size_t n = 0;

	for (const char *p = s; *p && n < 126;) {
		const char *e = strchr(p, ' ');
		size_t l = e ? (size_t)(e - p) : strlen(p);
		from[n] = s;
		w[n++] = (span_t){ (size_t)(p - s), l };
		p += l + (e != NULL);
	}
	while (edits--) {
		int kind = (int)pick(3);
		span_t nw = g.word[pick(g.nwords)];

		if (kind == 0) {                /* substitute */
			size_t i = pick(n);
			from[i] = g.texts.ptr;
			w[i] = nw;
		} else if (kind == 1 && n > 1) { /* delete */
			size_t i = pick(n);
			memmove(&w[i], &w[i + 1], (n - i - 1) * sizeof(w[0]));
			memmove(&from[i], &from[i + 1], (n - i - 1) * sizeof(from[0]));
			n--;
		} else {                        /* insert */
			size_t i = pick(n + 1);
			memmove(&w[i + 1], &w[i], (n - i) * sizeof(w[0]));
			memmove(&from[i + 1], &from[i], (n - i) * sizeof(from[0]));
			from[i] = g.texts.ptr;
			w[i] = nw;
			n++;
		}
	}
	tmk_buf_clear(q);
	for (size_t i = 0; i < n; i++) {
		if (i)
			tmk_buf_putc(q, ' ');
		tmk_buf_put(q, from[i] + w[i].start, w[i].len);
	}
}

/* Is unit ID among TM's candidates for Q? */
static int candidate(tmk_tm *tm, const char *q, size_t len, int64_t id)
{
	tmk_buf qn = TMK_BUF_INIT;
	int64_t *ids;
	size_t n;
	int in = 0;

	ck_assert_int_eq(tmk_norm_match(&qn, q, len), 0);
	ck_assert_int_eq(tmk_fuzzy_candidates(tm, &ids, &n, "source_norm", &qn), 0);
	for (size_t i = 0; i < n; i++)
		in |= ids[i] == id;
	free(ids);
	tmk_buf_release(&qn);
	return in;
}

/* The id of the one unit whose German side is SRC, or 0 when several
 * units share it (the query could not say which one it meant). */
static int64_t unit_id(const char *src, size_t len)
{
	tmk_lookup_opts o = { .from = "de", .to = "en", .min = 100, .max = 50 };
	tmk_match *m;
	size_t n, same = 0;
	int64_t id = 0;

	ck_assert_int_eq(tmk_lookup(g.tm, &m, &n, src, len, &o), 0);
	for (size_t i = 0; i < n; i++)
		if (!strcmp(m[i].source, src)) {
			same++;
			id = m[i].id;
		}
	tmk_matches_free(m, n);
	return same == 1 ? id : 0;
}

START_TEST(near_matches)
{
	tmk_lookup_opts o = { .from = "de", .to = "en", .min = 1, .max = 20 };
	tmk_buf q = TMK_BUF_INIT;
	size_t asked = 0, excluded = 0, top = 0, found = 0, tries = 0, shown = 0;

	ck_assert_uint_ge(g.nunits, 100000);
	while (asked < NQUERIES) {
		int edits = 1 + (int)(asked % 2);
		const span_t *u = &g.unit[pick(g.nunits)];
		const char *src = g.texts.ptr + u->start;
		tmk_match *m;
		tmk_diff *d;
		size_t n, nd, i;
		int64_t id;
		int same;

		ck_assert_uint_lt(++tries, 100 * NQUERIES);
		if (count_words(src) < (edits == 1 ? 4u : 6u) || !(id = unit_id(src, u->len)))
			continue;
		make_query(&q, src, edits);
		same = tmk_match_score(q.ptr, q.len, src, u->len, "de", &d, &nd);
		free(d);
		if (same >= 99)
			continue;       /* the edits undid each other */
		ck_assert_int_eq(tmk_lookup(g.tm, &m, &n, q.ptr, q.len, &o), 0);
		if (n && m[0].score >= 99 && strcmp(m[0].source, src)) {
			excluded++;     /* the query is another unit's text */
			tmk_matches_free(m, n);
			continue;
		}
		asked++;
		for (i = 0; i < n && strcmp(m[i].source, src); i++)
			;
		if (i < n && m[i].score == m[0].score)
			top++;
		else if (shown++ < 10)
			printf("fuzzy: missed \"%s\" for \"%s\": %s%d %%, top \"%s\" %d %%\n", src, q.ptr,
			       i < n ? "" : "not among the matches, ", same, n ? m[0].source : "", n ? m[0].score : 0);
		found += candidate(g.tm, q.ptr, q.len, id);
		tmk_matches_free(m, n);
	}
	printf("fuzzy: %zu units; %zu queries (%zu left out: another unit's text): top hit %zu (%.1f %%),"
	       " among the candidates %zu (%.1f %%)\n", g.nunits, asked, excluded, top, 100.0 * top / asked,
	       found, 100.0 * found / asked);
	tmk_buf_release(&q);
	ck_assert_uint_ge(top * 100, asked * 99);
}
END_TEST

/* The example of issue 12 as it failed on the gettext corpus: every word
 * of the query but one is frequent, the unit lacks the query's first word
 * ("Die"), so no AND of all the words finds it; the one rarer word
 * ("geöffnet", in 600 units) is held by many units, all of which shared
 * one word counted, and the unit came last of them (the highest id). */
START_TEST(issue12_example)
{
	static const char *const frequent[] = { "Die", "Datei", "%s", "konnte", "nicht", "werden" };
	const char *q = "Die Datei %s konnte nicht geöffnet werden.";
	const char *want = "Datei %s konnte nicht geöffnet werden.";
	char dir[] = "/tmp/tmkit-fuzzy-XXXXXX", path[64], text[128];
	tmk_lookup_opts o = { .from = "de", .to = "en", .min = 1, .max = 100 };
	tmk_unit_in u = { 0 };
	tmk_match *m;
	tmk_tm *tm;
	size_t n;
	int64_t origin;
	int added;

	ck_assert_ptr_nonnull(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/t.tm", dir);
	ck_assert_int_eq(tmk_tm_open(&tm, path, 0), 0);
	ck_assert_int_eq(tmk_tm_begin(tm), 0);
	ck_assert_int_eq(tmk_tm_add_origin(tm, &origin, "test", "tsv", NULL), 0);
	u.src_lang = "de";
	u.tgt_lang = "en";
	u.target = "filler";
	u.target_len = 6;
	for (int i = 0; i < 6 * 1100 + 600; i++) {
		const char *w = i < 6 * 1100 ? frequent[i % 6] : "geöffnet";
		snprintf(text, sizeof(text), "%s Eintrag%d im Verzeichnis%d", w, i, i % 97);
		u.source = text;
		u.source_len = strlen(text);
		ck_assert_int_eq(tmk_tm_add_unit(tm, &added, origin, &u), 0);
	}
	u.source = want;
	u.source_len = strlen(want);
	u.target = "Could not open file %s";
	u.target_len = strlen(u.target);
	ck_assert_int_eq(tmk_tm_add_unit(tm, &added, origin, &u), 0);
	ck_assert_int_eq(tmk_tm_commit(tm), 0);

	ck_assert_int_eq(tmk_lookup(tm, &m, &n, q, strlen(q), &o), 0);
	ck_assert_uint_ge(n, 1);
	ck_assert_str_eq(m[0].source, want);
	ck_assert_int_eq(m[0].score, 97);       /* the function word "Die" (1) of 6 words, %s and the full stop: 1 - 1/43 */
	ck_assert(candidate(tm, q, strlen(q), m[0].id));
	tmk_matches_free(m, n);
	/* regression: a query whose one word is frequent ("%s =": only "s")
	 * built an empty FTS5 group, a syntax error, not a lookup */
	ck_assert_msg(tmk_lookup(tm, &m, &n, "%s =", 4, &o) == 0, "%s", tmk_error_last());
	tmk_matches_free(m, n);
	ck_assert_msg(tmk_lookup(tm, &m, &n, "Datei", 5, &o) == 0, "%s", tmk_error_last());
	tmk_matches_free(m, n);

	tmk_tm_free(tm);
	{
		static const char *const ext[] = { "", "-wal", "-shm" };
		for (size_t i = 0; i < 3; i++) {
			snprintf(text, sizeof(text), "%s%s", path, ext[i]);
			unlink(text);
		}
	}
	rmdir(dir);
}
END_TEST

static Suite *fuzzy_suite(void)
{
	Suite *s = suite_create("fuzzy");
	TCase *tc = tcase_create("issue12");
	TCase *ding = tcase_create("ding");

	tcase_add_test(tc, issue12_example);
	tcase_set_timeout(tc, 60);
	suite_add_tcase(s, tc);
	/* the TM is built once, outside the timed test */
	tcase_add_unchecked_fixture(ding, setup, teardown);
	tcase_add_test(ding, near_matches);
	tcase_set_timeout(ding, 120);
	suite_add_tcase(s, ding);
	return s;
}

TEST_MAIN(fuzzy_suite)
