/* test_lang.c - language identification (lang.c): each profile's language,
 * texts too short or too mixed to tell, and the German-or-English guess.
 * The texts are written for these tests: one news item in seven languages. */
#include <stdlib.h>
#include <string.h>

#include "lang.h"
#include "tests.h"

#define DE "Die Stadtverwaltung hat am Montag angekündigt, dass die Brücke über den Fluss ab " \
	"dem nächsten Jahr für den Autoverkehr gesperrt wird. Nach Angaben eines Sprechers ist " \
	"das Bauwerk in einem schlechten Zustand und muss saniert werden. Die Arbeiten sollen " \
	"etwa zwei Jahre dauern. Anwohner befürchten, dass sich der Verkehr in den umliegenden " \
	"Straßen staut, und haben eine Versammlung einberufen.\n"
#define EN "The city council announced on Monday that the bridge over the river will be closed " \
	"to cars from next year. According to a spokesman, the structure is in poor condition " \
	"and has to be repaired. The work is expected to take about two years. Residents fear " \
	"that traffic will back up in the surrounding streets and have called a public meeting.\n"
#define FR "La mairie a annoncé lundi que le pont sur la rivière sera fermé aux voitures à " \
	"partir de l'année prochaine. Selon un porte-parole, l'ouvrage est en mauvais état et " \
	"doit être rénové. Les travaux devraient durer environ deux ans. Les riverains craignent " \
	"que la circulation ne se reporte sur les rues voisines et ont convoqué une réunion publique.\n"
#define ES "El ayuntamiento anunció el lunes que el puente sobre el río estará cerrado a los " \
	"coches a partir del próximo año. Según un portavoz, la estructura está en mal estado y " \
	"tiene que ser reparada. Las obras durarán unos dos años. Los vecinos temen que el " \
	"tráfico se desvíe hacia las calles cercanas y han convocado una reunión pública.\n"
#define IT "Il comune ha annunciato lunedì che il ponte sul fiume sarà chiuso alle auto a " \
	"partire dal prossimo anno. Secondo un portavoce, la struttura è in cattivo stato e deve " \
	"essere ristrutturata. I lavori dovrebbero durare circa due anni. I residenti temono che " \
	"il traffico si sposti nelle strade vicine e hanno convocato un'assemblea pubblica.\n"
#define NL "De gemeente heeft maandag bekendgemaakt dat de brug over de rivier vanaf volgend " \
	"jaar voor auto's wordt afgesloten. Volgens een woordvoerder is het bouwwerk in slechte " \
	"staat en moet het worden gerenoveerd. De werkzaamheden zullen ongeveer twee jaar duren. " \
	"Omwonenden vrezen dat het verkeer in de omliggende straten vastloopt en hebben een " \
	"bijeenkomst georganiseerd.\n"
#define PT "A câmara municipal anunciou na segunda-feira que a ponte sobre o rio será fechada " \
	"aos carros a partir do próximo ano. Segundo um porta-voz, a estrutura está em mau estado " \
	"e tem de ser reparada. As obras devem durar cerca de dois anos. Os moradores temem que o " \
	"trânsito se desvie para as ruas vizinhas e convocaram uma reunião pública.\n"

static const struct {
	const char *text;
	const char *lang;       /* what tmk_lang_identify() must say */
} identify_cases[] = {
	/* a paragraph of each language with a profile */
	{ DE, "de" },
	{ EN, "en" },
	{ FR, "fr" },
	{ ES, "es" },
	{ IT, "it" },
	{ NL, "nl" },
	{ PT, "pt" },
	/* case does not matter */
	{ "DIE STADTVERWALTUNG HAT AM MONTAG ANGEKÜNDIGT, DASS DIE BRÜCKE ÜBER DEN FLUSS AB DEM "
	  "NÄCHSTEN JAHR FÜR DEN AUTOVERKEHR GESPERRT WIRD. NACH ANGABEN EINES SPRECHERS IST DAS "
	  "BAUWERK IN EINEM SCHLECHTEN ZUSTAND UND MUSS SANIERT WERDEN. DIE ARBEITEN SOLLEN ETWA "
	  "ZWEI JAHRE DAUERN.", "de" },
	/* mostly one language: a quotation in another does not change it */
	{ "Die Stadtverwaltung hat am Montag angekündigt, dass die Brücke über den Fluss ab dem "
	  "nächsten Jahr für den Autoverkehr gesperrt wird. „It is the only way to keep the bridge "
	  "safe“, sagte ein Sprecher der Firma aus London. Nach seinen Angaben ist das Bauwerk in "
	  "einem schlechten Zustand und muss saniert werden. Die Arbeiten sollen etwa zwei Jahre "
	  "dauern. Anwohner befürchten, dass sich der Verkehr in den umliegenden Straßen staut, "
	  "und haben eine Versammlung einberufen.", "de" },
	{ EN "The engineers' report, \"Die Brücke über den Fluss\", was published in German.", "en" },
	/* too little evidence: unknown, never a wrong language */
	{ "", "unknown" },
	{ "ISKP ISIS-K 2024", "unknown" },
	{ "Die Polizei hat am Morgen zwei Wohnungen durchsucht.", "unknown" },
	{ "Police searched two flats on Tuesday and found nothing of interest.", "unknown" },
	{ "The structure is in poor condition and has to be repaired.", "unknown" },
	{ "La mairie a annoncé lundi que le pont sera fermé.", "unknown" },
	{ "de la en el a o i", "unknown" },           /* words of several profiles only */
	/* initials are no French j' or l' nor Italian i */
	{ "Leiter J. Dupont, Gipfelmannschaft L. Martin, J. Bernard, S. Dubois, L. Moreau, "
	  "D. Laurent, J. Simon, L. Michel, S. Lefebvre, D. Leroy, J. Roux, L. David und "
	  "S. Bertrand, 8091 m.", "unknown" },
	/* a table of numbers and names */
	{ "2024\t4,2\t1.200\nISKP\tBerlin\t3\nNATO\tParis\t17\nUNO\tGenf\t9\n", "unknown" },
	/* two languages in equal parts */
	{ DE EN, "unknown" },
	{ FR IT, "unknown" },
	/* languages without a profile */
	{ "Kommunen meddelade på måndagen att bron över floden kommer att stängas för bilar från "
	  "och med nästa år. Enligt en talesperson är konstruktionen i dåligt skick och måste "
	  "renoveras. Arbetet väntas ta ungefär två år.", "unknown" },
	{ "Городские власти объявили в понедельник, что мост через реку будет закрыт для "
	  "автомобилей со следующего года.", "unknown" },
	/* bytes that are not UTF-8 are no letters */
	{ "\xff\xfe\xc3 der die das \xe2\x80", "unknown" },
};

START_TEST(identify)
{
	tmk_lang_result r;
	const char *t = identify_cases[_i].text;

	ck_assert_int_eq(tmk_lang_identify(&r, t, strlen(t)), 0);
	ck_assert_msg(!strcmp(r.lang, identify_cases[_i].lang), "case %d: %s (best %s, %.3f over %s), "
		      "want %s", _i, r.lang, r.best, r.confidence, r.runner_up, identify_cases[_i].lang);
	if (strcmp(r.lang, "unknown")) {
		ck_assert_double_ge(r.confidence, TMK_LANG_MIN_CONFIDENCE);
		ck_assert_double_le(r.confidence, 1.0);
		ck_assert_str_eq(r.best, r.lang);
		ck_assert_str_ne(r.runner_up, r.lang);
		ck_assert_uint_gt(r.hits, 0);
		ck_assert_uint_le(r.hits, r.words);
	}
}
END_TEST

/* More of the same text is more evidence: the first sentence alone is
 * unknown, the paragraph is German, twice the paragraph surer still. */
START_TEST(confidence_grows)
{
	const char *one = "Die Stadtverwaltung hat am Montag angekündigt, dass die Brücke über den "
			  "Fluss ab dem nächsten Jahr für den Autoverkehr gesperrt wird.";
	tmk_lang_result a, b, c;

	ck_assert_int_eq(tmk_lang_identify(&a, one, strlen(one)), 0);
	ck_assert_int_eq(tmk_lang_identify(&b, DE, strlen(DE)), 0);
	ck_assert_int_eq(tmk_lang_identify(&c, DE DE, strlen(DE DE)), 0);
	ck_assert_str_eq(a.lang, "unknown");
	ck_assert_str_eq(a.best, "de");
	ck_assert_str_eq(b.lang, "de");
	ck_assert_str_eq(c.lang, "de");
	ck_assert_double_lt(a.confidence, b.confidence);
	ck_assert_double_lt(b.confidence, c.confidence);
	ck_assert_uint_eq(c.words, 2 * b.words);
}
END_TEST

/* Text beyond the first MiB is not read: a long text costs no more. */
START_TEST(long_text)
{
	size_t n = strlen(EN), reps = (3u << 20) / n + 1, per = (1u << 20) / n;
	char *s = malloc(reps * n + 1);
	tmk_lang_result one, r;

	ck_assert_ptr_nonnull(s);
	ck_assert_int_eq(tmk_lang_identify(&one, EN, n), 0);
	for (size_t k = 0; k < reps; k++)
		memcpy(s + k * n, EN, n);
	s[reps * n] = '\0';
	ck_assert_int_eq(tmk_lang_identify(&r, s, reps * n), 0);
	ck_assert_str_eq(r.lang, "en");
	ck_assert_uint_ge(r.words, per * one.words);           /* a MiB of paragraphs */
	ck_assert_uint_le(r.words, (per + 1) * one.words);
	ck_assert_double_gt(r.confidence, 0.99);
	free(s);
}
END_TEST

START_TEST(names)
{
	ck_assert_str_eq(tmk_lang_name("de"), "German");
	ck_assert_str_eq(tmk_lang_name("pt"), "Portuguese");
	ck_assert_str_eq(tmk_lang_name("sv"), "sv");
}
END_TEST

static const struct {
	const char *text;
	const char *lang;
} guess_cases[] = {
	{ "Die Polizei hat am Morgen zwei Wohnungen durchsucht und nichts gefunden.", "de" },
	{ "Police searched two flats on Tuesday and found nothing of interest.", "en" },
	{ "Der Verfassungsschutz warnt vor der Terrormiliz, die sich ISKP nennt.", "de" },
	{ "The group, which calls itself ISKP, is based in Afghanistan.", "en" },
	{ "", "de" },                          /* no clue: German */
	{ "ISKP ISIS-K 2024", "de" },
	{ "In Berlin.", "de" },                /* words of both only: no clue */
	{ "Is it?", "en" },
};

START_TEST(guess)
{
	ck_assert_str_eq(tmk_lang_guess(guess_cases[_i].text, strlen(guess_cases[_i].text)),
			 guess_cases[_i].lang);
}
END_TEST

static Suite *lang_suite(void)
{
	Suite *s = suite_create("lang");
	TCase *tc = tcase_create("core");

	tcase_add_loop_test(tc, identify, 0, sizeof(identify_cases) / sizeof(identify_cases[0]));
	tcase_add_test(tc, confidence_grows);
	tcase_add_test(tc, long_text);
	tcase_add_test(tc, names);
	tcase_add_loop_test(tc, guess, 0, sizeof(guess_cases) / sizeof(guess_cases[0]));
	suite_add_tcase(s, tc);
	return s;
}

TEST_MAIN(lang_suite)
