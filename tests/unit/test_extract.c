/* test_extract.c - bilingual term extraction (extract.c) on a small TM
 * built here: compound against English phrase (with the lexicon's
 * evidence), names spelled alike and transliterated, an acronym, inflected
 * forms counted as one, the longer pair preferred (Hong Kong, not Hong),
 * pairs the glossary has left out, and a TM without German-English units. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "extract.h"
#include "term.h"
#include "tests.h"
#include "tm.h"

static char dir[64], path[96];
static tmk_tm *tm;

static void setup(void)
{
	snprintf(dir, sizeof(dir), "/tmp/tmkit-extract-XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/t.tm", dir);
	ck_assert_int_eq(tmk_tm_open(&tm, path, 0), 0);
}

static void teardown(void)
{
	char cmd[128];

	tmk_tm_free(tm);
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	ck_assert_int_eq(system(cmd), 0);
}

static void unit(const char *sl, const char *tl, const char *s, const char *t)
{
	tmk_unit_in u = { 0 };
	int64_t origin;
	int added;

	u.src_lang = sl;
	u.tgt_lang = tl;
	u.source = s;
	u.source_len = strlen(s);
	u.target = t;
	u.target_len = strlen(t);
	ck_assert_int_eq(tmk_tm_add_origin(tm, &origin, "test", "tsv", NULL), 0);
	ck_assert_int_eq(tmk_tm_add_unit(tm, &added, origin, &u), 0);
}

/* Four units for each pair, their other words varied, so that each
 * pair's words meet only there. */
static void corpus(void)
{
	static const char *const de[] = { "Heute", "Gestern", "Am Montag", "Damals" };
	static const char *const en[] = { "Today", "Yesterday", "On Monday", "Back then" };
	static const char *const vde[] = { "warnte", "berichtete", "schrieb", "meldete" };
	static const char *const ven[] = { "warned", "reported", "wrote", "announced" };
	static const char *const ode[] = { "der Gefahr", "den Anschlägen", "dem Netzwerk", "der Zelle" };
	static const char *const oen[] = { "the danger", "the attacks", "the network", "the cell" };
	static const char *const who_de[] = { "die Sprecherin", "ein Zeuge", "die Polizei", "sein Anwalt" };
	static const char *const who_en[] = { "the spokeswoman", "a witness", "the police", "his lawyer" };
	char s[256], t[256];

	for (int i = 0; i < 4; i++) {
		snprintf(s, sizeof(s), "%s %s der Verfassungsschutz von %s.", de[i], vde[i], ode[i]);
		snprintf(t, sizeof(t), "%s the Office for the Protection of the Constitution %s on %s.", en[i],
			 ven[i], oen[i]);
		unit("de", "en", s, t);
		snprintf(s, sizeof(s), "%s reiste Takim nach Tadschikistan, sagte %s.", de[i], who_de[i]);
		snprintf(t, sizeof(t), "%s Takim went to Tajikistan, said %s.", en[i], who_en[i]);
		unit("de", "en", s, t);
		/* English source, German target: read the other way round */
		snprintf(t, sizeof(t), "Nach %s kamen aus Hongkong und den ISKP-Gebieten keine Nachrichten.",
			 who_de[i]);
		snprintf(s, sizeof(s), "According to %s no news came from Hong Kong or the ISKP areas.", who_en[i]);
		unit("en", "de", s, t);
		snprintf(s, sizeof(s), "%s %s man über die Terrormilizen und %s.", de[i], vde[i], ode[i]);
		snprintf(t, sizeof(t), "%s people %s on the terrorist militias and %s.", en[i], ven[i], oen[i]);
		unit("de", "en", s, t);
	}
	/* the inflected form counts for the same candidate */
	unit("de", "en", "Die Terrormiliz griff an.", "The terrorist militia attacked.");
	unit("de", "en", "Der Bericht des Verfassungsschutzes erschien.",
	     "The report of the Office for the Protection of the Constitution appeared.");
	/* a French unit is no part of it */
	unit("de", "fr", "Der Verfassungsschutz warnte.", "L'office a averti.");
}

static const tmk_term_candidate *find(const tmk_term_candidate *c, size_t n, const char *de)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(c[i].de, de))
			return &c[i];
	return NULL;
}

START_TEST(pairs_found)
{
	static const char ding[] = "Verfassungsschutz {m} :: Office for the Protection of the Constitution\n"
				   "Terrormiliz {f} | Terrormilizen {pl} :: terrorist militia | terrorist militias\n"
				   "Hongkong :: Hong Kong\n";
	tmk_lexicon *lx;
	tmk_extract_opts o = { 3, 0, NULL, 0, NULL, NULL };
	tmk_term_candidate *c;
	const tmk_term_candidate *k;
	size_t n;

	corpus();
	ck_assert_int_eq(tmk_lexicon_parse(&lx, "test", ding, sizeof(ding) - 1), 0);
	o.lex = lx;
	ck_assert_int_eq(tmk_term_extract(tm, &c, &n, &o), 0);
	if (getenv("TMK_DEBUG"))
		for (size_t i = 0; i < n; i++)
			fprintf(stderr, "%s = %s %zu %s %.2f\n", c[i].de, c[i].en, c[i].together, c[i].evidence, c[i].score);
	ck_assert_ptr_nonnull(k = find(c, n, "Verfassungsschutz"));
	ck_assert_str_eq(k->en, "Office for the Protection of the Constitution");
	ck_assert_str_eq(k->evidence, "lexicon");
	ck_assert_uint_eq(k->together, 5);      /* the genitive too */
	ck_assert_ptr_nonnull(k->example_de);
	ck_assert_ptr_nonnull(strstr(k->example_en, "Protection"));
	ck_assert_ptr_nonnull(k = find(c, n, "Takim"));
	ck_assert_str_eq(k->en, "Takim");
	ck_assert_str_eq(k->evidence, "identical");
	ck_assert_ptr_nonnull(k = find(c, n, "Tadschikistan"));
	ck_assert_str_eq(k->en, "Tajikistan");
	ck_assert_str_eq(k->evidence, "cognate");
	ck_assert_ptr_nonnull(k = find(c, n, "Hongkong"));
	ck_assert_str_eq(k->en, "Hong Kong");
	ck_assert_ptr_nonnull(k = find(c, n, "ISKP"));
	ck_assert_str_eq(k->en, "ISKP");
	ck_assert_str_eq(k->type, "acronym");
	ck_assert_ptr_nonnull(k = find(c, n, "Terrormilizen"));
	ck_assert_str_eq(k->en, "terrorist militias");
	ck_assert_uint_eq(k->together, 5);
	/* ranked, each German and English candidate once */
	for (size_t i = 0; i < n; i++) {
		ck_assert(c[i].score > 0 && c[i].score <= 1);
		for (size_t j = i + 1; j < n; j++) {
			ck_assert_str_ne(c[i].de, c[j].de);
			ck_assert_str_ne(c[i].en, c[j].en);
		}
	}
	tmk_term_candidates_free(c, n);
	/* --top; a pair the glossary has is left out unless asked for */
	{
		tmk_term_in t[2] = { { "de", "Takim", 5, NULL, NULL }, { "en", "Takim", 5, NULL, NULL } };
		tmk_concept_in ci = { "term", NULL, NULL, NULL, NULL, t, 2 };
		int64_t id;
		int m, ch;
		ck_assert_int_eq(tmk_concept_add(tm, &id, &m, &ch, &ci), 0);
	}
	o.top = 3;
	ck_assert_int_eq(tmk_term_extract(tm, &c, &n, &o), 0);
	ck_assert_uint_eq(n, 3);
	ck_assert_ptr_null(find(c, n, "Takim"));
	tmk_term_candidates_free(c, n);
	o.top = 0;
	o.include_known = 1;
	ck_assert_int_eq(tmk_term_extract(tm, &c, &n, &o), 0);
	ck_assert_ptr_nonnull(k = find(c, n, "Takim"));
	ck_assert_int_eq(k->known, 1);
	tmk_term_candidates_free(c, n);
	/* a higher bar: nothing is in six units */
	o.min_freq = 6;
	ck_assert_int_eq(tmk_term_extract(tm, &c, &n, &o), 0);
	ck_assert_uint_eq(n, 0);
	tmk_lexicon_free(lx);
}
END_TEST

START_TEST(no_units)
{
	tmk_extract_opts o = { 3, 0, NULL, 0, NULL, NULL };
	tmk_term_candidate *c = (tmk_term_candidate *)1;
	size_t n = 1;

	ck_assert_int_eq(tmk_term_extract(tm, &c, &n, &o), TMK_EINPUT);
	ck_assert_ptr_null(c);
	ck_assert_uint_eq(n, 0);
	ck_assert_ptr_nonnull(strstr(tmk_error_last(), "no German-English units"));
	unit("de", "fr", "Der Verfassungsschutz warnte.", "L'office a averti.");
	ck_assert_int_eq(tmk_term_extract(tm, &c, &n, &o), TMK_EINPUT);
	tmk_term_candidates_free(NULL, 0);
}
END_TEST

static Suite *extract_suite(void)
{
	Suite *s = suite_create("extract");
	TCase *tc = tcase_create("core");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, pairs_found);
	tcase_add_test(tc, no_units);
	suite_add_tcase(s, tc);
	return s;
}

TEST_MAIN(extract_suite)
