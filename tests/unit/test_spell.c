/* test_spell.c - the speller (spell.c) with Debian's de_DE and en_US:
 * what is skipped, compounds and zu-infinitives, likely names, positions
 * in characters, added words and word lists (malformed ones named with
 * their line), and a missing dictionary. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "error.h"
#include "spell.h"
#include "term.h"
#include "tm.h"
#include "tests.h"
#include "tm_units.h"

/* The reported words of TEXT, "word:line:col" ("?" after a likely name). */
static void check(char *out, size_t cap, tmk_speller *s, const char *text)
{
	tmk_misspelling *m;
	size_t n, len = 0;

	ck_assert_int_eq(tmk_spell_check(s, &m, &n, text, strlen(text)), 0);
	out[0] = '\0';
	for (size_t i = 0; i < n && len < cap; i++)
		len += (size_t)snprintf(out + len, cap - len, "%s%.*s:%zu:%zu%s", i ? " " : "",
					(int)(m[i].end - m[i].start), text + m[i].start, m[i].line, m[i].column,
					m[i].kind == TMK_SPELL_NAME ? "?" : "");
	free(m);
}

START_TEST(german)
{
	tmk_speller *s;
	char got[512];

	ck_assert_int_eq(tmk_speller_new(&s, "de", NULL), 0);
	check(got, sizeof(got), s, "Der Anschlag wurde vereitelt.");
	ck_assert_str_eq(got, "");
	/* typos, and the column in characters after umlauts */
	check(got, sizeof(got), s, "Über die Anshclag wurde\nberichtet, ünd zwar spät.");
	ck_assert_str_eq(got, "Anshclag:1:10 ünd:2:12");
	/* skipped: URL, e-mail, hashtag, numbers, words with digits, acronyms */
	check(got, sizeof(got), s, "Siehe www.xqzv-amt.de, post@xqzv.de, #Xqzvtag, 12.000 Fälle, G7, ISKP, BKA.");
	ck_assert_str_eq(got, "");
	/* punctuation is no part of the word; abbreviations keep their stop */
	check(got, sizeof(got), s, "Er sagte: „Nein.“ (Gestern) bzw. morgen.");
	ck_assert_str_eq(got, "");
	/* compounds of two known words, zu-infinitives */
	check(got, sizeof(got), s, "Der Sicherheitsratsbeschluss war anzustimmen.");
	ck_assert_str_eq(got, "");
	/* a recurring capitalised unknown word is likely a name; so is a short
	 * quoted name; a quoted phrase is not */
	check(got, sizeof(got), s, "Xqzvski kam. Dann ging Xqzvski. Die Zelle „Tkimaz“ und \"drückt die Daumne\".");
	ck_assert_str_eq(got, "Xqzvski:1:1? Xqzvski:1:24? Tkimaz:1:44? Daumne:1:68");
	/* added words, with inflection */
	ck_assert_int_eq(tmk_speller_add(s, "Xqzvmiliz", "Miliz"), 0);
	ck_assert_int_eq(tmk_speller_add(s, "Qorasan", NULL), 0);
	check(got, sizeof(got), s, "Die Xqzvmilizen des Qorasans.");
	ck_assert_str_eq(got, "");
	{
		char **sg;
		size_t ns;
		ck_assert_int_eq(tmk_speller_suggest(s, &sg, &ns, "Anshclag", 8, 3), 0);
		ck_assert_uint_ge(ns, 1);
		ck_assert_str_eq(sg[0], "Anschlag");
		tmk_suggestions_free(sg, ns);
	}
	tmk_speller_free(s);
	tmk_speller_free(NULL);
}
END_TEST

/* German compounds: a noun head and a valid linking element. */
START_TEST(compounds)
{
	tmk_speller *s;
	char got[512];

	ck_assert_int_eq(tmk_speller_new(&s, "de", NULL), 0);
	/* -ung takes the linking s; fahlen is no noun (fahl) */
	check(got, sizeof(got), s, "Des Verfassungschutzes in Westfahlen.");
	ck_assert_str_eq(got, "Verfassungschutzes:1:5 Westfahlen:1:27");
	/* the old spelling: ß where the new one has ss; not the other way */
	check(got, sizeof(got), s, "Daß er muß, sagte der Ausschuß mißtrauisch auf der Strasse.");
	ck_assert_str_eq(got, "Strasse:1:52");
	check(got, sizeof(got), s, "Die Zukunftsfrage des Religionsunterrichts.");
	ck_assert_str_eq(got, "");
	/* known false positives of the rules, kept accepted: heads hunspell
	 * builds itself (no stem), nominalised infinitives, participles and
	 * adjectives, and links -en-, -er-, -es- */
	check(got, sizeof(got), s, "Die Repressionsmaßnahmen, das Kinderschminken, die Regierungsfeindlichen, "
	      "die Gladiatorenschule, die Langzeitüberlebende, die Subsidiaritätsgrundsätze.");
	ck_assert_str_eq(got, "");
	/* a first part whose head comes later (Ergänzungsstrich): itself or
	 * without its linking element a word; a typo in one is still found */
	check(got, sizeof(got), s, "Die Kohäsions- und Strukturfonds, Informations-, Kultur- und "
	      "Bildungsangebote; die Kohäsionz- und Regionalfonds.");
	ck_assert_str_eq(got, "Kohäsionz:1:84");
	tmk_speller_free(s);
}
END_TEST

/* A word one edit from a glossary or TM word is its probable typo, even
 * when it splits into known words; inflections are not. */
START_TEST(near_terms)
{
	char dir[] = "/tmp/tmkit-spell-XXXXXX", path[64], cmd[96], got[512];
	tmk_tm *tm;
	tmk_speller *s;
	int64_t id;
	int m, ch;
	char **sg;
	size_t ns;
	tmk_term_in t[2] = { { "de", "Terrormiliz", 11, NULL, NULL }, { "en", "terrorist militia", 17, NULL, NULL } };
	tmk_concept_in c = { "term", NULL, NULL, NULL, NULL, t, 2 };
	static const char *const units[][2] = {
		{ "Die Bundesregierung verurteilte den Anschlag.", "The government condemned the attack." },
		{ "Die Bundesregierung tagte.", "The government met." },
		{ "Die Kleider und das Kapital.", "The clothes and the capital." },
	};

	ck_assert_ptr_nonnull(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/s.tm", dir);
	ck_assert_int_eq(tmk_tm_open(&tm, path, 0), 0);
	ck_assert_int_eq(tmk_concept_add(tm, &id, &m, &ch, &c), 0);
	test_add_units(tm, units, sizeof(units) / sizeof(units[0]));
	ck_assert_int_eq(tmk_speller_new(&s, "de", NULL), 0);
	/* hunspell alone takes Terrormilz (Terror + Milz) */
	ck_assert(tmk_speller_ok(s, "Terrormilz", 10));
	ck_assert_int_eq(tmk_speller_add_glossary(s, tm), 0);
	ck_assert_int_eq(tmk_speller_add_tm_words(s, tm, 100), 0);
	check(got, sizeof(got), s, "Die Terrormilz und die Terrormilizen der Terrormiliz; die Bundesregirung, "
	      "der Bundesregierungen.");
	ck_assert_str_eq(got, "Terrormilz:1:5 Bundesregirung:1:59");
	/* the term itself and words two edits away are left alone */
	ck_assert(tmk_speller_ok(s, "Terrormiliz", 11));
	ck_assert(tmk_speller_ok(s, "Terrorzelle", 11));
	/* known false positives, kept accepted: words of the dictionary
	 * (leider, Kleider) and English words (Capital, Kapital) */
	ck_assert(tmk_speller_ok(s, "leider", 6));
	ck_assert(tmk_speller_ok(s, "Capital", 7));
	/* inflections of TM words: the index has them folded (anschlag) */
	ck_assert(tmk_speller_ok(s, "Anschläge", 10));
	ck_assert(tmk_speller_ok(s, "verurteilten", 12));
	ck_assert_int_eq(tmk_speller_suggest(s, &sg, &ns, "Terrormilz", 10, 3), 0);
	ck_assert_uint_ge(ns, 1);
	ck_assert_str_eq(sg[0], "Terrormiliz");
	for (size_t i = 0; i < ns; i++)
		ck_assert_str_ne(sg[i], "Terrormilz");
	tmk_suggestions_free(sg, ns);
	ck_assert_int_eq(tmk_speller_suggest(s, &sg, &ns, "Bundesregirung", 14, 3), 0);
	ck_assert_uint_ge(ns, 1);
	ck_assert_str_eq(sg[0], "Bundesregierung");
	tmk_suggestions_free(sg, ns);
	tmk_speller_free(s);
	tmk_tm_free(tm);
	snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	ck_assert_int_eq(system(cmd), 0);
}
END_TEST

START_TEST(lists_and_errors)
{
	tmk_speller *s;
	char dir[64], path[96], got[256];
	FILE *f;

	ck_assert_int_eq(tmk_speller_new(&s, "fr", NULL), TMK_EINVAL);
	ck_assert_int_eq(tmk_speller_new(&s, "de", "/nonexistent"), TMK_EIO);
	ck_assert_ptr_nonnull(strstr(tmk_error_last(), "hunspell-de-de"));
	ck_assert_int_eq(tmk_speller_new(&s, "en", "/nonexistent"), TMK_EIO);
	ck_assert_ptr_nonnull(strstr(tmk_error_last(), "hunspell-en-us"));
	ck_assert_int_eq(tmk_speller_new(&s, "de", NULL), 0);
	ck_assert_int_eq(tmk_speller_add_shipped(s), 0);
	check(got, sizeof(got), s, "Die Takim-Zelle im Khorasan und die Terrormilizen.");
	ck_assert_str_eq(got, "");
	snprintf(dir, sizeof(dir), "/tmp/tmkit-spell-XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/words", dir);
	ck_assert_int_eq(tmk_speller_add_list(s, path, 1), 0);         /* optional, missing */
	ck_assert_int_eq(tmk_speller_add_list(s, path, 0), TMK_EIO);
	ck_assert_ptr_nonnull(f = fopen(path, "w"));
	fputs("# my words\nQworx\n\nZublin Miliz\none two three\n", f);
	fclose(f);
	ck_assert_int_eq(tmk_speller_add_list(s, path, 0), TMK_EINPUT);
	ck_assert_ptr_nonnull(strstr(tmk_error_last(), ":5:"));
	ck_assert_ptr_nonnull(f = fopen(path, "w"));
	fputs("Qworx\n\xff\xfe\n", f);
	fclose(f);
	ck_assert_int_lt(tmk_speller_add_list(s, path, 0), 0);         /* not UTF-8 */
	ck_assert_ptr_nonnull(strstr(tmk_error_last(), ":2"));
	tmk_speller_free(s);
	ck_assert_int_eq(tmk_speller_new(&s, "en", NULL), 0);
	check(got, sizeof(got), s, "The attakc was foiled in Brussels.");
	ck_assert_str_eq(got, "attakc:1:5");
	tmk_speller_free(s);
	snprintf(path, sizeof(path), "rm -rf '%s'", dir);
	ck_assert_int_eq(system(path), 0);
}
END_TEST

/* issue 12: without XDG_CONFIG_HOME and HOME there is no personal list
 * (and a check runs without one), not an error. */
START_TEST(words_path)
{
	tmk_buf b = TMK_BUF_INIT;

	setenv("XDG_CONFIG_HOME", "/x/conf", 1);
	setenv("HOME", "/home/u", 1);
	ck_assert_int_eq(tmk_spell_words_path(&b), 1);
	ck_assert_str_eq(b.ptr, "/x/conf/tmkit/words");
	tmk_buf_clear(&b);
	setenv("XDG_CONFIG_HOME", "", 1);
	ck_assert_int_eq(tmk_spell_words_path(&b), 1);
	ck_assert_str_eq(b.ptr, "/home/u/.config/tmkit/words");
	tmk_buf_clear(&b);
	unsetenv("XDG_CONFIG_HOME");
	unsetenv("HOME");
	ck_assert_int_eq(tmk_spell_words_path(&b), 0);
	ck_assert_uint_eq(b.len, 0);
	tmk_buf_release(&b);
}
END_TEST

/* Read PATH whole into a static buffer. */
static const char *slurp(const char *path)
{
	static char buf[256];
	FILE *f = fopen(path, "rb");
	size_t n;

	ck_assert_ptr_nonnull(f);
	n = fread(buf, 1, sizeof(buf) - 1, f);
	buf[n] = '\0';
	fclose(f);
	return buf;
}

/* issue 12: --add to a list without a final newline put the word on the
 * last line ("Qworxplannte"); now the newline is supplied. */
START_TEST(list_add)
{
	tmk_speller *s;
	char dir[64], path[128], cmd[96];
	int added;
	FILE *f;

	snprintf(dir, sizeof(dir), "/tmp/tmkit-spell-XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/words", dir);
	ck_assert_ptr_nonnull(f = fopen(path, "w"));
	fputs("# mine\nQworx", f);
	fclose(f);
	ck_assert_int_eq(tmk_spell_list_add(path, "plannte", &added), 0);
	ck_assert_int_eq(added, 1);
	ck_assert_str_eq(slurp(path), "# mine\nQworx\nplannte\n");
	ck_assert_int_eq(tmk_spell_list_add(path, "Qworx", &added), 0);      /* there already */
	ck_assert_int_eq(added, 0);
	ck_assert_int_eq(tmk_spell_list_add(path, "Anshclag", &added), 0);
	ck_assert_str_eq(slurp(path), "# mine\nQworx\nplannte\nAnshclag\n");
	ck_assert_int_eq(tmk_speller_new(&s, "de", NULL), 0);
	ck_assert_int_eq(tmk_speller_add_list(s, path, 0), 0);
	ck_assert(tmk_speller_ok(s, "Qworx", 5));
	ck_assert(tmk_speller_ok(s, "plannte", 7));
	ck_assert(tmk_speller_ok(s, "Anshclag", 8));
	tmk_speller_free(s);

	snprintf(path, sizeof(path), "%s/new/folder/words", dir);    /* made */
	ck_assert_int_eq(tmk_spell_list_add(path, "Qworx", &added), 0);
	ck_assert_str_eq(slurp(path), "Qworx\n");
	ck_assert_int_eq(tmk_spell_list_add(path, "zwei Worte", &added), TMK_EINVAL);
	ck_assert_int_eq(tmk_spell_list_add(path, "#kommentar", &added), TMK_EINVAL);
	ck_assert_int_eq(tmk_spell_list_add(path, "\xff", &added), TMK_EINVAL);
	ck_assert_int_eq(tmk_spell_list_add(path, "", &added), TMK_EINVAL);
	ck_assert_str_eq(slurp(path), "Qworx\n");
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	ck_assert_int_eq(system(cmd), 0);
}
END_TEST

/* Place names (ICU's CLDR and iso-codes, names/places.h): accepted in the
 * speller's language, whole or in the genitive; a word that is only part
 * of a longer name is not a name, nor a misspelt one. */
START_TEST(places)
{
	tmk_speller *s;
	const char *note;
	char out[512];

	ck_assert_int_eq(tmk_speller_new(&s, "de", NULL), 0);
	check(out, sizeof(out), s, "In Chatlon und Kundus, nahe Afghanistans Grenze, und in Chatlonn.");
	ck_assert_str_eq(out, "Chatlon:1:4 Kundus:1:16 Chatlonn:1:57");
	ck_assert_int_eq(tmk_speller_add_places(s, &note), 0);
	ck_assert_int_eq(tmk_speller_add_places(s, &note), 0);  /* once is enough */
	check(out, sizeof(out), s, "In Chatlon und Kundus, nahe Afghanistans Grenze, und in Chatlonn.");
	ck_assert_str_eq(out, "Chatlonn:1:57");
	tmk_speller_free(s);

	ck_assert_int_eq(tmk_speller_new(&s, "en", NULL), 0);
	ck_assert_int_eq(tmk_speller_add_places(s, &note), 0);
	check(out, sizeof(out), s, "Khatlon and Kunduz, not Chatlon.");
	ck_assert_str_eq(out, "Chatlon:1:25");
	tmk_speller_free(s);
}
END_TEST

static Suite *spell_suite(void)
{
	Suite *s = suite_create("spell");
	TCase *tc = tcase_create("core");

	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, german);
	tcase_add_test(tc, compounds);
	tcase_add_test(tc, near_terms);
	tcase_add_test(tc, lists_and_errors);
	tcase_add_test(tc, words_path);
	tcase_add_test(tc, list_add);
	tcase_add_test(tc, places);
	suite_add_tcase(s, tc);
	return s;
}

TEST_MAIN(spell_suite)
