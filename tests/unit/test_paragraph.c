/* test_paragraph.c - paragraph splitting (paragraph.c), table-driven:
 * each case is an input and the paragraphs expected, separated by '|'. */
#include <string.h>

#include "paragraph.h"
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

static Suite *paragraph_suite(void)
{
	Suite *s = suite_create("paragraph");
	TCase *tc = tcase_create("core");

	tcase_add_loop_test(tc, split, 0, sizeof(cases) / sizeof(cases[0]));
	tcase_add_test(tc, long_line);
	suite_add_tcase(s, tc);
	return s;
}

TEST_MAIN(paragraph_suite)
