/* test_align.c - the aligner (align.c) on documents made here: beads of
 * every kind found from lengths, numbers and names alone, edge cases. */
#include <string.h>

#include <unistd.h>

#include "align.h"
#include "align_batch.h"
#include "error.h"
#include "lexicon.h"
#include "tests.h"

#define B(lit) lit, sizeof(lit) - 1

static size_t make(tmk_align_sent *v, const char *const *s)
{
	size_t n = 0;

	for (; s[n]; n++) {
		v[n].text = s[n];
		v[n].len = strlen(s[n]);
		v[n].paragraph = 0;
	}
	return n;
}

/* The beads as "[0]:[0] [1, 2]:[1] ..." */
static void render(char *out, size_t size, const tmk_bead *b, size_t n)
{
	size_t len = 0;

	out[0] = '\0';
	for (size_t i = 0; i < n && len < size; i++) {
		len += (size_t)snprintf(out + len, size - len, "%s[", i ? " " : "");
		for (size_t k = 0; k < b[i].nde; k++)
			len += (size_t)snprintf(out + len, size - len, "%s%zu", k ? ", " : "", b[i].de + k);
		len += (size_t)snprintf(out + len, size - len, "]:[");
		for (size_t k = 0; k < b[i].nen; k++)
			len += (size_t)snprintf(out + len, size - len, "%s%zu", k ? ", " : "", b[i].en + k);
		len += (size_t)snprintf(out + len, size - len, "]");
	}
}

static const char *const de_doc[] = {
	"Am 3. Mai 2024 durchsuchte die Polizei in Essen drei Wohnungen.",
	"Niemand wurde festgenommen.",
	"Die Staatsanwaltschaft Düsseldorf ermittelt gegen vier Männer aus Tadschikistan.",
	"Sie sollen 12.500 Euro an die Terrormiliz ISPK überwiesen haben.",
	"Ein Satz, den es im Englischen nicht gibt, steht hier ganz allein.",
	"Im Jahr 2023 gab es 14 ähnliche Verfahren.",
	"Das Urteil wird im Herbst erwartet.",
	NULL };
static const char *const en_doc[] = {
	"On May 3, 2024, police searched three flats in Essen. Nobody was arrested.",
	"Düsseldorf prosecutors are investigating four men from Tajikistan.",
	"They are said to have transferred 12,500 euros to the terrorist militia ISPK.",
	"In 2023 there were 14 similar cases.",
	"The verdict is expected in the autumn.",
	NULL };

/* With a lexicon, the sentence the English lacks is left out. */
START_TEST(beads_with_lexicon)
{
	static const char ding[] =
		"Satz {m} :: sentence\nEnglisch {n} :: English\nallein {adv} :: alone\n"
		"Terrormiliz {f} :: terrorist militia\nüberweisen {vt} :: to transfer\n"
		"Urteil {n} :: verdict\nHerbst {m} :: autumn\nerwarten {vt} :: to expect\n"
		"Verfahren {n} :: case\nähnlich {adj} :: similar\nMann {m} | Männer {pl} :: man | men\n"
		"ermitteln {vi} :: to investigate\nPolizei {f} :: police\nWohnung {f} :: flat\n"
		"niemand :: nobody\nfestnehmen {vt} :: to arrest\n";
	tmk_align_sent d[16], e[16];
	tmk_lexicon *lx;
	tmk_align_opts o = { NULL };
	tmk_bead *b;
	size_t n, nd = make(d, de_doc), ne = make(e, en_doc);
	char got[256];

	ck_assert_int_eq(tmk_lexicon_parse(&lx, "test", B(ding)), 0);
	o.lex = lx;
	ck_assert_int_eq(tmk_align(&b, &n, d, nd, e, ne, &o), 0);
	render(got, sizeof(got), b, n);
	ck_assert_str_eq(got, "[0, 1]:[0] [2]:[1] [3]:[2] [4]:[] [5]:[3] [6]:[4]");
	for (size_t i = 0; i < n; i++)
		ck_assert(b[i].score >= 0 && b[i].score <= 1);
	free(b);
	tmk_lexicon_free(lx);
}
END_TEST

/* Without one, numbers and names still place the sentences around it
 * (the stray sentence itself may merge into a neighbour: nothing says
 * otherwise). */
START_TEST(beads_without_lexicon)
{
	tmk_align_sent d[16], e[16];
	tmk_align_opts o = { NULL };
	tmk_bead *b;
	size_t n, nd = make(d, de_doc), ne = make(e, en_doc);
	char got[256];

	ck_assert_int_eq(tmk_align(&b, &n, d, nd, e, ne, &o), 0);
	render(got, sizeof(got), b, n);
	ck_assert_msg(!strncmp(got, "[0, 1]:[0] [2]:[1] [3", 21), "%s", got);
	ck_assert_msg(strstr(got, "[5]:[3] [6]:[4]") != NULL, "%s", got);
	free(b);
}
END_TEST

START_TEST(one_side_empty_and_lopsided)
{
	static const char *const one[] = { "Ein einziger Satz.", NULL };
	tmk_align_sent d[2], e[300];
	tmk_align_opts o = { NULL };
	tmk_bead *b;
	size_t n, nd = make(d, one);
	char texts[300][32];

	for (int i = 0; i < 300; i++) {
		snprintf(texts[i], sizeof(texts[i]), "Sentence %d.", i);
		e[i].text = texts[i];
		e[i].len = strlen(texts[i]);
		e[i].paragraph = 0;
	}
	ck_assert_int_eq(tmk_align(&b, &n, d, nd, e, 300, &o), 0);     /* 1 against 300 */
	{
		size_t next_en = 0, de_seen = 0;       /* every sentence once, in order */
		for (size_t i = 0; i < n; i++) {
			ck_assert_uint_eq(b[i].en, next_en);
			next_en += b[i].nen;
			de_seen += b[i].nde;
		}
		ck_assert_uint_eq(next_en, 300);
		ck_assert_uint_eq(de_seen, 1);
	}
	free(b);
	ck_assert_int_eq(tmk_align(&b, &n, d, 0, e, 3, &o), 0);         /* nothing German */
	ck_assert_uint_eq(n, 3);
	ck_assert_uint_eq(b[0].nde, 0);
	free(b);
	ck_assert_int_eq(tmk_align(&b, &n, d, 0, e, 0, &o), 0);         /* nothing at all */
	ck_assert_uint_eq(n, 0);
	free(b);
}
END_TEST
/* The score is a probability: a pairing with an equally good rival (which
 * of two identical sentences the English kept) scores near one half, one
 * with none scores near one. */
START_TEST(scores_predict_doubt)
{
	static const char *const de2[] = {
		"Der Anschlag geschah am 12. Juni in Berlin.",
		"Der Anschlag geschah am 12. Juni in Berlin.",
		"Die Polizei nahm 5 Verdächtige aus Hamburg fest.",
		"Das Verfahren gegen sie beginnt im Jahr 2027 in Karlsruhe.",
		NULL };
	static const char *const en2[] = {
		"The attack happened in Berlin on 12 June.",
		"Police arrested 5 suspects from Hamburg.",
		"Their trial starts in Karlsruhe in 2027.",
		NULL };
	tmk_align_sent d[8], e[8];
	tmk_align_opts o = { NULL };
	tmk_bead *b;
	size_t n, nd = make(d, de2), ne = make(e, en2);

	ck_assert_int_eq(tmk_align(&b, &n, d, nd, e, ne, &o), 0);
	ck_assert_uint_ge(n, 3);
	for (size_t i = 0; i < n; i++)
		if (b[i].de < 2)        /* the twins, however they were paired */
			ck_assert_msg(b[i].score < 0.75, "bead %zu: %f", i, b[i].score);
		else
			ck_assert_msg(b[i].score > 0.9 && b[i].nde == 1 && b[i].nen == 1,
				      "bead %zu: %f", i, b[i].score);
	free(b);
}
END_TEST
/* Paragraphs anchor: with nothing else to go by (same lengths, no shared
 * words), the German sentence that is a paragraph of its own pairs with
 * the English one that is; without paragraph marks the aligner leaves out
 * the first sentence instead. */
START_TEST(paragraphs_anchor)
{
	static const char *const de3[] = {
		"Lorem ipsum dolor sit amet, consectetur adipiscing.",
		"Quisque vehicula nunc et purus tincidunt, sed porta.",
		"Aliquam erat volutpat, vivamus gravida sapien felis.",
		NULL };
	static const char *const en3[] = {
		"Sphinx of black quartz, judge my vow to be sincere.",
		"Pack my box with five dozen liquor jugs, and hurry.",
		NULL };
	tmk_align_sent d[4], e[4];
	tmk_align_opts o = { NULL };
	tmk_bead *b;
	size_t n, nd = make(d, de3), ne = make(e, en3);
	char flat[128], para[128];

	ck_assert_int_eq(tmk_align(&b, &n, d, nd, e, ne, &o), 0);
	render(flat, sizeof(flat), b, n);
	free(b);
	d[1].paragraph = d[2].paragraph = 1;
	e[1].paragraph = 1;
	ck_assert_int_eq(tmk_align(&b, &n, d, nd, e, ne, &o), 0);
	render(para, sizeof(para), b, n);
	free(b);
	ck_assert_msg(!strncmp(para, "[0]:[0] ", 8) && strncmp(flat, "[0]:[0] ", 8),
		      "with paragraphs: %s; without: %s", para, flat);
}
END_TEST
/* A glossary pair is evidence like the lexicon's: with it the sentence
 * about the sleeper cell pairs with its translation; without it (nothing
 * else in common) the aligner leaves out the wrong German sentence. */
START_TEST(glossary_evidence)
{
	static const char *const de4[] = {
		"Die Schläferzelle wurde entdeckt, sagte man heute.",
		"Lorem ipsum dolor sit amet, consectetur adipiscing.",
		NULL };
	static const char *const en4[] = { "The sleeper cell was discovered, they said today.", NULL };
	static const char gloss[] = "Schläferzelle :: sleeper cell\n";
	tmk_align_sent d[4], e[4];
	tmk_align_opts o = { NULL, NULL };
	tmk_lexicon *gl;
	tmk_bead *b;
	size_t n, nd = make(d, de4), ne = make(e, en4);
	char without[64], with[64];

	ck_assert_int_eq(tmk_align(&b, &n, d, nd, e, ne, &o), 0);
	render(without, sizeof(without), b, n);
	free(b);
	ck_assert_int_eq(tmk_lexicon_parse(&gl, "glossary", gloss, sizeof(gloss) - 1), 0);
	o.glossary = gl;
	ck_assert_int_eq(tmk_align(&b, &n, d, nd, e, ne, &o), 0);
	render(with, sizeof(with), b, n);
	free(b);
	tmk_lexicon_free(gl);
	ck_assert_str_eq(with, "[0]:[0] [1]:[]");
	ck_assert_str_ne(without, with);
}
END_TEST

/* ---- batches ------------------------------------------------------------ */

static void put_file(const char *dir, const char *name, const char *text)
{
	char path[256];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	ck_assert_ptr_nonnull(f = fopen(path, "w"));
	fputs(text, f);
	fclose(f);
}

static int count_done(void *ud, const tmk_batch_item *it, const tmk_align_doc *doc, int rc)
{
	(void)it;
	(void)doc;
	((int *)ud)[rc < 0]++;
	return 0;
}

/* Twelve pairs on three threads, one of them missing a file: each output
 * is what aligning its pair alone gives; the failed pair leaves none. */
START_TEST(batch_matches_single_runs)
{
	char dir[] = "/tmp/tmkit-batch-XXXXXX", path[256], man[4096] = "";
	tmk_manifest *m;
	tmk_align_opts ao = { NULL };
	tmk_batch_opts bo;
	int counts[2] = { 0, 0 };
	size_t failed;

	ck_assert_ptr_nonnull(mkdtemp(dir));
	for (int k = 0; k < 12; k++) {
		char name[32], de[256], en[256], line[128];
		snprintf(de, sizeof(de), "Im Jahr %d gab es %d Verfahren.\nNiemand wurde verurteilt.\n"
			 "Das Urteil fiel am %d. Mai.\n", 2000 + k, k * 7, k + 1);
		snprintf(en, sizeof(en), "In %d there were %d cases. Nobody was convicted.\n"
			 "The verdict came on May %d.\n", 2000 + k, k * 7, k + 1);
		snprintf(name, sizeof(name), "p%d.de", k);
		if (k != 5)
			put_file(dir, name, de);
		snprintf(name, sizeof(name), "p%d.en", k);
		put_file(dir, name, en);
		snprintf(line, sizeof(line), "p%d.de\tp%d.en\tp%d.out\n", k, k, k);
		strcat(man, line);
	}
	put_file(dir, "m.tsv", man);
	snprintf(path, sizeof(path), "%s/m.tsv", dir);
	ck_assert_int_eq(tmk_manifest_load(&m, path), 0);
	ck_assert_uint_eq(m->n, 12);
	memset(&bo, 0, sizeof(bo));
	bo.langs[0] = "de";
	bo.langs[1] = "en";
	bo.segmented = 1;
	bo.format = TMK_ALIGN_BEADS;
	bo.align = &ao;
	bo.jobs = 3;
	bo.done = count_done;
	bo.ud = counts;
	ck_assert_int_eq(tmk_align_batch(m, &bo, &failed), 0);
	ck_assert_uint_eq(failed, 1);
	ck_assert_int_eq(counts[0], 11);
	ck_assert_int_eq(counts[1], 1);
	for (size_t k = 0; k < m->n; k++) {
		tmk_align_doc doc;
		tmk_buf want = TMK_BUF_INIT;
		size_t len;
		char *got;
		if (k == 5) {
			ck_assert_int_ne(access(m->items[k].out, F_OK), 0);
			continue;
		}
		ck_assert_int_eq(tmk_align_doc_run(&doc, m->items[k].de, m->items[k].en, bo.langs, 1, &ao), 0);
		ck_assert_int_eq(tmk_align_write(&want, TMK_ALIGN_BEADS, doc.beads, doc.n, &doc.de, &doc.en), 0);
		got = test_read_file(m->items[k].out, &len);
		ck_assert_str_eq(got, want.ptr);
		ck_assert_str_eq(got, "[0, 1]:[0]\n[2]:[1]\n");
		free(got);
		tmk_buf_release(&want);
		tmk_align_doc_release(&doc);
		unlink(m->items[k].out);
	}
	for (int k = 0; k < 12; k++) {
		snprintf(path, sizeof(path), "%s/p%d.de", dir, k);
		unlink(path);
		snprintf(path, sizeof(path), "%s/p%d.en", dir, k);
		unlink(path);
	}
	snprintf(path, sizeof(path), "%s/m.tsv", dir);
	unlink(path);
	rmdir(dir);
	tmk_manifest_free(m);
}
END_TEST

static const struct {
	const char *text, *msg;
} bad_manifests[] = {
	{ "a\tb\tc\td\n", "m.tsv:1: want DE-FILE, EN-FILE and OUTPUT separated by tabs, found more" },
	{ "# fine\na\t\tc\n", "m.tsv:2: want DE-FILE, EN-FILE and OUTPUT separated by tabs, found an empty" },
	{ "a b c\n", "m.tsv:1: want DE-FILE, EN-FILE and OUTPUT separated by tabs, found fewer" },
	{ "# nothing\n\n", "m.tsv: no pairs" },
	{ "", "m.tsv: no pairs" },
	{ "a\tb\tx\nc\td\tx\n", "m.tsv:2: output '" },
	{ "a\tb\tc\nc\td\te\n", "m.tsv:1: output '" },
};

START_TEST(batch_bad_manifest)
{
	char dir[] = "/tmp/tmkit-manifest-XXXXXX", path[128];
	tmk_manifest *m = (tmk_manifest *)1;

	ck_assert_ptr_nonnull(mkdtemp(dir));
	put_file(dir, "m.tsv", bad_manifests[_i].text);
	snprintf(path, sizeof(path), "%s/m.tsv", dir);
	ck_assert_int_eq(tmk_manifest_load(&m, path), TMK_EINPUT);
	ck_assert_ptr_null(m);
	ck_assert_msg(strstr(tmk_error_last(), bad_manifests[_i].msg), "'%s' lacks '%s'",
		      tmk_error_last(), bad_manifests[_i].msg);
	unlink(path);
	rmdir(dir);
}
END_TEST

static Suite *align_suite(void)
{
	Suite *s = suite_create("align");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, beads_with_lexicon);
	tcase_add_test(tc, beads_without_lexicon);
	tcase_add_test(tc, one_side_empty_and_lopsided);
	tcase_add_test(tc, scores_predict_doubt);
	tcase_add_test(tc, paragraphs_anchor);
	tcase_add_test(tc, glossary_evidence);
	suite_add_tcase(s, tc);
	tc = tcase_create("batch");
	tcase_add_test(tc, batch_matches_single_runs);
	tcase_add_loop_test(tc, batch_bad_manifest, 0, sizeof(bad_manifests) / sizeof(bad_manifests[0]));
	suite_add_tcase(s, tc);
	return s;
}

TEST_MAIN(align_suite)
