/* test_ding.c - the Ding dictionary's senses (ding.c): lookups as
 * translators type them (inflected, folded, English "to" verbs, valency
 * words, abbreviations), compounds split only by the rules of issue 14
 * (parts that are ordinary words, German links, a noun head, no names:
 * Massen + Erschießung, never Westbalkan or Badachschan), senses ranked by
 * a TM's evidence and the glossary's domain (Anschläge: attacks, Anklage:
 * not accusativeness), the index written, mapped again and rebuilt when
 * stale or damaged, and files that are not dictionaries.  The tests on the
 * real dictionary need Debian's trans-de-en and hunspell-de-de
 * (tools/setup). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "concord.h"
#include "ding.h"
#include "embedded.h"
#include "error.h"
#include "lexicon.h"
#include "term_io.h"
#include "tests.h"
#include "tm_units.h"
#include "tm.h"

static const char ding[] =
	"# Version :: 1.9\n"
	"Anschlag {m} (auf jdn./etw.) | Anschläge {pl} :: attack (on sb./sth.) | attacks\n"
	"Anschlag {m} [techn.] | Anschläge {pl} :: fence | fences\n"
	"Bericht {m} (über etw.) | Berichte {pl} :: report (on sth.) | reports\n"
	"deutscher Inlandsgeheimdienst; Bundesamt für Verfassungsschutz /BfV/; Verfassungsschutz {m} "
	":: German domestic intelligence service\n"
	"Terrormiliz {f} | Terrormilizen {pl} :: terrorist militia | terrorist militias\n"
	"etw. überweisen {vt} :: to transfer sth.\n"
	"Tadschikistan /TJ/ [geogr.] :: Tajikistan\n"
	"a line without the separator\n"
	"\xff\xfe binary junk :: \x01\x02\n"
	" :: \n"
	"Straße {f} :: street\n";

/* The first sense found for Q: "de = en (how)". */
static void first(char *out, size_t cap, tmk_ding *d, const char *from, const char *q)
{
	tmk_ding_sense *s;
	size_t n;

	ck_assert_int_eq(tmk_ding_lookup(d, &s, &n, from, q, strlen(q), 5), 0);
	if (n == 0)
		snprintf(out, cap, "-");
	else
		snprintf(out, cap, "%s = %s (%s)", s[0].de, s[0].en, tmk_match_name(s[0].how));
	tmk_ding_senses_free(s, n);
}

START_TEST(lookup_forms)
{
	tmk_ding *d;
	char got[512];
	tmk_ding_sense *s;
	size_t n;

	ck_assert_int_eq(tmk_ding_parse(&d, ding, sizeof(ding) - 1), 0);
	ck_assert_uint_gt(tmk_ding_size(d), 10);
	first(got, sizeof(got), d, NULL, "Anschlag");
	ck_assert_str_eq(got, "Anschlag (auf jdn./etw.) = attack (on sb./sth.) (exact)");
	first(got, sizeof(got), d, NULL, "Terrormilizen");
	ck_assert_str_eq(got, "Terrormilizen = terrorist militias (exact)");
	first(got, sizeof(got), d, "de", "TERRORMILIZ");
	ck_assert_str_eq(got, "Terrormiliz = terrorist militia (exact)");
	first(got, sizeof(got), d, NULL, "des Verfassungsschutzes");
	ck_assert_str_eq(got, "deutscher Inlandsgeheimdienst; Bundesamt für Verfassungsschutz /BfV/; "
			 "Verfassungsschutz = German domestic intelligence service (inflected)");
	first(got, sizeof(got), d, NULL, "BfV");
	ck_assert_ptr_nonnull(strstr(got, "German domestic intelligence service"));
	first(got, sizeof(got), d, NULL, "ueberweisen");
	ck_assert_str_eq(got, "etw. überweisen = to transfer sth. (exact)");
	first(got, sizeof(got), d, "en", "to transfer");
	ck_assert_str_eq(got, "etw. überweisen = to transfer sth. (exact)");
	first(got, sizeof(got), d, "en", "Tajikistan");
	ck_assert_str_eq(got, "Tadschikistan /TJ/ [geogr.] = Tajikistan (exact)");
	first(got, sizeof(got), d, NULL, "strasse");
	ck_assert_str_eq(got, "Straße = street (exact)");
	/* English only when asked in English: no German "attack" */
	first(got, sizeof(got), d, "de", "attacks");
	ck_assert_str_eq(got, "-");
	first(got, sizeof(got), d, NULL, "nichts dergleichen");
	ck_assert_str_eq(got, "-");
	/* a compound whose modifier is a name (German capitalised, English too):
	 * no split, and never a part's sense alone */
	ck_assert_int_eq(tmk_ding_lookup(d, &s, &n, NULL, "Verfassungsschutzbericht", 24, 5), 0);
	ck_assert_uint_eq(n, 0);
	tmk_ding_senses_free(s, n);
	/* the best first: the headword's own sense before its plural, Ding's order */
	ck_assert_int_eq(tmk_ding_lookup(d, &s, &n, NULL, "Anschläge", 11, 1), 0);
	ck_assert_uint_eq(n, 1);
	ck_assert_str_eq(s[0].en, "attacks");
	tmk_ding_senses_free(s, n);
	tmk_ding_free(d);
	tmk_ding_free(NULL);
}
END_TEST

START_TEST(index_file)
{
	char dir[64], src[96], idx[128], got[256];
	tmk_ding *d;
	FILE *f;

	snprintf(dir, sizeof(dir), "/tmp/tmkit-ding-XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(dir));
	snprintf(src, sizeof(src), "%s/de-en", dir);
	snprintf(idx, sizeof(idx), "%s/cache/sub/de-en.idx", dir);
	ck_assert_ptr_nonnull(f = fopen(src, "wb"));
	fwrite(ding, 1, sizeof(ding) - 1, f);
	fclose(f);
	/* built and written (folders made), then mapped */
	ck_assert_int_eq(tmk_ding_open(&d, src, idx), 0);
	tmk_ding_free(d);
	ck_assert_int_eq(access(idx, R_OK), 0);
	ck_assert_int_eq(tmk_ding_open(&d, src, idx), 0);
	first(got, sizeof(got), d, NULL, "Terrormiliz");
	ck_assert_str_eq(got, "Terrormiliz = terrorist militia (exact)");
	tmk_ding_free(d);
	/* a damaged index (cut short) is rebuilt, not trusted */
	ck_assert_int_eq(truncate(idx, 100), 0);
	ck_assert_int_eq(tmk_ding_open(&d, src, idx), 0);
	first(got, sizeof(got), d, NULL, "Bericht");
	ck_assert_str_eq(got, "Bericht (über etw.) = report (on sth.) (exact)");
	tmk_ding_free(d);
	/* no such file: the Debian package is named */
	ck_assert_int_eq(tmk_ding_open(&d, "/nonexistent/de-en", NULL), TMK_EIO);
	ck_assert_ptr_nonnull(strstr(tmk_error_last(), "trans-de-en"));
	ck_assert_ptr_null(d);
	/* a folder, an empty file, a file without one entry */
	ck_assert_int_eq(tmk_ding_open(&d, dir, NULL), TMK_EINPUT);
	ck_assert_ptr_nonnull(f = fopen(src, "wb"));
	fclose(f);
	ck_assert_int_eq(tmk_ding_open(&d, src, NULL), TMK_EINPUT);
	ck_assert_ptr_nonnull(f = fopen(src, "wb"));
	fputs("# only a comment\nno separator here\n", f);
	fclose(f);
	ck_assert_int_eq(tmk_ding_open(&d, src, NULL), TMK_EINPUT);
	ck_assert_ptr_nonnull(strstr(tmk_error_last(), "no entries"));
	{
		char cmd[96];
		snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
		ck_assert_int_eq(system(cmd), 0);
	}
}
END_TEST

/* Lines cut anywhere (no separator, unclosed annotations, a lone slash,
 * separators at the ends) index without a crash and without junk keys. */
START_TEST(malformed_lines)
{
	static const char *const bad[] = {
		"Wort {m :: word\n", "Wort [ugs. :: word (\n", "/ :: /\n", " | | :: | |\n",
		"Wort :: \n", " :: word\n", "Wort; ; ; :: word;;\n", "Wort (a) (b) (c :: w\n",
		"::::\n", "Wort :: word", "\n\n\n", "Wort /X :: word /Y\n",
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		tmk_ding *d;
		tmk_ding_sense *s;
		size_t n;
		ck_assert_int_eq(tmk_ding_parse(&d, bad[i], strlen(bad[i])), 0);
		ck_assert_int_eq(tmk_ding_lookup(d, &s, &n, NULL, "Wort", 4, 5), 0);
		for (size_t k = 0; k < n; k++)
			ck_assert_ptr_nonnull(s[k].de);
		tmk_ding_senses_free(s, n);
		tmk_ding_free(d);
	}
}
END_TEST

/* Ding-format words for the compound rules. */
static const char parts[] =
	"Masse {f} [phys.] | Massen {pl} :: mass | masses\n"
	"Gedränge {n}; Menschenmenge {f}; Massen {pl} :: crush\n"
	"Massen- :: wholesale {adj}\n"
	"Maß {n} :: measure\n"
	"Erschießung {f}; Erschießen {n} :: shooting; execution by firing squad\n"
	"Weste {f} [textil.] :: waistcoat [Br.]; vest [Am.]\n"
	"Westen {m} /W/ :: west\n"
	"Balkan {m} [geogr.] | auf dem Balkan :: the Balkans | on the Balkans\n"
	"Syrien {n} [geogr.] :: Syria\n"
	"Dreck {m}; Schas {m} [Ös.] [vulg.] :: crap; shit\n"
	"Bad {n} | Bäder {pl} :: bath | baths\n"
	"Sicherheit {f} | Sicherheiten {pl} :: security | securities\n"
	"Rat {m} [pol.] | Räte {pl} :: council | councils\n"
	"Koalition {f} [pol.] :: coalition\n"
	"Treue {f} :: faithfulness; loyalty\n"
	"Streue {f} [agr.] :: litter\n"
	"Hof {m} | Höfe {pl} :: court; courtyard | courts\n"
	"Mann {m} | Männer {pl} :: man | men\n"
	"mit {prp; +Dat.} :: with\n"
	"Organisator {m} :: organizer\n"
	"Bund {n} :: bunch\n"
	"Bundes… :: federal /fed./\n"
	"Polizei {f} :: police\n"
	"Anschlag {m} | Anschläge {pl} :: attack | attacks\n"
	"Terror {m} :: terror\n"
	"Flüchtling {m} | Flüchtlinge {pl} :: refugee | refugees\n"
	"Lager {n} :: camp\n"
	"Schaft {m} :: shank\n"
	"Wähler {m} :: voter\n";

static const struct {
	const char *word, *want;        /* "de = en (matched)", or "-": no sense */
} splits[] = {
	/* the parts' first ordinary senses composed, modifier first */
	{ "Massenerschießung", "Massen + Erschießung = mass shooting (Masse + Erschießung)" },
	{ "Massenerschießungen", "Massen + Erschießungen = mass shooting (Masse + Erschießung)" },
	/* the linking elements: s after -heit, -tion (not Koalition|streue) */
	{ "Sicherheitsrat", "Sicherheits + Rat = security council (Sicherheit + Rat)" },
	{ "Koalitionstreue", "Koalitions + Treue = coalition faithfulness (Koalition + Treue)" },
	{ "Flüchtlingslager", "Flüchtlings + Lager = refugee camp (Flüchtling + Lager)" },
	/* Ding's modifier form first (Bundes…: federal, not Bund: bunch) */
	{ "Bundespolizei", "Bundes + Polizei = federal police (Bundes… + Polizei)" },
	/* the head as the query has it: a plural */
	{ "Terroranschläge", "Terror + Anschläge = terror attacks (Terror + Anschläge)" },
	/* names: West + Balkan (a name, and West is not Weste), a name's head
	 * (Hof|mann), the compass (Nord|syrien), hunspell's unknown word */
	{ "Westbalkan", "-" },
	{ "Nordsyrien", "-" },
	{ "Hofmann", "-" },
	{ "Badachschan", "-" },
	{ "Badschas", "-" },            /* a vulgar part */
	/* no compounds: a prefix, a suffix Ding has as a word */
	{ "Mitorganisator", "-" },
	{ "Wählerschaft", "-" },
};

/* The one sense of compound W in D as "de = en (matched)", or "-". */
static void split_of(char *out, size_t cap, tmk_ding *d, const char *w)
{
	tmk_ding_sense *s;
	size_t n;

	ck_assert_int_eq(tmk_ding_lookup(d, &s, &n, "de", w, strlen(w), 5), 0);
	ck_assert_uint_le(n, 1);
	if (n == 0)
		snprintf(out, cap, "-");
	else
		snprintf(out, cap, "%s = %s (%s)", s[0].de, s[0].en, s[0].matched);
	if (n)
		ck_assert_int_eq(s[0].how, TMK_MATCH_COMPOUND);
	tmk_ding_senses_free(s, n);
}

START_TEST(compound_rules)
{
	tmk_ding *d;
	char got[256];

	ck_assert_int_eq(tmk_ding_parse(&d, parts, sizeof(parts) - 1), 0);
	split_of(got, sizeof(got), d, splits[_i].word);
	ck_assert_msg(!strcmp(got, splits[_i].want), "%s: got '%s', want '%s'", splits[_i].word, got,
		      splits[_i].want);
	/* without hunspell's de_DE no word is split: it cannot tell names */
	ck_assert_int_eq(tmk_ding_set_hunspell_dir(d, "/nonexistent"), 0);
	split_of(got, sizeof(got), d, splits[_i].word);
	ck_assert_str_eq(got, "-");
	tmk_ding_free(d);
}
END_TEST

/* The real dictionary (Debian's trans-de-en), its index built once in
 * memory when the suite is made, before Check forks a process a test. */
static tmk_ding *real;

static tmk_ding *real_ding(void)
{
	if (!real) {
		fprintf(stderr, "test_ding: %s is missing: install trans-de-en (tools/setup)\n", TMK_DING_PATH);
		exit(EXIT_FAILURE);
	}
	return real;
}

/* Is there a COMPOUND sense of W? */
static int has_split(tmk_ding *d, const char *w, char *en, size_t cap)
{
	tmk_ding_sense *s;
	size_t n;
	int split = 0;

	ck_assert_int_eq(tmk_ding_lookup(d, &s, &n, "de", w, strlen(w), 3), 0);     /* a split is alone */
	for (size_t i = 0; i < n; i++)
		if (s[i].how == TMK_MATCH_COMPOUND) {
			split = 1;
			if (en)
				snprintf(en, cap, "%s", s[i].en);
		}
	tmk_ding_senses_free(s, n);
	return split;
}

/* Issue 14's words on the real dictionary. */
START_TEST(real_compounds)
{
	tmk_ding *d = real_ding();
	char en[256];

	ck_assert(!has_split(d, "Badachschan", NULL, 0));      /* was crap; shit */
	ck_assert(!has_split(d, "Westbalkan", NULL, 0));       /* was waistcoat */
	ck_assert(!has_split(d, "Albrecht", NULL, 0));         /* hunspell's name, not Alb + Recht */
	ck_assert(has_split(d, "Massenerschießung", en, sizeof(en)));  /* was measure */
	ck_assert_str_eq(en, "mass shooting");
}
END_TEST

/*
 * 500 capitalised words of German news (tests/data/ding/capitalised.words):
 * a split sense for the compounds marked, for no other word (names, simple
 * words, compounds Ding has whole).
 */
START_TEST(real_words)
{
	tmk_ding *d = real_ding();
	size_t len, words = 0, marked = 0;
	char *data = test_read_file(TMK_TEST_DATA "/ding/capitalised.words", &len), *save = NULL;

	for (char *l = strtok_r(data, "\n", &save); l; l = strtok_r(NULL, "\n", &save)) {
		char *tab = strchr(l, '\t');
		int compound = tab && !strcmp(tab + 1, "compound");
		if (*l == '#')
			continue;
		if (tab)
			*tab = '\0';
		words++;
		marked += (size_t)compound;
		ck_assert_msg(has_split(d, l, NULL, 0) == compound, "%s: %s", l,
			      compound ? "a compound not split" : "split, but no compound");
	}
	ck_assert_uint_eq(words, 500);
	ck_assert_uint_ge(marked, 40);
	free(data);
}
END_TEST

typedef struct {
	tmk_ding *d;
	tmk_tm *tm;
	size_t names, terms;
} gloss_ctx;

/* The senses term lookup shows for TEXT: Ding's, ranked with what the
 * glossary in TM says of it.  Is one of them a split? */
static int lookup_splits(gloss_ctx *g, const char *text)
{
	tmk_ding_evidence ev = { 0 };
	tmk_term_hit *h;
	tmk_ding_sense *s;
	size_t nh, n;
	int split = 0;

	ck_assert_int_eq(tmk_term_lookup(g->tm, &h, &nh, "de", text, strlen(text), 10), 0);
	ck_assert_int_eq(tmk_ding_lookup(g->d, &s, &n, "de", text, strlen(text), 8), 0);
	ck_assert_int_eq(tmk_ding_evidence_tm(&ev, g->tm, "de", text, strlen(text), h, nh, 0), 0);
	ck_assert_int_eq(tmk_ding_rank(s, &n, 3, &ev), 0);
	for (size_t i = 0; i < n; i++)
		split |= s[i].how == TMK_MATCH_COMPOUND;
	tmk_ding_senses_free(s, n);
	tmk_ding_evidence_release(&ev);
	tmk_term_hits_free(h, nh);
	return split;
}

/* A concept of the glossary: a person's or place's German terms are never
 * split, not even by the dictionary alone; no name's (an organisation's
 * too: Unionsparteien, Weißhelme) is split in term lookup, where the
 * glossary has it. */
static int check_concept(void *ud, const tmk_concept *c)
{
	gloss_ctx *g = ud;
	int name = c->type && (!strcmp(c->type, "person") || !strcmp(c->type, "place"));
	int org = c->type && !strcmp(c->type, "organisation");

	for (size_t t = 0; t < c->nterms; t++) {
		char en[256] = "";
		if (strcmp(c->terms[t].lang, "de"))
			continue;
		g->terms++;
		if (!name && !org)
			continue;
		g->names++;
		ck_assert_msg(!name || !has_split(g->d, c->terms[t].text, en, sizeof(en)), "%s (%s): split into '%s'",
			      c->terms[t].text, c->type, en);
		ck_assert_msg(!lookup_splits(g, c->terms[t].text), "%s (%s): split in term lookup",
			      c->terms[t].text, c->type);
	}
	return 0;
}

/* The shipped glossary's German terms (tm/glossary.csv, imported into a
 * TM of its own): no split of a name. */
START_TEST(real_glossary)
{
	char dir[64], path[96];
	gloss_ctx g = { real_ding(), NULL, 0, 0 };
	tmk_term_filter all = { NULL, NULL, NULL, NULL };
	tmk_term_import_report rep;
	tmk_tm *tm;

	snprintf(dir, sizeof(dir), "/tmp/tmkit-ding-XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/g.tm", dir);
	ck_assert_int_eq(tmk_tm_open(&tm, path, 0), 0);
	ck_assert_int_eq(tmk_term_import(tm, &rep, TMK_TEST_DATA "/../../tm/glossary.csv"), 0);
	g.tm = tm;
	ck_assert_int_eq(tmk_term_list(tm, &all, check_concept, &g), 0);
	ck_assert_uint_gt(g.names, 300);
	tmk_tm_free(tm);
	{
		char cmd[96];
		snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
		ck_assert_int_eq(system(cmd), 0);
	}
}
END_TEST

/* The place of the first sense whose English holds EN, or N. */
static size_t place_of(const tmk_ding_sense *s, size_t n, const char *en)
{
	for (size_t i = 0; i < n; i++)
		if (strstr(s[i].en, en))
			return i;
	return n;
}

/* A tiny TM: its units that hold Anschläge say "attacks", so attacks
 * ranks above Ding's other senses (fences, lugs, notices ...). */
START_TEST(rank_by_tm)
{
	static const char *const units[][2] = {
		{ "Die Anschläge in Paris erschütterten Europa.", "The attacks in Paris shook Europe." },
		{ "Nach den Anschlägen wurde die Polizei verstärkt.", "After the attacks, police were reinforced." },
		{ "Der Zaun hat zwei Anschläge.", "The fence has two stops." },
		{ "Die Regierung tagte.", "The government met." },
	};
	char dir[64], path[96];
	tmk_ding *d = real_ding();
	tmk_ding_evidence ev = { 0 };
	tmk_ding_sense *s;
	size_t n, fences;
	tmk_tm *tm;

	snprintf(dir, sizeof(dir), "/tmp/tmkit-ding-XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/t.tm", dir);
	ck_assert_int_eq(tmk_tm_open(&tm, path, 0), 0);
	test_add_units(tm, units, sizeof(units) / sizeof(units[0]));
	/* Ding's own order puts other senses first */
	ck_assert_int_eq(tmk_ding_lookup(d, &s, &n, "de", "Anschläge", 10, 64), 0);
	ck_assert_uint_gt(place_of(s, n, "attacks"), 0);
	fences = place_of(s, n, "fences");
	ck_assert_uint_lt(fences, n);
	/* three units hold Anschläge (one a fence's: fences is no word of it) */
	ck_assert_int_eq(tmk_ding_evidence_tm(&ev, tm, "de", "Anschläge", 10, NULL, 0, 100), 0);
	ck_assert_uint_eq(ev.units.n, 3);
	ck_assert_str_eq(ev.lang, "en");
	ck_assert_int_eq(tmk_ding_rank(s, &n, 5, &ev), 0);
	ck_assert_uint_eq(n, 5);
	ck_assert_str_eq(s[0].en, "attacks");
	ck_assert_uint_eq(s[0].evidence, 2);
	ck_assert_uint_eq(place_of(s, n, "fences"), n);         /* out of the best five */
	for (size_t i = 1; i < n; i++)
		ck_assert_uint_le(s[i].evidence, s[0].evidence);
	tmk_ding_senses_free(s, n);
	tmk_ding_evidence_release(&ev);
	tmk_ding_evidence_release(NULL);
	tmk_tm_free(tm);
	{
		char cmd[96];
		snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
		ck_assert_int_eq(system(cmd), 0);
	}
}
END_TEST

/* Anklage: its legal senses first, the obscure derived accusativeness not
 * above them: by the glossary's domain (law: [jur.]) and, with the general
 * English word list compiled in, as a rare word. */
START_TEST(rank_anklage)
{
	tmk_ding *d = real_ding();
	tmk_ding_evidence ev = { 0 };
	tmk_ding_sense *s;
	size_t n, acc, len;

	ck_assert_int_eq(tmk_ding_lookup(d, &s, &n, "de", "Anklage", 7, 64), 0);
	ev.lang = "en";
	ck_assert_int_eq(tmk_ding_evidence_add(&ev, TMK_EVIDENCE_DOMAIN, "law"), 0);
	ck_assert_int_eq(tmk_ding_rank(s, &n, 64, &ev), 0);
	acc = place_of(s, n, "accusativeness");
	ck_assert_uint_lt(acc, n);
	ck_assert_ptr_nonnull(strstr(s[0].en, "prosecution"));
	ck_assert_ptr_nonnull(strstr(s[1].en, "indictment"));
	for (size_t i = 0; i < n; i++)
		if (s[i].tags && strstr(s[i].tags, "jur.") && s[i].how == TMK_MATCH_EXACT)
			ck_assert_uint_lt(i, acc);
	tmk_ding_senses_free(s, n);
	tmk_ding_evidence_release(&ev);
	/* no evidence at all: the word list alone puts it below impeachment */
	if (tmk_embedded_find("dictionaries/freq/en.freq", &len)) {
		ck_assert_int_eq(tmk_ding_lookup(d, &s, &n, "de", "Anklage", 7, 64), 0);
		ck_assert_int_eq(tmk_ding_rank(s, &n, 64, NULL), 0);
		acc = place_of(s, n, "accusativeness");
		ck_assert_uint_lt(acc, n);
		ck_assert(s[acc].rare);
		ck_assert_uint_lt(place_of(s, n, "impeachment"), acc);
		tmk_ding_senses_free(s, n);
	}
}
END_TEST

/* Tags: a sense's own and its entry's; ranking by domain fit and usage. */
START_TEST(rank_tags)
{
	static const char text[] =
		"Zeuge {m}; Zeugin {f} [jur.] | Zeugen {pl} :: witness | witnesses\n"
		"Zeugen {pl} [techn.] :: gears\n"
		"Zeugen {pl} [obs.] :: begetters\n"
		"Zeugen {pl} :: people\n";
	tmk_ding *d;
	tmk_ding_evidence ev = { 0 };
	tmk_ding_sense *s;
	size_t n;

	ck_assert_int_eq(tmk_ding_parse(&d, text, sizeof(text) - 1), 0);
	ck_assert_int_eq(tmk_ding_lookup(d, &s, &n, "de", "Zeugen", 6, 10), 0);
	ck_assert_uint_eq(n, 5);        /* and Zeuge, inflected */
	/* the plural takes its entry's tag */
	ck_assert_str_eq(s[place_of(s, n, "witnesses")].tags, "jur.");
	ck_assert(s[place_of(s, n, "begetters")].rare);
	ev.lang = "en";
	ck_assert_int_eq(tmk_ding_evidence_add(&ev, TMK_EVIDENCE_DOMAIN, "security"), 0);
	ck_assert_int_eq(tmk_ding_rank(s, &n, 10, &ev), 0);
	/* exact matches: [jur.] fits security; no subject, the rare one
	 * last of those; another subject; then the inflected match */
	ck_assert_str_eq(s[0].en, "witnesses");
	ck_assert_str_eq(s[1].en, "people");
	ck_assert_str_eq(s[2].en, "begetters");
	ck_assert_str_eq(s[3].en, "gears");
	ck_assert_str_eq(s[4].en, "witness");
	/* the glossary's terms for the query: a translation among them first */
	ck_assert_int_eq(tmk_ding_evidence_add(&ev, TMK_EVIDENCE_TERM, "gears and wheels"), 0);
	ck_assert_int_eq(tmk_ding_rank(s, &n, 2, &ev), 0);
	ck_assert_uint_eq(n, 2);
	ck_assert_str_eq(s[0].en, "gears");
	ck_assert_str_eq(s[1].en, "witnesses");
	tmk_ding_senses_free(s, n);
	tmk_ding_evidence_release(&ev);
	tmk_ding_free(d);
}
END_TEST

static Suite *ding_suite(void)
{
	Suite *s = suite_create("ding");
	TCase *tc = tcase_create("core");

	if (access(TMK_DING_PATH, R_OK) == 0 && tmk_ding_open(&real, TMK_DING_PATH, NULL) < 0)
		real = NULL;

	tcase_add_test(tc, lookup_forms);
	tcase_add_test(tc, index_file);
	tcase_add_test(tc, malformed_lines);
	tcase_add_loop_test(tc, compound_rules, 0, sizeof(splits) / sizeof(splits[0]));
	tcase_add_test(tc, rank_tags);
	tcase_add_test(tc, real_compounds);
	tcase_add_test(tc, real_words);
	tcase_add_test(tc, real_glossary);
	tcase_add_test(tc, rank_by_tm);
	tcase_add_test(tc, rank_anklage);
	tcase_set_timeout(tc, 120);
	suite_add_tcase(s, tc);
	return s;
}

TEST_MAIN(ding_suite)
