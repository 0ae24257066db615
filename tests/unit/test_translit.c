/* test_translit.c - name transliteration (names/translit.c) and skeleton
 * matching (names/skeleton.c): the shipped rules on names of each origin
 * in both directions, case, exceptions, alternatives and the evidence of
 * the @known word list, the rule format and its errors, skeleton matches
 * and non-matches, and the test sets of tests/data/names/ (translit.tsv,
 * which the rules were written against, and the held-out sets
 * translit-heldout.tsv and translit-heldout2.tsv) against floors at the
 * figures the rules reach (see test_set_de_en for issue 14's target), so
 * that a rule change that loses names fails here. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "error.h"
#include "names/skeleton.h"
#include "names/translit.h"
#include "tests.h"
#include "utf8.h"

/* ------------------------------------------------------------------ */
/* the shipped rules                                                  */

static const struct {
	const char *in, *out;
} de_en[] = {
	/* the examples */
	{ "Chalimow", "Khalimov" },
	{ "Akilow", "Akilov" },
	{ "Chatlon", "Khatlon" },
	{ "Badachschan", "Badakhshan" },
	{ "Dschalalabad", "Jalalabad" },
	{ "Kiew", "Kyiv" },                     /* an exception */
	{ "Jelzin", "Yeltsin" },
	{ "Juri", "Yuri" },
	{ "Kasachstan", "Kazakhstan" },
	{ "Usbekistan", "Uzbekistan" },
	{ "Tadschikistan", "Tajikistan" },
	{ "Chorasan", "Khorasan" },             /* s between vowels is read as з */
						/* (Kasan -> Kazan), but Khorasan is */
						/* a known English spelling (@known) */
	/* each rule once */
	{ "Gorbatschow", "Gorbachev" },         /* -tschow: ё after ч */
	{ "Chruschtschow", "Khrushchev" },      /* щ, and ё after it */
	{ "Tschechow", "Chekhov" },
	{ "Dschochar Dudajew", "Dzhokhar Dudayev" },    /* дж in a Russian name */
	{ "Heinrich", "Heinrich" },             /* German -ich keeps its ch */
	{ "Donezk", "Donetsk" },
	{ "Dserschinski", "Dzerzhinsky" },      /* дз; ж, the known spelling */
	{ "Wassili", "Vasily" },                /* ss between vowels is с; a */
						/* Russian given name: -ий is -y */
	{ "Wassili Grossman", "Vasily Grossman" },      /* ss kept: known */
	{ "Breschnew", "Brezhnev" },            /* sch: ж, the known spelling */
	{ "Schostakowitsch", "Shostakovich" },  /* sch: ш, the first choice */
	{ "Koroljow", "Korolev" },              /* the suffix -ёв: -ev */
	{ "Turgenjew", "Turgenev" },            /* ье or soft е: the known e */
	{ "Bobodschon Gafurow", "Bobojon Gafurov" },    /* j in a Muslim name */
	{ "Dscheenbek Sarbajew", "Jeenbek Sarbayev" },  /* j in a Turkic name */
	{ "Tursunsoda", "Tursunzoda" },         /* Persian zoda "son of" */
	{ "Mirso", "Mirzo" },                   /* and mirzo */
	{ "Ibn Ruschd", "Ibn Rushd" },          /* Arabic has no ж */
	{ "Uschhorod", "Uzhhorod" },            /* ж before a voiced consonant */
	{ "Ghazni", "Ghazni" },                 /* z is ц only where Russian has */
	{ "Nechirvan Barzani", "Nechirvan Barzani" },   /* ц (Donezk, Jelzin) */
	{ "Israel Katz", "Israel Katz" },
	{ "Khawaja Asif", "Khawaja Asif" },     /* kh: spelt the English way */
	{ "Symon Petljura", "Symon Petliura" }, /* Ukrainian я: ia */
	{ "Taras Schewtschenko", "Taras Shevchenko" },  /* Ukrainian: final s */
	{ "Kundus", "Kunduz" },                 /* final з */
	{ "Abu Idris", "Abu Idris" },           /* but not in an Arabic name */
	{ "Harun ar-Raschid", "Harun al-Rashid" },      /* the article: al- in English */
	{ "Mohammed Zahir Schah", "Mohammed Zahir Shah" },      /* a borrowed z stays */
	{ "Mykolajiw", "Mykolaiv" },            /* Ukrainian ї */
	{ "Chmelnyzkyj", "Khmelnytskyi" },      /* the national system's -kyi */
	{ "At-Baschy", "At-Bashy" },            /* no Arabic article: t, not b */
	{ "Nasir ad-Din at-Tusi", "Nasir al-Din al-Tusi" },
	{ "Saporischschja", "Saporizhzhya" },   /* жж */
	{ "Nischni Nowgorod", "Nizhny Novgorod" },      /* жн; -ний in a Russian name */
	{ "Kaspijsk", "Kaspiysk" },             /* й after и */
	{ "Krywyj Rih", "Kryvyi Rih" },
	{ "Serhij", "Serhiy" },
	{ "Sergej", "Sergei" },
	{ "Mychajlo", "Mykhailo" },
	{ "Tatjana", "Tatyana" },
	{ "Julija", "Yulia" },
	{ "Inguschetien", "Ingushetia" },
	{ "Fjodor Dostojewski", "Fyodor Dostoevsky" },  /* BGN Dostoyevsky; known */
	{ "Anatoli Karpow", "Anatoly Karpov" }, /* -ий of a given name in a Russian name */
	{ "Sotschi", "Sochi" },                 /* but not a place's -i */
	{ "Chalid ibn al-Walid", "Khalid ibn al-Walid" },       /* Arabic و stays w */
	{ "Täbris", "Tabriz" },
	{ "Kökschetau", "Kokshetau" },
	/* multi-word names, hyphens and case */
	{ "Gulmurod Chalimow", "Gulmurod Khalimov" },
	{ "Abu Omar al-Schischani", "Abu Omar al-Shishani" },
	{ "Masar-i-Scharif", "Mazar-i-Sharif" },
	{ "CHALIMOW", "KHALIMOV" },
	{ "chalimow", "khalimov" },
	{ "TSCHECHOW", "CHEKHOV" },
	{ "KIEW", "KYIV" },
	{ "kiew", "kyiv" },
	{ "Gebiet Chatlon", "Gebiet Khatlon" },
	{ "  Chalimow,  Akilow ", "  Khalimov,  Akilov " },
	{ "", "" },
	{ "2024", "2024" },
};

START_TEST(shipped_de_en)
{
	const tmk_translit *t;
	tmk_buf out = TMK_BUF_INIT;

	ck_assert_int_eq(tmk_translit_shared(&t, TMK_TRANSLIT_DE_EN), 0);
	ck_assert_int_eq(tmk_translit_apply(t, &out, de_en[_i].in, strlen(de_en[_i].in), NULL), 0);
	ck_assert_str_eq(out.ptr ? out.ptr : "", de_en[_i].out);
	tmk_buf_release(&out);
}
END_TEST

static const struct {
	const char *in, *out;
} en_de[] = {
	{ "Khalimov", "Chalimow" },
	{ "Akilov", "Akilow" },
	{ "Khatlon", "Chatlon" },
	{ "Badakhshan", "Badachschan" },
	{ "Jalalabad", "Dschalalabad" },
	{ "Kyiv", "Kiew" },
	{ "Kiev", "Kiew" },
	{ "Yeltsin", "Jelzin" },
	{ "Yuri", "Juri" },
	{ "Yuriy", "Juri" },
	{ "Kazakhstan", "Kasachstan" },
	{ "Uzbekistan", "Usbekistan" },
	{ "Tajikistan", "Tadschikistan" },
	{ "Gorbachev", "Gorbatschow" },
	{ "Khrushchev", "Chruschtschow" },
	{ "Dostoevsky", "Dostojewski" },
	{ "Zhukov", "Schukow" },
	{ "Dzhokhar Dudayev", "Dschochar Dudajew" },
	{ "Vasily", "Wassili" },
	{ "Nikolay", "Nikolai" },
	{ "Prokofiev", "Prokofjew" },
	{ "Yulia Tymoshenko", "Julija Tymoschenko" },
	{ "Ingushetia", "Inguschetien" },
	{ "Kryvyi Rih", "Krywyj Rih" },
	{ "Qarshi", "Karschi" },
	{ "KHALIMOV", "CHALIMOW" },
};

START_TEST(shipped_en_de)
{
	const tmk_translit *t;
	tmk_buf out = TMK_BUF_INIT;

	ck_assert_int_eq(tmk_translit_shared(&t, TMK_TRANSLIT_EN_DE), 0);
	ck_assert_int_eq(tmk_translit_apply(t, &out, en_de[_i].in, strlen(en_de[_i].in), NULL), 0);
	ck_assert_str_eq(out.ptr, en_de[_i].out);
	tmk_buf_release(&out);
}
END_TEST

START_TEST(flags)
{
	const tmk_translit *t;
	tmk_buf out = TMK_BUF_INIT;
	unsigned f = 99;

	ck_assert_int_eq(tmk_translit_shared(&t, TMK_TRANSLIT_DE_EN), 0);
	ck_assert_int_eq(tmk_translit_apply(t, &out, "Chalimow", 8, &f), 0);
	ck_assert_uint_eq(f, TMK_TRANSLIT_CHANGED);
	tmk_buf_clear(&out);
	ck_assert_int_eq(tmk_translit_apply(t, &out, "Schukow", 7, &f), 0);
	ck_assert_uint_eq(f, TMK_TRANSLIT_CHANGED | TMK_TRANSLIT_KNOWN);
	ck_assert_str_eq(out.ptr, "Zhukov");
	tmk_buf_clear(&out);
	ck_assert_int_eq(tmk_translit_apply(t, &out, "Kiew", 4, &f), 0);
	ck_assert_uint_eq(f, TMK_TRANSLIT_CHANGED | TMK_TRANSLIT_EXCEPTION);
	tmk_buf_clear(&out);
	ck_assert_int_eq(tmk_translit_apply(t, &out, "Berlin", 6, &f), 0);
	ck_assert_uint_eq(f, 0);
	ck_assert_str_eq(out.ptr, "Berlin");
	tmk_buf_clear(&out);
	ck_assert_int_eq(tmk_translit_apply(t, &out, "Boris", 5, &f), 0);   /* an exception, same */
	ck_assert_uint_eq(f, TMK_TRANSLIT_EXCEPTION);
	/* the result is appended */
	ck_assert_int_eq(tmk_translit_apply(t, &out, " Osch", 5, &f), 0);
	ck_assert_str_eq(out.ptr, "Boris Osh");
	tmk_buf_release(&out);
}
END_TEST

START_TEST(bad_input)
{
	const tmk_translit *t;
	tmk_buf out = TMK_BUF_INIT;
	char **list = (char **)1;
	size_t n = 7;

	ck_assert_int_eq(tmk_translit_shared(&t, TMK_TRANSLIT_DE_EN), 0);
	ck_assert_int_eq(tmk_translit_apply(t, &out, "Cha\xff", 4, NULL), TMK_EINVAL);
	ck_assert_int_eq(tmk_translit_propose(t, &list, &n, "\xc3", 1, 5), TMK_EINVAL);
	ck_assert_ptr_null(list);
	ck_assert_uint_eq(n, 0);
	ck_assert_int_eq(tmk_translit_new((tmk_translit **)&list, (tmk_translit_dir)7), TMK_EINVAL);
	tmk_buf_release(&out);
}
END_TEST

START_TEST(shared_once)
{
	const tmk_translit *a, *b, *c;

	ck_assert_int_eq(tmk_translit_shared(&a, TMK_TRANSLIT_DE_EN), 0);
	ck_assert_int_eq(tmk_translit_shared(&b, TMK_TRANSLIT_DE_EN), 0);
	ck_assert_int_eq(tmk_translit_shared(&c, TMK_TRANSLIT_EN_DE), 0);
	ck_assert_ptr_eq(a, b);
	ck_assert_ptr_ne(a, c);
	ck_assert_uint_gt(tmk_translit_rule_count(a), 30);
	ck_assert_uint_gt(tmk_translit_exception_count(a), 2);
	ck_assert(tmk_translit_is_exception(a, "KIEW", 4));
	ck_assert(!tmk_translit_is_exception(a, "Chalimow", 8));
}
END_TEST

/* Alternatives: the best first, then one other choice, distinct. */
START_TEST(alternatives)
{
	const tmk_translit *t;
	char **list;
	size_t n;

	ck_assert_int_eq(tmk_translit_shared(&t, TMK_TRANSLIT_DE_EN), 0);
	ck_assert_int_eq(tmk_translit_propose(t, &list, &n, "Schukow", 7, 5), 0);
	ck_assert_uint_eq(n, 5);
	ck_assert_str_eq(list[0], "Zhukov");      /* the known spelling first */
	ck_assert_str_eq(list[1], "Shukov");      /* then every first choice */
	ck_assert_str_eq(list[2], "Skhukov");     /* sch -> skh (с+х) */
	ck_assert_str_eq(list[3], "Shukow");      /* w kept */
	for (size_t i = 0; i < n; i++)
		for (size_t j = i + 1; j < n; j++)
			ck_assert_str_ne(list[i], list[j]);
	tmk_translit_list_free(list, n);

	ck_assert_int_eq(tmk_translit_propose(t, &list, &n, "Schukow", 7, 1), 0);
	ck_assert_uint_eq(n, 1);
	ck_assert_str_eq(list[0], "Zhukov");
	tmk_translit_list_free(list, n);

	ck_assert_int_eq(tmk_translit_propose(t, &list, &n, "Schukow", 7, 0), 0);
	ck_assert_uint_eq(n, 0);
	tmk_translit_list_free(list, n);

	/* Kasan -> Kazan and Chorasan -> Khorasan want opposite readings of a
	 * single s between vowels: the known one first, then the rules' */
	ck_assert_int_eq(tmk_translit_propose(t, &list, &n, "Chorasan", 8, 3), 0);
	ck_assert_uint_eq(n, 3);
	ck_assert_str_eq(list[0], "Khorasan");
	ck_assert_str_eq(list[1], "Khorazan");
	ck_assert_str_eq(list[2], "Chorazan");    /* initial ch kept (a German name) */
	tmk_translit_list_free(list, n);

	ck_assert_int_eq(tmk_translit_propose(t, &list, &n, "Berlin", 6, 5), 0);
	ck_assert_uint_eq(n, 1);                  /* no rule with a choice */
	ck_assert_str_eq(list[0], "Berlin");
	tmk_translit_list_free(list, n);
}
END_TEST

/* ------------------------------------------------------------------ */
/* the rule format                                                    */

static const char custom_rules[] =
	"# a comment\n"
	"@vowels a e i o u\n"
	"@class ru *ow ivan\n"
	"Moskau = Moscow   # an exception\n"
	"Rostow am Don = Rostov-on-Don\n"
	"s > z / V_V\n"
	"s > ss / #_\n"
	"x > 0\n"
	"k > q / _[^aeiou]\n"
	"i > y | ie / C_# {ru}\n"
	"i > ee / C_# {!ru}\n"
	"sch > sh | zh\n"
	"ow > ov / _#\n"
	"@more ru olga\n"
	"u > uu / a-_\n"
	"ab > ba / #_-b\n"
	"@asis kh\n"
	"\xc3\xa4 > ae\n";

static const struct {
	const char *in, *out;
} custom_cases[] = {
	{ "asa", "aza" },               /* V_V */
	{ "sa", "ssa" },                /* #_ */
	{ "as", "as" },
	{ "axa", "aa" },                /* deletion */
	{ "akt", "aqt" },               /* [^...] */
	{ "aka", "aka" },
	{ "Vari Petrow", "Vary Petrov" },       /* class by suffix */
	{ "Vari Ivan", "Vary Ivan" },           /* class by word */
	{ "Vari Petro", "Varee Petro" },        /* {!ru} */
	{ "MOSKAU", "MOSCOW" },
	{ "moskau", "moscow" },
	{ "Rostow am Don", "Rostov-on-Don" },   /* a whole name */
	{ "Schach", "Shach" },
	{ "Vari Olga", "Vary Olga" },           /* @more: a marker added */
	{ "Khasch Schach", "Khasch Shach" },    /* @asis: a word with kh is kept */
	{ "ka-us ka us", "ka-uus ka us" },      /* -: the word before the hyphen */
	{ "ab-bu ab-du ab bu", "ba-bu ab-du ab bu" },   /* and the word after it */
	{ "\xc3\x84sa", "Aesa" },               /* UTF-8 letters; title case of a two-letter output */
};

START_TEST(custom)
{
	tmk_translit *t;
	tmk_buf out = TMK_BUF_INIT;

	ck_assert_int_eq(tmk_translit_parse(&t, "custom", custom_rules, strlen(custom_rules)), 0);
	ck_assert_int_eq(tmk_translit_apply(t, &out, custom_cases[_i].in, strlen(custom_cases[_i].in), NULL), 0);
	ck_assert_str_eq(out.ptr ? out.ptr : "", custom_cases[_i].out);
	tmk_buf_release(&out);
	tmk_translit_free(t);
}
END_TEST

static const struct {
	const char *text;
	const char *msg;        /* the start of the expected message */
} bad_rules[] = {
	{ "a > b\nA > b\n", "bad:2: 'A': only lower-case" },
	{ "a > b / V_V_\n", "bad:1: 'V_V_': a context has one '_'" },
	{ "a > b / VV\n", "bad:1: 'VV': a context needs '_'" },
	{ "a > b / _#a\n", "bad:1: '#' (the word's edge) only at the outer end" },
	{ "a > b / _X\n", "bad:1: unknown context element" },
	{ "a > b / _[ab\n", "bad:1: a set of letters needs its ']'" },
	{ "a > b /\n", "bad:1: '/' must be followed by a context" },
	{ "a > b {ru}\n", "bad:1: '{ru}': no class of that name" },
	{ "a > b c\n", "bad:1: 'c': unexpected after the rule" },
	{ "a >\n", "bad:1: a rule is FROM > TO" },
	{ "a > b | c | d | e | f\n", "bad:1: at most 4 choices" },
	{ "0 > b\n", "bad:1: '0': only lower-case letters" },
	{ "@vowels\n", "bad:1: @vowels needs" },
	{ "@class x\n", "bad:1: @class NAME followed by" },
	{ "@class x a\n@class x b\n", "bad:2: class 'x' declared twice" },
	{ "@frob\n", "bad:1: unknown directive '@frob'" },
	{ "@more x a\n", "bad:1: @more 'x': no class of that name" },
	{ "@class x a\n@more x\n", "bad:2: @more NAME followed by" },
	{ "@asis\n", "bad:1: @asis needs" },
	{ "@asis K\n", "bad:1: 'K': only lower-case" },
	{ "@known\n", "bad:1: @known takes one word list" },
	{ "@known dictionaries/names/none.known\n", "bad:1: @known: no word list" },
	{ "@known dictionaries/names/en.known\n@known dictionaries/names/en.known\n",
	  "bad:2: @known given twice" },
	{ "hello\n", "bad:1: not a rule" },
	{ "Kiew = \n", "bad:1: an exception is KEY = VALUE" },
	{ "Kiew = Kyiv\nkiew = Kiev\n", "bad:2: exception 'kiew' given twice" },
	{ "# ok\n\n\xff > a\n", "bad:3: not UTF-8" },
};

START_TEST(bad_rule_files)
{
	tmk_translit *t = (tmk_translit *)1;

	ck_assert_int_eq(tmk_translit_parse(&t, "bad", bad_rules[_i].text, strlen(bad_rules[_i].text)),
			 TMK_EINPUT);
	ck_assert_ptr_null(t);
	ck_assert_msg(strncmp(tmk_error_last(), bad_rules[_i].msg, strlen(bad_rules[_i].msg)) == 0,
		      "got '%s', want '%s...'", tmk_error_last(), bad_rules[_i].msg);
}
END_TEST

/* @known: of a word's alternatives the first that the list holds, fewest
 * non-first choices first; a word none of whose spellings is known keeps
 * its first choices; each word on its own. */
START_TEST(known_evidence)
{
	static const char base[] = "sch > sh | zh\now > ov / _#\nw > v | w\nje > ye | e\n"
				   "ki > ky / _#\n";
	static const char with[] = "@known dictionaries/names/en.known\n"
				   "sch > sh | zh\now > ov / _#\nw > v | w\nje > ye | e\n"
				   "ki > ky / _#\n";
	static const struct {
		const char *in, *plain, *known;
	} cases[] = {
		{ "Schukow", "Shukov", "Zhukov" },
		{ "Breschnew", "Breshnev", "Brezhnev" },        /* two choice points */
		{ "Schukow Breschnew", "Shukov Breshnev", "Zhukov Brezhnev" },
		{ "Dostojewski", "Dostoyevsky", "Dostoevsky" }, /* je: the second */
		{ "Schaschlyk", "Shashlyk", "Shashlyk" },       /* none known: firsts */
		{ "Wolga", "Volga", "Volga" },                  /* the first is known */
	};
	tmk_translit *a, *b;
	tmk_buf out = TMK_BUF_INIT;
	unsigned f;

	ck_assert_int_eq(tmk_translit_parse(&a, "plain", base, strlen(base)), 0);
	ck_assert_int_eq(tmk_translit_parse(&b, "known", with, strlen(with)), 0);
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		tmk_buf_clear(&out);
		ck_assert_int_eq(tmk_translit_apply(a, &out, cases[i].in, strlen(cases[i].in), &f), 0);
		ck_assert_str_eq(out.ptr, cases[i].plain);
		ck_assert(!(f & TMK_TRANSLIT_KNOWN));
		tmk_buf_clear(&out);
		ck_assert_int_eq(tmk_translit_apply(b, &out, cases[i].in, strlen(cases[i].in), &f), 0);
		ck_assert_str_eq(out.ptr, cases[i].known);
		ck_assert_int_eq(!!(f & TMK_TRANSLIT_KNOWN), strcmp(cases[i].plain, cases[i].known) != 0);
	}
	tmk_buf_release(&out);
	tmk_translit_free(a);
	tmk_translit_free(b);
}
END_TEST

/* Longest FROM first, then the earlier line; contexts read the input. */
START_TEST(priority)
{
	static const char rules[] =
		"a > p\n"
		"ab > q\n"
		"abc > r / _x\n"
		"b > s\n"
		"b > t\n"
		"c > u / b_\n";
	tmk_translit *t;
	tmk_buf out = TMK_BUF_INIT;

	ck_assert_int_eq(tmk_translit_parse(&t, "p", rules, strlen(rules)), 0);
	ck_assert_int_eq(tmk_translit_apply(t, &out, "abcx", 4, NULL), 0);
	ck_assert_str_eq(out.ptr, "rx");
	tmk_buf_clear(&out);
	ck_assert_int_eq(tmk_translit_apply(t, &out, "abc", 3, NULL), 0);
	ck_assert_str_eq(out.ptr, "qu");          /* c's context: the b of "ab", read in the input */
	tmk_buf_clear(&out);
	ck_assert_int_eq(tmk_translit_apply(t, &out, "bc", 2, NULL), 0);
	ck_assert_str_eq(out.ptr, "su");          /* b > s, the earlier line */
	tmk_buf_release(&out);
	tmk_translit_free(t);
}
END_TEST

/* ------------------------------------------------------------------ */
/* skeletons                                                          */

static const char *const khalimov[] = { "Chalimov", "Khalimow", "Halimov", "Chalimow", "Khalimov",
					"KHALIMOV", "Xalimov" };

START_TEST(khalimov_forms)
{
	double s;

	for (size_t i = 0; i < sizeof(khalimov) / sizeof(khalimov[0]); i++)
		for (size_t j = 0; j < sizeof(khalimov) / sizeof(khalimov[0]); j++) {
			if (!strcmp(khalimov[i], "Xalimov") || !strcmp(khalimov[j], "Xalimov"))
				continue;       /* x is ks: not one of the forms */
			ck_assert_msg(tmk_name_match(khalimov[i], strlen(khalimov[i]), khalimov[j],
						     strlen(khalimov[j]), &s) == 1,
				      "%s ~ %s", khalimov[i], khalimov[j]);
			ck_assert(s > 0.9);
		}
	ck_assert_int_eq(tmk_name_match("Xalimov", 7, "Khalimov", 8, &s), 0);
}
END_TEST

static const struct {
	const char *a, *b;
	int match;
} skel_cases[] = {
	{ "Khalilov", "Khalimov", 0 },          /* another surname: l for m */
	{ "Khalilov", "Chalimow", 0 },
	{ "Gorbatschow", "Gorbachev", 1 },
	{ "Tschechow", "Chekhov", 1 },
	{ "Jelzin", "Yeltsin", 1 },
	{ "Dschalalabad", "Jalal-Abad", 1 },
	{ "Chruschtschow", "Khrushchev", 1 },
	{ "Dostojewski", "Dostoevsky", 1 },
	{ "Dostojewski", "Dostoyevskiy", 1 },
	{ "Muhammad", "Mohammed", 1 },          /* two vowels: cheap edits */
	{ "Täbris", "Tabriz", 1 },
	{ "Aşgabat", "Aschgabat", 1 },          /* ş is sh */
	{ "Chruščëv", "Chruschtschow", 1 },     /* ISO 9 */
	{ "Žukov", "Schukow", 1 },
	{ "al-Bagdadi", "al-Baghdadi", 1 },
	{ "as-Sawahiri", "al-Zawahiri", 1 },    /* the article in any form */
	{ "Yuriy", "Juri", 1 },
	{ "Kyjiw", "Kyiv", 1 },
	{ "Rachmaninow", "Rachmaninoff", 1 },
	{ "Kasachstan", "Kazakhstan", 1 },
	{ "Khalimov", "Khalimova", 1 },         /* the same surname, feminine */
	{ "Petrow", "Pavlov", 0 },
	{ "Ivanov", "Ivashov", 0 },
	{ "Osch", "Osh", 1 },
	{ "Osh", "Ob", 0 },                     /* short names must be the same */
	{ "Kabul", "Kabir", 0 },
	{ "Herat", "Heart", 0 },
	{ "Akilow", "Akilov", 1 },
	{ "Akilow", "Aliev", 0 },
	{ "", "", 0 },                          /* no letters: no match */
	{ "- -", "Osh", 0 },
};

START_TEST(skeleton_matches)
{
	double s = -1;
	int got = tmk_name_match(skel_cases[_i].a, strlen(skel_cases[_i].a), skel_cases[_i].b,
				 strlen(skel_cases[_i].b), &s);

	ck_assert_msg(got == skel_cases[_i].match, "%s ~ %s: %d", skel_cases[_i].a, skel_cases[_i].b, got);
	if (got)
		ck_assert(s > 0.5 && s <= 1.0);
	else
		ck_assert(s == 0.0);
}
END_TEST

START_TEST(skeleton_keys)
{
	tmk_name_skel k;

	ck_assert_int_eq(tmk_name_skeleton(&k, "Chalimow", 8), 0);
	ck_assert_uint_eq(k.n, 2);                /* ch read two ways */
	ck_assert_str_eq(k.key[0], "halimov");
	ck_assert_str_eq(k.key[1], "Calimov");
	ck_assert_int_eq(tmk_name_skeleton(&k, "Khalimov", 8), 0);
	ck_assert_uint_eq(k.n, 1);
	ck_assert_str_eq(k.key[0], "halimov");
	ck_assert_int_eq(tmk_name_skeleton(&k, "Schtschukin", 11), 0);
	ck_assert_str_eq(k.key[0], "SCukin");
	ck_assert_int_eq(tmk_name_skeleton(&k, "Gorno-Badakhshan", 16), 0);
	ck_assert_str_eq(k.key[0], "gornobadahSan");
	ck_assert_int_eq(tmk_name_skeleton(&k, "Ab\xff", 3), TMK_EINVAL);
	/* a very long name is cut, not overflowed */
	{
		char longname[1000];
		memset(longname, 'a', sizeof(longname));
		for (size_t i = 1; i < sizeof(longname); i += 2)
			longname[i] = 'b';
		ck_assert_int_eq(tmk_name_skeleton(&k, longname, sizeof(longname)), 0);
		ck_assert_uint_eq(k.len[0], TMK_NAME_KEY_MAX);
		ck_assert_int_eq(tmk_name_match(longname, sizeof(longname), longname, sizeof(longname), NULL), 1);
	}
}
END_TEST

START_TEST(skeleton_distance)
{
	ck_assert_int_eq(tmk_skel_distance("muhamad", 7, "mohamed", 7, 4), 2);
	ck_assert_int_eq(tmk_skel_distance("halilov", 7, "halimov", 7, 4), 5);  /* over: max + 1 */
	ck_assert_int_eq(tmk_skel_distance("halimov", 7, "halimov", 7, 0), 0);
	ck_assert_int_eq(tmk_skel_distance("", 0, "a", 1, 3), 1);
	ck_assert_int_eq(tmk_skel_distance("", 0, "b", 1, 3), 4);
	ck_assert_int_eq(tmk_skel_budget(3, 10), 0);
	ck_assert_int_eq(tmk_skel_budget(6, 7), 2);
	ck_assert_int_eq(tmk_skel_budget(40, 40), 4);
}
END_TEST

/* ------------------------------------------------------------------ */
/* the test sets                                                      */

struct pair {
	char *de, *en;
};

/* The sets and their floors: the figures the rules reach, in tenths of
 * a percent, a little below (tools/eval-translit --misses shows which
 * names a change loses).  Issue 14 asks for de->en exactly right >= 80 %
 * and within one edit >= 95 %.
 *
 * translit.tsv is the set the rules were written against: 251 and 286 of
 * 299 (83.9 %, 95.7 %; 230 and 278 with the first rules of 70f589f).
 * translit-heldout.tsv was written before the second round of rules and
 * measured blind (160 -> 164 and 244 -> 247 of 265), then read and used
 * with the glossary's name pairs for the third round: 176 and 249 (66.4 %,
 * 94.0 %).  translit-heldout2.tsv was written before the third round and
 * is the blind one: 102 and 143 of 164 with the first rules, 110 and 145
 * after the second round, 110 and 146 (67.1 %, 89.0 %) after the third.
 * translit-heldout3.tsv was written before the fourth round (which tunes
 * on both earlier held-out sets) and is the blind one now: 161 and 217 of
 * 260 (61.9 %, 83.5 %) with the third round's rules, 163 and 220 (62.7 %,
 * 84.6 %) after the fourth.  The fourth round: translit.tsv 252 and 285
 * (84.3 %, 95.3 %), translit-heldout.tsv 178 and 252 (67.2 %, 95.1 %),
 * translit-heldout2.tsv 114 and 148 (69.5 %, 90.2 %).
 * translit-heldout4.tsv (484 pairs, written by someone who never read the
 * rules) was written before the fifth round and is the blind one now: 309
 * and 421 (63.8 %, 87.0 %) with the fourth round's rules, 313 and 421
 * (64.7 %, 87.0 %) after the fifth, which tuned on translit-heldout3.tsv:
 * 172 and 224 of 260 (66.2 %, 86.2 %).
 * The held-out figures are clearly lower: their English spellings follow
 * Wikipedia's mixed usage (Nikolay and Nikolai, Andrey and Andrei, Elena
 * and Yelena), and they have more of the sounds German writes alike (s
 * for с and з, sch for ш and ж) in names no word list knows.  Most misses
 * are one letter off. */
static struct set {
	const char *file;
	unsigned de_exact, de_one, en_exact, en_one, skel;    /* floors: per mille, percent */
	struct pair *p;
	size_t n;
} sets[] = {
	{ "/names/translit.tsv", 840, 950, 780, 915, 98, NULL, 0 },
	{ "/names/translit-heldout.tsv", 670, 950, 780, 930, 96, NULL, 0 },
	{ "/names/translit-heldout2.tsv", 695, 900, 730, 885, 98, NULL, 0 },
	{ "/names/translit-heldout3.tsv", 660, 860, 690, 850, 98, NULL, 0 },
	{ "/names/translit-heldout4.tsv", 645, 865, 630, 815, 96, NULL, 0 },
};

/* Levenshtein over code points. */
static size_t cp_distance(const char *a, const char *b)
{
	int32_t x[200], y[200];
	size_t na = 0, nb = 0, i = 0, la = strlen(a), lb = strlen(b), row[201], prev[201];

	while (i < la && na < 200)
		x[na++] = tmk_utf8_next(a, la, &i);
	i = 0;
	while (i < lb && nb < 200)
		y[nb++] = tmk_utf8_next(b, lb, &i);
	for (size_t j = 0; j <= nb; j++)
		prev[j] = j;
	for (i = 1; i <= na; i++) {
		row[0] = i;
		for (size_t j = 1; j <= nb; j++) {
			size_t v = prev[j - 1] + (x[i - 1] != y[j - 1]);
			if (prev[j] + 1 < v)
				v = prev[j] + 1;
			if (row[j - 1] + 1 < v)
				v = row[j - 1] + 1;
			row[j] = v;
		}
		memcpy(prev, row, sizeof(row));
	}
	return prev[nb];
}

/* Read the pairs of every set once (first two columns; # comments). */
static void load_pairs(void)
{
	for (size_t k = 0; k < sizeof(sets) / sizeof(sets[0]); k++) {
		struct set *st = &sets[k];
		char path[256], *data, *line, *save;
		size_t len;

		snprintf(path, sizeof(path), "%s%s", TMK_TEST_DATA, st->file);
		data = test_read_file(path, &len);
		st->p = calloc(1000, sizeof(*st->p));
		for (line = strtok_r(data, "\n", &save); line && st->n < 1000;
		     line = strtok_r(NULL, "\n", &save)) {
			char *tab, *end;
			if (line[0] == '#' || !(tab = strchr(line, '\t')))
				continue;
			*tab = '\0';
			if ((end = strchr(tab + 1, '\t')))
				*end = '\0';
			st->p[st->n].de = strdup(line);
			st->p[st->n].en = strdup(tab + 1);
			st->n++;
		}
		free(data);
	}
}

/* Proposals for every pair of ST in DIR: how many exactly right, within
 * one edit. */
static void score(const struct set *st, tmk_translit_dir dir, size_t *exact, size_t *one)
{
	const tmk_translit *t;
	tmk_buf out = TMK_BUF_INIT;

	*exact = *one = 0;
	ck_assert_int_eq(tmk_translit_shared(&t, dir), 0);
	for (size_t i = 0; i < st->n; i++) {
		const char *src = dir == TMK_TRANSLIT_DE_EN ? st->p[i].de : st->p[i].en;
		const char *want = dir == TMK_TRANSLIT_DE_EN ? st->p[i].en : st->p[i].de;
		size_t d;

		tmk_buf_clear(&out);
		ck_assert_int_eq(tmk_translit_apply(t, &out, src, strlen(src), NULL), 0);
		d = cp_distance(out.ptr, want);
		*exact += d == 0;
		*one += d <= 1;
	}
	tmk_buf_release(&out);
}

/* Each set: at least 150 pairs, no word an exception (the figures measure
 * rules), and the held-out set shares no pair with the other. */
START_TEST(test_set_size)
{
	const struct set *st = &sets[_i];
	const tmk_translit *de, *en;

	ck_assert_uint_ge(st->n, 150);
	ck_assert_int_eq(tmk_translit_shared(&de, TMK_TRANSLIT_DE_EN), 0);
	ck_assert_int_eq(tmk_translit_shared(&en, TMK_TRANSLIT_EN_DE), 0);
	for (size_t i = 0; i < st->n; i++) {
		const char *sides[2] = { st->p[i].de, st->p[i].en };
		for (int s = 0; s < 2; s++) {
			const char *p = sides[s];
			while (*p) {
				size_t n = strcspn(p, " -");
				ck_assert_msg(!tmk_translit_is_exception(s ? en : de, p, n),
					      "'%.*s' of '%s' is an exception", (int)n, p, sides[s]);
				p += n;
				p += strspn(p, " -");
			}
		}
		for (size_t k = 0; k < (size_t)_i; k++)
			for (size_t j = 0; j < sets[k].n; j++)
				ck_assert_msg(strcmp(st->p[i].de, sets[k].p[j].de) != 0 &&
					      strcmp(st->p[i].en, sets[k].p[j].en) != 0,
					      "'%s' is in %s too", st->p[i].de, sets[k].file);
	}
}
END_TEST

START_TEST(test_set_de_en)
{
	const struct set *st = &sets[_i];
	size_t exact, one;

	score(st, TMK_TRANSLIT_DE_EN, &exact, &one);
	ck_assert_msg(exact * 1000 >= st->n * st->de_exact, "%s: de->en exactly right %zu of %zu",
		      st->file, exact, st->n);
	ck_assert_msg(one * 1000 >= st->n * st->de_one, "%s: de->en within one edit %zu of %zu",
		      st->file, one, st->n);
}
END_TEST

/* en->de: 235 and 275 of 299 (78.6 %, 92.0 %), 207 and 247 of 265 (78.1 %,
 * 93.2 %); unchanged by the de->en work. */
START_TEST(test_set_en_de)
{
	const struct set *st = &sets[_i];
	size_t exact, one;

	score(st, TMK_TRANSLIT_EN_DE, &exact, &one);
	ck_assert_msg(exact * 1000 >= st->n * st->en_exact, "%s: en->de exactly right %zu of %zu",
		      st->file, exact, st->n);
	ck_assert_msg(one * 1000 >= st->n * st->en_one, "%s: en->de within one edit %zu of %zu",
		      st->file, one, st->n);
}
END_TEST

/* Every pair's two spellings should match by skeleton (295 of 299 do:
 * Mordwinien/Mordovia, Maschadow/Maskhadov, Dschidda/Jeddah and
 * Pljuschtschenko/Plushenko are other words; 257 of 265 held out), and no
 * German spelling may match another pair's English one. */
START_TEST(test_set_skeleton)
{
	const struct set *st = &sets[_i];
	tmk_name_skel *de = calloc(st->n, sizeof(*de)), *en = calloc(st->n, sizeof(*en));
	size_t hit = 0, falsehits = 0;

	ck_assert(de && en);
	for (size_t i = 0; i < st->n; i++) {
		ck_assert_int_eq(tmk_name_skeleton(&de[i], st->p[i].de, strlen(st->p[i].de)), 0);
		ck_assert_int_eq(tmk_name_skeleton(&en[i], st->p[i].en, strlen(st->p[i].en)), 0);
	}
	for (size_t i = 0; i < st->n; i++)
		for (size_t j = 0; j < st->n; j++) {
			int m = tmk_name_skel_match(&de[i], &en[j], NULL);
			if (i == j)
				hit += m == 1;
			else if (m == 1 && strcmp(st->p[i].en, st->p[j].en) != 0)
				falsehits++;
		}
	ck_assert_msg(hit * 100 >= st->n * st->skel, "%s skeleton: %zu of %zu pairs match", st->file,
		      hit, st->n);
	ck_assert_msg(falsehits == 0, "%s skeleton: %zu false matches", st->file, falsehits);
	free(de);
	free(en);
}
END_TEST

static Suite *translit_suite(void)
{
	Suite *s = suite_create("translit");
	TCase *tc = tcase_create("core");

	load_pairs();
	tcase_add_loop_test(tc, shipped_de_en, 0, sizeof(de_en) / sizeof(de_en[0]));
	tcase_add_loop_test(tc, shipped_en_de, 0, sizeof(en_de) / sizeof(en_de[0]));
	tcase_add_test(tc, flags);
	tcase_add_test(tc, bad_input);
	tcase_add_test(tc, shared_once);
	tcase_add_test(tc, alternatives);
	tcase_add_loop_test(tc, custom, 0, sizeof(custom_cases) / sizeof(custom_cases[0]));
	tcase_add_loop_test(tc, bad_rule_files, 0, sizeof(bad_rules) / sizeof(bad_rules[0]));
	tcase_add_test(tc, priority);
	tcase_add_test(tc, known_evidence);
	tcase_add_test(tc, khalimov_forms);
	tcase_add_loop_test(tc, skeleton_matches, 0, sizeof(skel_cases) / sizeof(skel_cases[0]));
	tcase_add_test(tc, skeleton_keys);
	tcase_add_test(tc, skeleton_distance);
	tcase_add_loop_test(tc, test_set_size, 0, sizeof(sets) / sizeof(sets[0]));
	tcase_add_loop_test(tc, test_set_de_en, 0, sizeof(sets) / sizeof(sets[0]));
	tcase_add_loop_test(tc, test_set_en_de, 0, sizeof(sets) / sizeof(sets[0]));
	tcase_add_loop_test(tc, test_set_skeleton, 0, sizeof(sets) / sizeof(sets[0]));
	suite_add_tcase(s, tc);
	return s;
}

TEST_MAIN(translit_suite)
