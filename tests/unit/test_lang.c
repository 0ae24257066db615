/* test_lang.c - guessing German or English (lang.c). */
#include <string.h>

#include "lang.h"
#include "tests.h"

static const struct {
	const char *text;
	const char *lang;
} cases[] = {
	{ "Die Polizei hat am Morgen zwei Wohnungen durchsucht und nichts gefunden.", "de" },
	{ "Police searched two flats on Tuesday and found nothing of interest.", "en" },
	{ "Der Verfassungsschutz warnt vor der Terrormiliz, die sich ISKP nennt.", "de" },
	{ "The group, which calls itself ISKP, is based in Afghanistan.", "en" },
	{ "", "de" },                          /* no clue: German */
	{ "ISKP ISIS-K 2024", "de" },
};

START_TEST(guess)
{
	ck_assert_str_eq(tmk_lang_guess(cases[_i].text, strlen(cases[_i].text)), cases[_i].lang);
}
END_TEST

static Suite *lang_suite(void)
{
	Suite *s = suite_create("lang");
	TCase *tc = tcase_create("core");

	tcase_add_loop_test(tc, guess, 0, sizeof(cases) / sizeof(cases[0]));
	suite_add_tcase(s, tc);
	return s;
}

TEST_MAIN(lang_suite)
