/* test_paragraph.c - paragraph splitting (paragraph.c), table-driven:
 * each case is an input and the paragraphs expected, separated by '|'. */
#include <string.h>

#include "error.h"
#include "paragraph.h"
#include "segrules.h"
#include "tests.h"

static const struct {
	const char *in;
	const char *want;       /* paragraphs joined by '|' (as in the input) */
} cases[] = {
	/* empty lines end paragraphs; runs of them and blanks count once */
	{ "Eins. Zwei.\n\nDrei.\n", "Eins. Zwei.|Drei." },
	{ "\n\n  Eins.  \n \t \n\n\nZwei.\n\n", "Eins.|Zwei." },
	{ "", "" },
	{ " \n\t\n", "" },
	/* a heading: no final punctuation, then a line break */
	{ "Terror in Europa\nDie Behörden warnen.\n", "Terror in Europa|Die Behörden warnen." },
	{ "Berlin (dpa)\nDie Polizei ermittelt.", "Berlin (dpa)|Die Polizei ermittelt." },
	/* sentence punctuation at the line end: the paragraph goes on */
	{ "Die Polizei ermittelt.\nEs gab Festnahmen.\n", "Die Polizei ermittelt.\nEs gab Festnahmen." },
	{ "Er sagte:\n„Wir wissen es nicht.“\n", "Er sagte:\n„Wir wissen es nicht.“" },
	{ "„Nein“, sagte er.\n„Niemals.“\n", "„Nein“, sagte er.\n„Niemals.“" },
	/* a line ending mid-sentence: continued in lower case */
	{ "Die Polizei hat am Morgen\nzwei Wohnungen durchsucht.", "Die Polizei hat am Morgen\nzwei Wohnungen durchsucht." },
	/* hard-wrapped prose: lines near the block's width are not headings */
	{ "The Federal Office for the Protection of the Constitution\n"
	  "Warns that Islamist groups are recruiting young men online\n"
	  "through messaging services.\n",
	  "The Federal Office for the Protection of the Constitution\n"
	  "Warns that Islamist groups are recruiting young men online\n"
	  "through messaging services." },
	/* ... but a short line in wrapped text is one */
	{ "Hintergrund\n"
	  "Die Gruppe entstand 2014 als Ableger des Islamischen Staates und\n"
	  "ist seitdem in Afghanistan und Pakistan aktiv geworden, sagen sie.\n",
	  "Hintergrund|"
	  "Die Gruppe entstand 2014 als Ableger des Islamischen Staates und\n"
	  "ist seitdem in Afghanistan und Pakistan aktiv geworden, sagen sie." },
	/* list items start paragraphs */
	{ "Drei Punkte:\n- Erstens.\n- Zweitens.\n", "Drei Punkte:|- Erstens.|- Zweitens." },
	{ "Die Forderungen:\n1. Mehr Personal.\n2. Mehr Geld.", "Die Forderungen:|1. Mehr Personal.|2. Mehr Geld." },
	{ "Die Gruppe wurde nach Angaben der Ermittler bereits am\n"
	  "1. Juli gegruendet, also lange bevor die Polizei sie kannte.\n",
	  "Die Gruppe wurde nach Angaben der Ermittler bereits am\n"
	  "1. Juli gegruendet, also lange bevor die Polizei sie kannte." },
	/* CRLF, CR and the Unicode separators */
	{ "Titel\r\nText hier.\r\n\r\nNoch mehr.\r\n", "Titel|Text hier.|Noch mehr." },
	{ "Eins.\rZwei.\r\rDrei.", "Eins.\rZwei.|Drei." },
	{ "Eins.\xE2\x80\xA9Zwei.", "Eins.|Zwei." },
	{ "Eins.\xE2\x80\xA8Zwei.", "Eins.\xE2\x80\xA8Zwei." },
};

START_TEST(split)
{
	const char *in = cases[_i].in;
	tmk_span *p;
	size_t n;
	char got[1024] = "";

	ck_assert_int_eq(tmk_paragraphs(&p, &n, in, strlen(in)), 0);
	for (size_t k = 0; k < n; k++) {
		if (k)
			strcat(got, "|");
		strncat(got, in + p[k].start, p[k].end - p[k].start);
	}
	ck_assert_str_eq(got, cases[_i].want);
	free(p);
}
END_TEST

START_TEST(long_line)
{
	size_t len = 2 * 1024 * 1024;
	char *s = malloc(len);
	tmk_span *p;
	size_t n;

	memset(s, 'a', len);
	ck_assert_int_eq(tmk_paragraphs(&p, &n, s, len), 0);
	ck_assert_uint_eq(n, 1);
	ck_assert_uint_eq(p[0].end, len);
	free(p);
	free(s);
}
END_TEST

/* Each named line rule on an example where it decides and one where it
 * has no opinion (-1); 1 is a break after the first line, 0 a join. */
static const struct {
	const char *rule, *lang, *text;
	int want;
} rule_cases[] = {
	{ "paragraph-separator", "de", "Eins\xE2\x80\xA9Zwei", 1 },
	{ "paragraph-separator", "de", "Eins\nZwei", -1 },
	{ "list-item", "en", "we need:\n- the list,", 1 },
	{ "list-item", "en", "the list of participants,\n- the plan", 1 },
	{ "list-item", "de", "Voraussetzungen\n1. Ein Ausweis", 1 },
	{ "list-item", "de", "Es geschah am\n1. Juli", 0 },
	{ "list-item", "en", "Contents\nII. Methods", 1 },
	{ "list-item", "en", "Rights\n(2) No one shall", 1 },
	{ "list-item", "en", "Bring\n• your ID", 1 },
	{ "list-item", "en", "Bring\nyour ID", -1 },
	{ "list-item", "de", "a) die Miete,\nb) die Nebenkosten", 1 },
	{ "list-item", "en", "(i) the fees; and\n(ii) the costs", 1 },
	{ "continuer-word", "de", "Der Vorsitzende der\nKommission", 0 },
	{ "continuer-word", "en", "led by\nPresident Macron", 0 },
	{ "continuer-word", "en", "Early life\nHe grew up", -1 },
	{ "continuing-punctuation", "de", "Er sagte:\n„Nein.“", 0 },
	{ "continuing-punctuation", "de", "Titel\nText.", -1 },
	{ "lowercase-next", "en", "This is a sentence\ncut off", 0 },
	{ "lowercase-next", "en", "History\nThe town", -1 },
	{ "figure-lines", "en", "Ingredients:\n200 g flour\n2 eggs", 1 },
	{ "figure-lines", "en", "200 g flour\n2 eggs", 1 },
	{ "figure-lines", "de", "Die Halle wurde im Jahr\n1978 eröffnet.", -1 },
	{ "digit-next", "de", "Die Halle wurde im Jahr\n1978 eröffnet.", 0 },
	{ "starter-next", "de", "§ 3 Geltungsbereich\nDiese Satzung gilt", 1 },
	{ "starter-next", "en", "Part 2 Definitions\nThe following terms", 1 },
	{ "starter-next", "de", "Wir bitten\nSie um Geduld.", -1 },
	{ "starter-next", "en", "and then\nI left.", -1 },
	{ "starter-next", "de", "Er las in\nDie Zeit.", -1 },
	{ "unpunctuated-block", "en", "features\ncontact manager\nevents, activities", 1 },
	{ "unpunctuated-block", "de", "Impressum\nKontakt\nDatenschutz", 1 },
	{ "unpunctuated-block", "en", "This is a sentence\ncut off\nin the middle.", -1 },
	{ "unpunctuated-block", "en", "Two lines\nonly", -1 },
	{ "digit-next", "en", "The fund paid out\n3.2 million dollars.", 0 },
	{ "digit-next", "en", "Results\nThe fund", -1 },
	{ "running-prose", "de", "Er kam. Dann ging\nAnna.", 0 },
	{ "running-prose", "de", "2. Installation\nLaden Sie", -1 },
	{ "hard-wrap", "en", "The river rises in the Alps and flows for 300 km\nInto the sea, they say.", 0 },
	{ "hard-wrap", "en", "History\nThe town was founded in the twelfth century by monks.", -1 },
	{ "heading", "en", "History\nThe town", 1 },
	{ "no-such-rule", "en", "a\nb", TMK_EINVAL },
};

START_TEST(line_rule)
{
	tmk_segrules *r;
	const char *t = rule_cases[_i].text;

	ck_assert_int_eq(tmk_segrules_new(&r, rule_cases[_i].lang), 0);
	ck_assert_msg(tmk_paragraph_rule(rule_cases[_i].rule, r, t, strlen(t)) == rule_cases[_i].want,
		      "%s on '%s': want %d", rule_cases[_i].rule, t, rule_cases[_i].want);
	tmk_segrules_free(r);
}
END_TEST

/* Every rule in the table has a case above. */
START_TEST(every_rule_tested)
{
	for (size_t i = 0; tmk_paragraph_rule_name(i); i++) {
		int found = 0;
		for (size_t k = 0; k < sizeof(rule_cases) / sizeof(rule_cases[0]); k++)
			found |= strcmp(rule_cases[k].rule, tmk_paragraph_rule_name(i)) == 0;
		ck_assert_msg(found, "line rule %s has no test", tmk_paragraph_rule_name(i));
	}
}
END_TEST

/* The policies: keep makes every line a paragraph, join only empty lines. */
START_TEST(policies)
{
	const char *s = "Titel\nText der\nZeile.\n\nNeu.";
	tmk_segrules *r;
	tmk_span *p;
	size_t n;

	ck_assert_int_eq(tmk_segrules_new(&r, "de"), 0);
	ck_assert_int_eq(tmk_paragraphs_rules(&p, &n, s, strlen(s), NULL, TMK_NEWLINE_KEEP), 0);
	ck_assert_uint_eq(n, 4);
	free(p);
	ck_assert_int_eq(tmk_paragraphs_rules(&p, &n, s, strlen(s), NULL, TMK_NEWLINE_JOIN), 0);
	ck_assert_uint_eq(n, 2);
	free(p);
	ck_assert_int_eq(tmk_paragraphs_rules(&p, &n, s, strlen(s), r, TMK_NEWLINE_DEFAULT), 0);
	ck_assert_uint_eq(n, 3);
	free(p);
	/* without the language's continuers "der" is not known to go on */
	ck_assert_int_eq(tmk_paragraphs_rules(&p, &n, s, strlen(s), NULL, TMK_NEWLINE_DEFAULT), 0);
	ck_assert_uint_eq(n, 4);
	free(p);
	tmk_segrules_free(r);
}
END_TEST

static Suite *paragraph_suite(void)
{
	Suite *s = suite_create("paragraph");
	TCase *tc = tcase_create("core");

	tcase_add_loop_test(tc, split, 0, sizeof(cases) / sizeof(cases[0]));
	tcase_add_test(tc, long_line);
	tcase_add_loop_test(tc, line_rule, 0, sizeof(rule_cases) / sizeof(rule_cases[0]));
	tcase_add_test(tc, every_rule_tested);
	tcase_add_test(tc, policies);
	suite_add_tcase(s, tc);
	return s;
}

TEST_MAIN(paragraph_suite)
