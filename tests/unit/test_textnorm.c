/* test_textnorm.c - matching forms and tokens (textnorm.c), table-driven. */
#include <string.h>

#include "tests.h"
#include "textnorm.h"

static const struct {
	const char *in, *out;
} norms[] = {
	{ "Der Anschlag", "der anschlag" },
	{ "ANSCHLÄGE", "anschlage" },                      /* umlaut folded away */
	{ "Straße", "strasse" },                           /* full case folding */
	{ "Khorāsān", "khorasan" },
	{ "  viel   Raum\t\nhier  ", "viel raum hier" },
	{ "Cafe\xCC\x81", "cafe" },                        /* combining accent */
	{ "„Zitat“ – gut", "„zitat“ – gut" },               /* punctuation kept */
	{ "", "" },
};

START_TEST(norm)
{
	tmk_buf b = TMK_BUF_INIT;

	ck_assert_int_eq(tmk_norm_match(&b, norms[_i].in, strlen(norms[_i].in)), 0);
	ck_assert_str_eq(b.ptr ? b.ptr : "", norms[_i].out);
	tmk_buf_release(&b);
}
END_TEST

/* Placeholders (issue 13) are marked ^ in TOKENS: one token each, never
 * a mark and a word; WORDS counts word tokens, COUNTED what
 * tmk_count_words() says (placeholders written as text count). */
static const struct {
	const char *in;
	const char *tokens;     /* joined by '|', punctuation as is */
	size_t words, counted;
} toks[] = {
	{ "Der Anschlag, sagte er.", "Der|Anschlag|,|sagte|er|.", 4, 4 },
	{ "1.000,5 Euro und 4.2 %", "1.000,5|Euro|und|4.2|%", 4, 4 },
	{ "Die Anti-IS-Koalition", "Die|Anti-IS-Koalition", 2, 2 },
	{ "don't - stop", "don't|-|stop", 2, 2 },
	{ "„Ja“", "„|Ja|“", 1, 1 },
	{ "   ", "", 0, 0 },
	/* printf, positional, flags, width, precision, length, Python, Qt */
	{ "Datei %s nicht gefunden", "Datei|%s^|nicht|gefunden", 3, 4 },
	{ "%d von %i, %u%%", "%d^|von|%i^|,|%u^|%%", 1, 4 },
	{ "%1$s und %2$d", "%1$s^|und|%2$d^", 1, 3 },
	{ "Wert:%-10.3lf %zu %'d %*d %.*s %m", "Wert|:|%-10.3lf^|%zu^|%'d^|%*d^|%.*s^|%m^", 1, 7 },
	{ "%(name)s hat %(count)d", "%(name)s^|hat|%(count)d^", 1, 3 },
	{ "%1 von %2", "%1^|von|%2^", 1, 3 },
	{ "%dx%d", "%d^|x|%d^", 1, 3 },
	{ "%S und %C, %qs %wu", "%S^|und|%C^|,|%qs^|%wu^", 1, 5 },
	/* braces */
	{ "{0} von {1}", "{0}^|von|{1}^", 1, 3 },
	{ "{name}, {0:N2} {0,number}", "{name}^|,|{0:N2}^|{0,number}^", 0, 3 },
	{ "{{name}} und {{ user.name }}", "{{name}}^|und|{{ user.name }}^", 1, 3 },
	/* $1 to $9 */
	{ "$1 von $2", "$1^|von|$2^", 1, 3 },
	/* inline-code characters (U+E000..U+F8FF) from the XLIFF reader */
	{ "\xee\x80\x80" "Datei\xee\x80\x81 \xef\xa3\xbf.", "\xee\x80\x80^|Datei|\xee\x80\x81^|\xef\xa3\xbf^|.", 1, 1 },
	/* prose: none of these is a placeholder */
	{ "20%ige Steigerung, 5%-Hürde", "20|%|ige|Steigerung|,|5|%|-|Hürde", 5, 5 },
	{ "in % der Fälle", "in|%|der|Fälle", 3, 3 },
	{ "die %-Grenze", "die|%|-|Grenze", 2, 2 },
	{ "der %Satz", "der|%|Satz", 2, 2 },
	{ "100%% sicher", "100|%%|sicher", 2, 2 },
	{ "$10 und $1.5 und $0", "$|10|und|$|1.5|und|$|0", 5, 5 },
	{ "{a b} {} { }", "{|a|b|}|{|}|{|}", 2, 2 },
	{ "% am Ende %", "%|am|Ende|%", 2, 2 },
};

START_TEST(tokenize)
{
	tmk_token *t;
	size_t n, words = 0;
	char got[256] = "";
	const char *s = toks[_i].in;

	ck_assert_int_eq(tmk_tokenize(&t, &n, s, strlen(s)), 0);
	for (size_t i = 0; i < n; i++) {
		if (i)
			strcat(got, "|");
		strncat(got, s + t[i].start, t[i].end - t[i].start);
		if (t[i].placeholder)
			strcat(got, "^");
		ck_assert(!(t[i].word && t[i].placeholder));
		words += t[i].word;
	}
	ck_assert_str_eq(got, toks[_i].tokens);
	ck_assert_uint_eq(words, toks[_i].words);
	ck_assert_uint_eq(tmk_count_words(s, strlen(s)), toks[_i].counted);
	free(t);
}
END_TEST

START_TEST(hash)
{
	ck_assert(tmk_hash(TMK_HASH_SEED, "a", 1) != tmk_hash(TMK_HASH_SEED, "b", 1));
	ck_assert(tmk_hash(TMK_HASH_SEED, "ab", 2) == tmk_hash(tmk_hash(TMK_HASH_SEED, "a", 1), "b", 1));
}
END_TEST

/* Cognate skeletons: German and English spellings of one name or word
 * begin alike; unrelated words do not. */
START_TEST(cognate_skeleton)
{
	static const char *const same[][2] = {
		{ "tadschikistan", "tajikistan" }, { "dschihadisten", "jihadists" }, { "mossul", "mosul" },
		{ "kalifat", "caliphate" }, { "zentrum", "centre" }, { "tschetschenien", "chechnya" },
		{ "usbekistan", "uzbekistan" }, { "chorasan", "khorasan" }, { "organisation", "organization" },
		{ "terrorismus", "terrorism" }, { "jemen", "yemen" },
	};
	char a[64], b[64];
	size_t na, nb;

	for (size_t i = 0; i < sizeof(same) / sizeof(same[0]); i++) {
		na = tmk_cognate_skeleton(a, sizeof(a), same[i][0], strlen(same[i][0]));
		nb = tmk_cognate_skeleton(b, sizeof(b), same[i][1], strlen(same[i][1]));
		ck_assert_msg(na >= 5 && nb >= 5 && !memcmp(a, b, 5), "%s: %.*s, %s: %.*s", same[i][0],
			      (int)na, a, same[i][1], (int)nb, b);
	}
	na = tmk_cognate_skeleton(a, sizeof(a), "anschlag", 8);
	nb = tmk_cognate_skeleton(b, sizeof(b), "attack", 6);
	ck_assert(memcmp(a, b, 5) != 0);
	ck_assert_uint_eq(tmk_cognate_skeleton(a, 3, "tadschikistan", 13), 3);  /* never past CAP */
	na = tmk_cognate_skeleton(a, sizeof(a), "g\xc3\xa4\xc3\xa4s", 6);       /* UTF-8 kept whole */
	ck_assert_uint_eq(na, 6);
}
END_TEST

static Suite *textnorm_suite(void)
{
	Suite *s = suite_create("textnorm");
	TCase *tc = tcase_create("core");

	tcase_add_loop_test(tc, norm, 0, sizeof(norms) / sizeof(norms[0]));
	tcase_add_loop_test(tc, tokenize, 0, sizeof(toks) / sizeof(toks[0]));
	tcase_add_test(tc, hash);
	tcase_add_test(tc, cognate_skeleton);
	suite_add_tcase(s, tc);
	return s;
}

TEST_MAIN(textnorm_suite)
