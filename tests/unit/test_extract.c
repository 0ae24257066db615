/* test_extract.c - bilingual term extraction (extract.c) on a small TM
 * built here: compound against English phrase (with the lexicon's
 * evidence), names spelled alike and transliterated, an acronym, inflected
 * forms counted as one, the longer pair preferred (Hong Kong, not Hong),
 * pairs the glossary has left out, and a TM without German-English units.
 * Issue 14's rules each: lemmas (hunspell's de_DE and en_US, a small Ding
 * file for genders), general-language frequencies, everyday words and dates
 * left out, no punctuation in a candidate, no English cut short, name
 * pairs in two transliterations, place adjectives. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "extract.h"
#include "extract_lang.h"
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
	tmk_extract_opts o = { 3, 0, NULL, 0, NULL, NULL, NULL, NULL };
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
	/* in the nominative singular, the English singular too */
	ck_assert_ptr_nonnull(k = find(c, n, "Terrormiliz"));
	ck_assert_str_eq(k->en, "terrorist militia");
	ck_assert_uint_eq(k->together, 5);
	ck_assert_ptr_null(find(c, n, "Terrormilizen"));
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
	tmk_extract_opts o = { 3, 0, NULL, 0, NULL, NULL, NULL, NULL };
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


/* ---- lemmas (extract_lang.c) ------------------------------------------------ */

/* Genders and plurals as Ding writes them: the test's own small file. */
static const char ding_genders[] =
	"# a few Ding lines\n"
	"Staat {m} (als Staatsgebilde) [pol.] | Staaten {pl} :: state | states\n"
	"Parlament {n} | Parlamente {pl} :: parliament | parliaments\n"
	"Sicherheit {f} :: security\n"
	"Kraft {f} | Kräfte {pl} :: force | forces\n"
	"Nation {f} | Nationen {pl} :: nation | nations\n"
	"Bundesamt {n} :: federal office\n"
	"Union {f} :: union\n";

static tmk_xlang *xlang(void)
{
	char dp[128];
	FILE *f;
	tmk_xlang *l;

	snprintf(dp, sizeof(dp), "%s/de-en", dir);
	ck_assert_ptr_nonnull(f = fopen(dp, "w"));
	fputs(ding_genders, f);
	fclose(f);
	ck_assert_int_eq(tmk_xlang_new(&l, NULL, dp), 0);
	return l;
}

static const struct {
	const char *in, *out;
	int keep_plural, singularised;
} de_cases[] = {
	{ "Dschihadisten", "Dschihadist", 0, 1 },              /* issue 14 */
	{ "Sicherheitsfachleuten", "Sicherheitsfachleute", 0, 1 },
	{ "Sicherheitsbehörden", "Sicherheitsbehörde", 0, 1 },  /* a compound: its head */
	{ "Kernkraftwerke", "Kernkraftwerk", 0, 1 },
	{ "Anträge", "Antrag", 0, 1 },                          /* umlaut plural */
	{ "Empfehlungen", "Empfehlung", 0, 1 },                 /* not the verb empfehlen */
	{ "Terroristinnen", "Terroristin", 0, 1 },              /* not Terrorist */
	{ "Kräfte", "Kraft", 0, 1 },                            /* Ding's plural */
	{ "Staates", "Staat", 0, 0 },                           /* a genitive, no plural */
	{ "Liste", "Liste", 0, 0 },                             /* not List */
	{ "Auszubildenden", "Auszubildende", 0, 0 },            /* an adjective as a noun */
	{ "IS-Kämpfern", "IS-Kämpfer", 0, 1 },
	{ "Islamischen Staates", "Islamischer Staat", 0, 0 },   /* strong ending, masculine */
	{ "Europäischen Parlaments", "Europäisches Parlament", 0, 0 },  /* neuter */
	{ "inneren Sicherheit", "innere Sicherheit", 0, 0 },    /* feminine */
	{ "Islamischer Staat Provinz Khorasan", "Islamischer Staat Provinz Khorasan", 0, 0 },
	{ "Bundesamtes für Verfassungsschutz", "Bundesamt für Verfassungsschutz", 0, 0 },
	{ "Vereinten Nationen", "Vereinte Nation", 0, 1 },      /* a term: singular */
	{ "Vereinten Nationen", "Vereinte Nationen", 1, 0 },    /* a name: plural kept */
	{ "Andrew Lawson", "Andrew Lawson", 0, 0 },             /* a person's name stays */
	{ "Chalimow", "Chalimow", 0, 0 },                       /* unknown: as it is */
	{ "Hollande", "Hollande", 0, 0 },                       /* no compound Hol + Lande */
};

/* The table in one test: loading de_DE takes a while, under ASan more. */
START_TEST(german_lemmas)
{
	tmk_xlang *l = xlang();
	tmk_buf b = TMK_BUF_INIT;
	int sing;

	for (size_t i = 0; i < sizeof(de_cases) / sizeof(de_cases[0]); i++) {
		ck_assert_int_eq(tmk_xlang_de_lemma(l, &b, &sing, de_cases[i].in, strlen(de_cases[i].in),
						    de_cases[i].keep_plural), 0);
		ck_assert_msg(!strcmp(b.ptr, de_cases[i].out) && sing == de_cases[i].singularised,
			      "%s: '%s' (%d), want '%s' (%d)", de_cases[i].in, b.ptr, sing, de_cases[i].out,
			      de_cases[i].singularised);
	}
	tmk_buf_release(&b);
	tmk_xlang_free(l);
}
END_TEST

static const struct {
	const char *in, *out;
	int force;
} en_cases[] = {
	{ "terrorist attacks", "terrorist attack", 0 },
	{ "jihadists", "jihadist", 0 },
	{ "authorities", "authority", 0 },
	{ "recommendations", "recommendation", 0 },     /* not commendation */
	{ "months", "month", 0 },
	{ "news", "news", 0 },
	{ "analysis", "analysis", 0 },
	{ "politics", "politics", 0 },
	{ "United States", "United States", 0 },        /* a name's plural stays */
	{ "Member States", "Member State", 1 },         /* unless the German is singular */
	{ "NATO", "NATO", 0 },
};

START_TEST(english_lemmas)
{
	tmk_xlang *l = xlang();
	tmk_buf b = TMK_BUF_INIT;

	for (size_t i = 0; i < sizeof(en_cases) / sizeof(en_cases[0]); i++) {
		ck_assert_int_eq(tmk_xlang_en_lemma(l, &b, en_cases[i].in, strlen(en_cases[i].in), en_cases[i].force),
				 0);
		ck_assert_msg(!strcmp(b.ptr, en_cases[i].out), "%s: '%s', want '%s'", en_cases[i].in, b.ptr,
			      en_cases[i].out);
	}
	tmk_buf_release(&b);
	tmk_xlang_free(l);
}
END_TEST

START_TEST(genders_and_frequencies)
{
	tmk_xlang *l = xlang();
	tmk_buf b = TMK_BUF_INIT;

	ck_assert_int_eq(tmk_xlang_de_gender(l, "Staat", 5), TMK_GENDER_M);
	ck_assert_int_eq(tmk_xlang_de_gender(l, "Sicherheit", 10), TMK_GENDER_F);
	ck_assert_int_eq(tmk_xlang_de_gender(l, "Parlament", 9), TMK_GENDER_N);
	/* a compound is its head's gender */
	ck_assert_int_eq(tmk_xlang_de_gender(l, "Mitgliedstaat", 13), TMK_GENDER_M);
	ck_assert_int_eq(tmk_xlang_de_gender(l, "Quatschwort", 11), TMK_GENDER_NONE);
	ck_assert_int_eq(tmk_xlang_add_gender(l, "Quatschwort", TMK_GENDER_N), 0);
	ck_assert_int_eq(tmk_xlang_de_gender(l, "Quatschwort", 11), TMK_GENDER_N);
	/* dictionaries/freq: everyday words far above terms, names not there */
	ck_assert_uint_gt(tmk_xlang_freq(l, 0, "Menschen", 8), 1000);
	ck_assert_uint_gt(tmk_xlang_freq(l, 0, "MENSCHEN", 8), 1000);        /* folded */
	ck_assert_uint_gt(tmk_xlang_freq(l, 0, "Woche", 5), 600);
	ck_assert_uint_lt(tmk_xlang_freq(l, 0, "Belagerung", 10), 100);
	ck_assert_uint_eq(tmk_xlang_freq(l, 0, "Chalimow", 8), 0);
	ck_assert_uint_gt(tmk_xlang_freq(l, 1, "people", 6), 1000);
	ck_assert_uint_lt(tmk_xlang_freq(l, 1, "jihadist", 8), 100);
	/* an adjective declines, a noun does not */
	ck_assert_int_eq(tmk_xlang_de_adjective(l, &b, "Islamischen", 11), 1);
	ck_assert_str_eq(b.ptr, "Islamisch");
	ck_assert_int_eq(tmk_xlang_de_adjective(l, &b, "Richter", 7), 0);
	ck_assert(tmk_xlang_known(l, 0, "Sicherheit", 10));
	ck_assert(!tmk_xlang_known(l, 0, "Chalimow", 8));
	tmk_buf_release(&b);
	tmk_xlang_free(l);
	/* no hunspell dictionaries: an error naming the package */
	ck_assert_int_eq(tmk_xlang_new(&l, "/nonexistent", NULL), TMK_EIO);
	ck_assert_ptr_nonnull(strstr(tmk_error_last(), "hunspell-de-de"));
}
END_TEST

/* ---- issue 14's rules on a TM --------------------------------------------------- */

/* N units of DE and EN, each with filler words of its own, so that only the
 * pair's words meet N times. */
static void units(int n, const char *de, const char *en)
{
	static const char *const fde[] = { "Laut Bericht", "Nach Angaben", "Wie bekannt wurde", "Offenbar",
					   "Am Ende", "Dem Vernehmen nach" };
	static const char *const fen[] = { "According to the report", "Reportedly", "As became known",
					   "Apparently", "In the end", "It is said" };
	char s[512], t[512];

	for (int i = 0; i < n; i++) {
		snprintf(s, sizeof(s), "%s %s", fde[i % 6], de);
		snprintf(t, sizeof(t), "%s %s", fen[i % 6], en);
		unit("de", "en", s, t);
	}
}

static tmk_term_candidate *extract_all(size_t *n, int min)
{
	static const char lexicon[] = "Konzertsaal {m} :: concert hall\n"
				      "Rechnungshof {m} :: court of auditors\n";
	char dp[128];
	tmk_extract_opts o = { min, 0, NULL, 1, NULL, NULL, NULL, dp };
	tmk_term_candidate *c;
	tmk_lexicon *lx;

	snprintf(dp, sizeof(dp), "%s/de-en", dir);
	tmk_xlang_free(xlang());        /* writes the Ding file */
	ck_assert_int_eq(tmk_lexicon_parse(&lx, "test", lexicon, sizeof(lexicon) - 1), 0);
	o.lex = lx;
	ck_assert_int_eq(tmk_term_extract(tm, &c, n, &o), 0);
	tmk_lexicon_free(lx);
	if (getenv("TMK_DEBUG"))
		for (size_t i = 0; i < *n; i++)
			fprintf(stderr, "%s = %s %zu %s %.2f\n", c[i].de, c[i].en, c[i].together, c[i].evidence,
				c[i].score);
	return c;
}

START_TEST(issue14_rules)
{
	const tmk_term_candidate *k;
	tmk_term_candidate *c;
	size_t n;

	/* lemmas: inflected forms proposed in the nominative singular */
	units(2, "griffen die Dschihadisten des Islamischen Staates an.",
	      "the jihadists of the Islamic State attacked.");
	units(2, "kamen zwei Dschihadisten des Islamischen Staates.", "two jihadists of the Islamic State came.");
	/* debris: quotes and brackets part candidates */
	units(4, "nannte sich die Gruppe „Islamischer Staat“ (IS) im Irak.",
	      "the group called itself \"Islamic State\" (IS) in Iraq.");
	/* cut short: no English candidate ends with a preposition */
	units(4, "galt der Anschlag auf den Konzertsaal bei Moskau als Warnung.",
	      "the attack on the concert hall near Moscow was a warning.");
	/* everyday words and dates are no terms */
	units(4, "starben viele Menschen in dieser Woche im April.", "many people died this week in April.");
	/* names in two transliterations, twice are enough */
	units(2, "traf Chalimow die Ermittler.", "Khalimov met the investigators.");
	/* a place adjective is not its place */
	units(4, "lobte die Salzwedeler Polizei die Helfer in Salzwedel.",
	      "the police praised the helpers in Salzwedel.");
	c = extract_all(&n, 3);
	ck_assert_ptr_nonnull(k = find(c, n, "Dschihadist"));
	ck_assert_str_eq(k->en, "jihadist");
	ck_assert_ptr_null(find(c, n, "Dschihadisten"));
	ck_assert_ptr_nonnull(k = find(c, n, "Islamischer Staat"));
	ck_assert_str_eq(k->en, "Islamic State");
	ck_assert_ptr_null(find(c, n, "Islamischen Staates"));
	ck_assert_ptr_nonnull(k = find(c, n, "Konzertsaal"));
	ck_assert_str_eq(k->en, "concert hall");
	ck_assert_ptr_nonnull(k = find(c, n, "Chalimow"));
	ck_assert_str_eq(k->en, "Khalimov");
	ck_assert_str_eq(k->type, "name");
	ck_assert_uint_eq(k->together, 2);
	ck_assert_ptr_null(find(c, n, "Menschen"));
	ck_assert_ptr_null(find(c, n, "Mensch"));
	ck_assert_ptr_null(find(c, n, "Woche"));
	ck_assert_ptr_null(find(c, n, "April"));
	ck_assert_ptr_null(find(c, n, "Salzwedeler"));
	for (size_t i = 0; i < n; i++) {
		const char *en = c[i].en, *last = strrchr(en, ' ');
		ck_assert_msg(!strpbrk(c[i].de, "\"()[]") && !strstr(c[i].de, "\xe2\x80"), "debris: %s", c[i].de);
		ck_assert_msg(!strpbrk(en, "\"()[]") && !strstr(en, "\xe2\x80"), "debris: %s", en);
		last = last ? last + 1 : en;
		ck_assert_msg(strcmp(last, "near") && strcmp(last, "of") && strcmp(last, "the") &&
			      strcmp(last, "and"), "cut short: %s = %s", c[i].de, en);
		ck_assert_str_ne(en, "people");
		ck_assert_str_ne(en, "week");
	}
	tmk_term_candidates_free(c, n);
}
END_TEST

/* A longer English name that always comes with the shorter one: the
 * shorter is cut short (Rechnungshof = Court of Auditors, not Auditors). */
START_TEST(cut_short_names)
{
	const tmk_term_candidate *k;
	tmk_term_candidate *c;
	size_t n;

	units(2, "prüfte der Rechnungshof die Ausgaben.", "the European Court of Auditors checked the spending.");
	units(2, "rügte der Rechnungshof die Ausgaben.", "the President of the Court of Auditors criticised it.");
	c = extract_all(&n, 3);
	ck_assert_ptr_nonnull(k = find(c, n, "Rechnungshof"));
	ck_assert_str_eq(k->en, "Court of Auditors");
	tmk_term_candidates_free(c, n);
}
END_TEST

static Suite *extract_suite(void)
{
	Suite *s = suite_create("extract");
	TCase *tc = tcase_create("core");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, pairs_found);
	tcase_add_test(tc, no_units);
	tcase_set_timeout(tc, 120);     /* hunspell's de_DE, and Ding's genders, under the sanitizers too */
	tcase_add_test(tc, german_lemmas);
	tcase_add_test(tc, english_lemmas);
	tcase_add_test(tc, genders_and_frequencies);
	tcase_add_test(tc, issue14_rules);
	tcase_add_test(tc, cut_short_names);
	suite_add_tcase(s, tc);
	return s;
}

TEST_MAIN(extract_suite)
