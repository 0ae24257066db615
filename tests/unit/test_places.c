/* test_places.c - place names (names/places.c, issue 14): German and
 * English names of countries, regions, provinces and cities from ICU's
 * CLDR data and Debian's iso-codes (which tools/setup installs): exact,
 * folded, inflected (German genitive, English 's) and spelt the other
 * way (Badachschan); is_name for spell and check; the index without
 * iso-codes, with a German catalog missing, with damaged catalogs and
 * JSON files (a clear error naming the file, never a crash), on small
 * iso-codes trees the test writes itself; and the compiled cache (read
 * when it fits, rebuilt when stale or damaged). */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "error.h"
#include "names/places.h"
#include "tests.h"

/* The system's index, built once in the parent (no cache file). */
static tmk_places *sys;

static void sys_open(void)
{
	tmk_places_opts o = { .cache = "" };

	if (tmk_places_open(&sys, &o) < 0) {
		fprintf(stderr, "test_places: %s\n", tmk_error_last());
		exit(EXIT_FAILURE);
	}
}

static void sys_close(void)
{
	tmk_places_free(sys);
	sys = NULL;
}

/* ---- lookups on the system's data ----------------------------------------- */

static const struct {
	const char *query, *lang;
	const char *de, *en, *code, *kind, *how, *matched;
} lookups[] = {
	/* issue 14's pairs, both ways */
	{ "Chatlon", "de", "Chatlon", "Khatlon", "TJ-KT", "region", "exact", "Chatlon" },
	{ "Khatlon", "en", "Chatlon", "Khatlon", "TJ-KT", "region", "exact", "Khatlon" },
	{ "Kundus", NULL, "Kundus", "Kunduz", "AF-KDZ", "province", "exact", "Kundus" },
	{ "Kunduz", "en", "Kundus", "Kunduz", "AF-KDZ", "province", "exact", "Kunduz" },
	/* the English spelling asked as German: no German name is spelt so,
	 * the skeleton finds it */
	{ "Kunduz", "de", "Kundus", "Kunduz", "AF-KDZ", "province", "variant", "Kundus" },
	/* Duden's Badachschan is not ISO's German (Badakschān): its skeleton
	 * is the English name's */
	{ "Badachschan", "de", "Badakschān", "Badakhshān", "AF-BDS", "province", "variant",
	  "Badakhshān" },
	{ "Badakhshan", "en", "Badakschān", "Badakhshān", "AF-BDS", "province", "exact",
	  "Badakhshān" },
	{ "Deutschland", "de", "Deutschland", "Germany", "DE", "country", "exact", "Deutschland" },
	{ "Germany", "en", "Deutschland", "Germany", "DE", "country", "exact", "Germany" },
	/* inflected */
	{ "Afghanistans", "de", "Afghanistan", "Afghanistan", "AF", "country", "inflected",
	  "Afghanistan" },
	{ "des Irans", "de", "Iran", "Iran", "IR", "country", "inflected", "Iran" },
	{ "Kasachstans", NULL, "Kasachstan", "Kazakhstan", "KZ", "country", "inflected",
	  "Kasachstan" },
	{ "Afghanistan's", "en", "Afghanistan", "Afghanistan", "AF", "country", "inflected",
	  "Afghanistan" },
	{ "der Schweiz", "de", "Schweiz", "Switzerland", "CH", "country", "exact", "Schweiz" },
	/* folded: case, umlauts as ae/ue, ß, hyphens, apostrophes, diacritics */
	{ "DEUTSCHLAND", NULL, "Deutschland", "Germany", "DE", "country", "exact", "Deutschland" },
	{ "baden-wuerttemberg", "de", "Baden-Württemberg", "Baden-Württemberg", "DE-BW", "land",
	  "exact", "Baden-Württemberg" },
	{ "Nordrhein Westfalen", "de", "Nordrhein-Westfalen", "Nordrhein-Westfalen", "DE-NW",
	  "land", "exact", "Nordrhein-Westfalen" },
	{ "Elfenbeinkueste", "de", "Côte d’Ivoire", "Côte d’Ivoire", "CI", "country", "exact",
	  "Elfenbeinküste" },
	{ "Cote d'Ivoire", "en", "Côte d’Ivoire", "Côte d’Ivoire", "CI", "country", "exact",
	  "Côte d’Ivoire" },
	{ "Nangarhar", NULL, "Nangarhār", "Nangarhār", "AF-NAN", "province", "exact", "Nangarhār" },
	/* alternative names: ISO's official name, CLDR's short one */
	{ "Islamische Republik Afghanistan", "de", "Afghanistan", "Afghanistan", "AF", "country",
	  "exact", "Islamische Republik Afghanistan" },
	{ "USA", "de", "Vereinigte Staaten", "United States", "US", "country", "exact", "USA" },
	/* parts: without administrative words, before a comma */
	{ "Tschetschenien", "de", "Republik Tschetschenien", "Chechenskaya Respublika", "RU-CE",
	  "republic", "part", "Republik Tschetschenien" },
	{ "Dagestan", "en", "Republik Dagestan", "Dagestan, Respublika", "RU-DA", "republic",
	  "part", "Dagestan, Respublika" },
	{ "Korea", "de", "Nordkorea", "North Korea", "KP", "country", "part",
	  "Korea, Demokratische Volksrepublik" },
	/* regions and cities of CLDR */
	{ "Zentralasien", "de", "Zentralasien", "Central Asia", "143", "subcontinent", "exact",
	  "Zentralasien" },
	{ "Kiew", "de", "Kiew", "Kyiv", "", "city", "exact", "Kiew" },
	{ "Duschanbe", "de", "Duschanbe", "Dushanbe", "", "city", "exact", "Duschanbe" },
};

START_TEST(lookup)
{
	tmk_place_hit *h;
	size_t n;
	const char *q = lookups[_i].query;

	ck_assert_int_eq(tmk_places_lookup(sys, &h, &n, lookups[_i].lang, q, strlen(q)), 0);
	ck_assert_msg(n >= 1, "%s: no hit", q);
	ck_assert_str_eq(h[0].de, lookups[_i].de);
	ck_assert_str_eq(h[0].en, lookups[_i].en);
	ck_assert_str_eq(h[0].code, lookups[_i].code);
	ck_assert_str_eq(h[0].kind, lookups[_i].kind);
	ck_assert_str_eq(tmk_place_how_name(h[0].how), lookups[_i].how);
	ck_assert_str_eq(h[0].matched, lookups[_i].matched);
	tmk_place_hits_free(h);
}
END_TEST

START_TEST(origins_and_order)
{
	tmk_place_hit *h;
	size_t n;

	/* a province's pair comes from ISO 3166-2, with the package's version */
	ck_assert_int_eq(tmk_places_lookup(sys, &h, &n, NULL, "Chatlon", 7), 0);
	ck_assert_uint_eq(n, 1);
	ck_assert_ptr_nonnull(strstr(h[0].origin, "ISO 3166-2 via iso-codes"));
	ck_assert_str_eq(h[0].parent, "TJ");
	ck_assert_str_eq(h[0].matched_lang, "de");
	tmk_place_hits_free(h);
	/* a country's preferred pair is CLDR's; the name found may be ISO's */
	ck_assert_int_eq(tmk_places_lookup(sys, &h, &n, "de", "Islamische Republik Iran", 24), 0);
	ck_assert_uint_eq(n, 1);
	ck_assert_ptr_nonnull(strstr(h[0].origin, "CLDR"));
	ck_assert_ptr_nonnull(strstr(h[0].origin, "via ICU"));
	ck_assert_ptr_nonnull(strstr(h[0].matched_origin, "ISO 3166-1 via iso-codes"));
	tmk_place_hits_free(h);
	/* Kabul: the city (CLDR) before the province (ISO Kābul) */
	ck_assert_int_eq(tmk_places_lookup(sys, &h, &n, NULL, "Kabul", 5), 0);
	ck_assert_uint_ge(n, 2);
	ck_assert_str_eq(h[0].kind, "city");
	ck_assert_str_eq(h[0].parent, "AF");
	ck_assert_ptr_nonnull(strstr(h[0].origin, "exemplar cities"));
	ck_assert_str_eq(h[1].code, "AF-KAB");
	tmk_place_hits_free(h);
	/* a subdivision's subdivision names its parent subdivision */
	ck_assert_int_eq(tmk_places_lookup(sys, &h, &n, "en", "Babək", strlen("Babək")), 0);
	ck_assert_uint_eq(n, 1);
	ck_assert_str_eq(h[0].code, "AZ-BAB");
	ck_assert_str_eq(h[0].parent, "AZ-NX");
	tmk_place_hits_free(h);
	/* where ISO gives the parent's whole code */
	ck_assert_int_eq(tmk_places_lookup(sys, &h, &n, "en", "Bristol, City of", 16), 0);
	ck_assert_uint_eq(n, 1);
	ck_assert_str_eq(h[0].code, "GB-BST");
	ck_assert_str_eq(h[0].parent, "GB-ENG");
	tmk_place_hits_free(h);
}
END_TEST

START_TEST(not_places)
{
	static const char *const words[] = { "Anschlag", "Verfassungsschutz", "Westbalkan",
					     "der", "s", "", "   ", "—" };
	tmk_place_hit *h;
	size_t n;

	for (size_t k = 0; k < sizeof(words) / sizeof(words[0]); k++) {
		ck_assert_int_eq(tmk_places_lookup(sys, &h, &n, NULL, words[k], strlen(words[k])), 0);
		ck_assert_msg(n == 0, "%s: %zu hits", words[k], n);
		ck_assert_ptr_null(h);
	}
	ck_assert_int_eq(tmk_places_lookup(sys, &h, &n, "fr", "Paris", 5), TMK_EINVAL);
	ck_assert_int_eq(tmk_places_lookup(sys, &h, &n, NULL, "Kund\xffus", 7), TMK_EINVAL);
	ck_assert_ptr_null(h);
}
END_TEST

/* 1: a name, 2: a word of a longer name, 0: neither */
static const struct {
	const char *word, *lang;
	int want;
} names[] = {
	{ "Kundus", "de", 1 }, { "Kunduz", "en", 1 }, { "Kunduz", "de", 0 },
	{ "Afghanistans", "de", 1 }, { "Afghanistans", "en", 0 }, { "Deutschlands", NULL, 1 },
	{ "Kabul", "de", 1 }, { "kabul", "de", 0 }, { "KABUL", "de", 1 },
	{ "Sankt Gallen", "de", 1 }, { "Gallen", "de", 2 }, { "Tschetschenien", "de", 1 },
	{ "al", "en", 2 },              /* of Ra’s al Khaymah, written so */
	{ "Al", "en", 2 },
	{ "Chaima", "de", 2 },          /* Ra’s al-Chaima */
	{ "Stadt", "de", 2 },           /* a common noun, but a word of ISO names */
	{ "Anschlag", NULL, 0 }, { "Verfassungsschutz", "de", 0 }, { "A", NULL, 0 },
	{ "", NULL, 0 }, { "Kiew", "de", 1 }, { "Kiew", "en", 0 }, { "Badakhshon", "en", 2 },
	{ "Kiew", "fr", 0 }, { "Kund\xffus", NULL, 0 },
};

START_TEST(is_name)
{
	const char *w = names[_i].word;

	ck_assert_msg(tmk_places_is_name(sys, names[_i].lang, w, strlen(w)) == names[_i].want,
		      "%s (%s): expected %d", w, names[_i].lang ? names[_i].lang : "any", names[_i].want);
}
END_TEST

START_TEST(stats)
{
	tmk_places_stats st;

	tmk_places_get_stats(sys, &st);
	ck_assert(tmk_places_has_iso(sys));
	ck_assert_ptr_null(tmk_places_note(sys));
	ck_assert_uint_ge(st.cldr_territories, 250);
	ck_assert_uint_ge(st.cldr_regions, 30);
	ck_assert_uint_ge(st.cldr_cities, 400);
	ck_assert_uint_ge(st.iso_countries, 249);
	ck_assert_uint_ge(st.iso_subdivisions, 5000);
	ck_assert_uint_ge(st.iso_subdivisions_german, 400);
	ck_assert_uint_ge(st.places, 5000);
	tmk_places_free(NULL);
}
END_TEST

/* ---- small iso-codes trees ------------------------------------------------ */

static char root[64];

static void write_file(const char *rel, const char *data, size_t len)
{
	char path[512];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", root, rel);
	for (char *s = strchr(path + strlen(root) + 1, '/'); s; s = strchr(s + 1, '/')) {
		*s = '\0';
		mkdir(path, 0755);
		*s = '/';
	}
	ck_assert_ptr_nonnull(f = fopen(path, "wb"));
	ck_assert_uint_eq(fwrite(data, 1, len, f), len);
	fclose(f);
}

static void put32(unsigned char *p, uint32_t v)
{
	p[0] = (unsigned char)v, p[1] = (unsigned char)(v >> 8);
	p[2] = (unsigned char)(v >> 16), p[3] = (unsigned char)(v >> 24);
}

/* A gettext MO catalog of the N pairs ID[k] -> STR[k] (a header first). */
static void write_mo(const char *rel, const char *const *id, const char *const *str, size_t n)
{
	unsigned char buf[4096] = { 0 };
	size_t count = n + 1, otab = 28, ttab = otab + 8 * count, at = ttab + 8 * count;

	put32(buf, 0x950412de);
	put32(buf + 8, (uint32_t)count);
	put32(buf + 12, (uint32_t)otab);
	put32(buf + 16, (uint32_t)ttab);
	for (size_t k = 0; k < count; k++)
		for (int side = 0; side < 2; side++) {
			const char *s = k == 0 ? (side ? "Language: de\n" : "") :
					side ? str[k - 1] : id[k - 1];
			size_t len = strlen(s);
			ck_assert_uint_lt(at + len + 1, sizeof(buf));
			put32(buf + (side ? ttab : otab) + 8 * k, (uint32_t)len);
			put32(buf + (side ? ttab : otab) + 8 * k + 4, (uint32_t)at);
			memcpy(buf + at, s, len + 1);
			at += len + 1;
		}
	write_file(rel, (const char *)buf, at);
}

static const char iso1_json[] =
	"{\n  \"3166-1\": [\n    {\n      \"alpha_2\": \"TJ\",\n      \"alpha_3\": \"TJK\",\n"
	"      \"name\": \"Tajikistan\",\n      \"numeric\": \"762\",\n"
	"      \"official_name\": \"Republic of Tajikistan\"\n    }\n  ]\n}\n";
static const char iso2_json[] =
	"{\n  \"3166-2\": [\n"
	"    {\"code\": \"TJ-KT\", \"name\": \"Khatlon\", \"type\": \"Region\"},\n"
	"    {\"code\": \"TJ-GB\", \"name\": \"K\\u016dhistoni Badakhshon\", \"type\": \"Autonomous region\"},\n"
	"    {\"code\": \"TJ-XX\", \"name\": \"Testobod\", \"parent\": \"KT\", \"type\": \"District\", \"n\": 12}\n"
	"  ]\n}\n";
static const char *const mo1_id[] = { "Republic of Tajikistan", "Tajikistan" };
static const char *const mo1_str[] = { "Republik Tadschikistan", "Tadschikistan" };
static const char *const mo2_id[] = { "Khatlon", "Testobod" };
static const char *const mo2_str[] = { "Chatlon", "Testobod" };
static const char *const mo2b_id[] = { "Khatlon", "Kunduz", "Testobod" };
static const char *const mo2b_str[] = { "Chatlon", "Kundus", "Testobod" };

static void make_root(void)
{
	snprintf(root, sizeof(root), "/tmp/test_places.XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(root));
}

/* The whole small tree: JSON, catalogs, a pkg-config file. */
static void make_tree(void)
{
	make_root();
	write_file("iso-codes/json/iso_3166-1.json", iso1_json, sizeof(iso1_json) - 1);
	write_file("iso-codes/json/iso_3166-2.json", iso2_json, sizeof(iso2_json) - 1);
	write_mo("locale/de/LC_MESSAGES/iso_3166-1.mo", mo1_id, mo1_str, 2);
	write_mo("locale/de/LC_MESSAGES/iso_3166-2.mo", mo2_id, mo2_str, 2);
	write_file("pkgconfig/iso-codes.pc", "Name: iso-codes\nVersion: 9.9.9\n", 31);
}

static void remove_tree(void)
{
	char cmd[128];

	if (!root[0])
		return;
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", root);
	ck_assert_int_eq(system(cmd), 0);
	root[0] = '\0';
}

/* The first hit of Q in P as "de = en code kind how", or "-". */
static void first(char *out, size_t cap, tmk_places *p, const char *lang, const char *q)
{
	tmk_place_hit *h;
	size_t n;

	ck_assert_int_eq(tmk_places_lookup(p, &h, &n, lang, q, strlen(q)), 0);
	if (n)
		snprintf(out, cap, "%s = %s %s %s %s", h[0].de, h[0].en, h[0].code, h[0].kind,
			 tmk_place_how_name(h[0].how));
	else
		snprintf(out, cap, "-");
	tmk_place_hits_free(h);
}

START_TEST(small_tree)
{
	tmk_places_opts o = { .cache = "" };
	tmk_places *p;
	tmk_place_hit *h;
	tmk_places_stats st;
	char got[256];
	size_t n;

	make_tree();
	o.data_root = root;
	ck_assert_int_eq(tmk_places_open(&p, &o), 0);
	ck_assert(tmk_places_has_iso(p));
	ck_assert_ptr_null(tmk_places_note(p));
	tmk_places_get_stats(p, &st);
	ck_assert_uint_eq(st.iso_countries, 2);
	ck_assert_uint_eq(st.iso_subdivisions, 3);
	ck_assert_uint_eq(st.iso_subdivisions_german, 1);
	first(got, sizeof(got), p, "de", "Chatlon");
	ck_assert_str_eq(got, "Chatlon = Khatlon TJ-KT region exact");
	/* from a \u escape; not in the catalog, so German as it is (gettext) */
	first(got, sizeof(got), p, "en", "Kuhistoni Badakhshon");
	ck_assert_str_eq(got, "Kŭhistoni Badakhshon = Kŭhistoni Badakhshon TJ-GB autonomous region exact");
	ck_assert_int_eq(tmk_places_lookup(p, &h, &n, NULL, "Testobod", 8), 0);
	ck_assert_uint_eq(n, 1);
	ck_assert_str_eq(h[0].parent, "TJ-KT");
	ck_assert_str_eq(h[0].origin, "ISO 3166-2 via iso-codes 9.9.9");
	tmk_place_hits_free(h);
	ck_assert_int_eq(tmk_places_lookup(p, &h, &n, "de", "Republik Tadschikistan", 22), 0);
	ck_assert_uint_eq(n, 1);
	ck_assert_str_eq(h[0].code, "TJ");
	ck_assert_str_eq(h[0].matched_origin, "ISO 3166-1 via iso-codes 9.9.9");
	tmk_place_hits_free(h);
	/* only this tree's ISO names: Kundus is not in it */
	first(got, sizeof(got), p, NULL, "Kundus");
	ck_assert_str_eq(got, "-");
	tmk_places_free(p);
	remove_tree();
}
END_TEST

START_TEST(without_iso_codes)
{
	tmk_places_opts o = { .cache = "" };
	tmk_places *p;
	tmk_places_stats st;
	char got[256];

	make_root();            /* an empty folder: no iso-codes in it */
	o.data_root = root;
	ck_assert_int_eq(tmk_places_open(&p, &o), 0);
	ck_assert(!tmk_places_has_iso(p));
	ck_assert_ptr_nonnull(tmk_places_note(p));
	ck_assert_ptr_nonnull(strstr(tmk_places_note(p), "iso-codes is not installed"));
	ck_assert_ptr_nonnull(strstr(tmk_places_note(p), root));
	tmk_places_get_stats(p, &st);
	ck_assert_uint_eq(st.iso_countries + st.iso_subdivisions, 0);
	ck_assert_uint_ge(st.cldr_territories, 250);
	/* ICU alone still names countries, regions and cities */
	first(got, sizeof(got), p, "de", "Deutschland");
	ck_assert_str_eq(got, "Deutschland = Germany DE country exact");
	first(got, sizeof(got), p, NULL, "Afghanistans");
	ck_assert_str_eq(got, "Afghanistan = Afghanistan AF country inflected");
	first(got, sizeof(got), p, "de", "Kiew");
	ck_assert_str_eq(got, "Kiew = Kyiv  city exact");
	first(got, sizeof(got), p, NULL, "Chatlon");
	ck_assert_str_eq(got, "-");
	tmk_places_free(p);
	/* no_iso: the same without a note */
	o.no_iso = 1;
	o.data_root = NULL;
	ck_assert_int_eq(tmk_places_open(&p, &o), 0);
	ck_assert(!tmk_places_has_iso(p));
	ck_assert_ptr_null(tmk_places_note(p));
	tmk_places_free(p);
	remove_tree();
}
END_TEST

START_TEST(without_german_catalog)
{
	tmk_places_opts o = { .cache = "" };
	tmk_places *p;
	char got[256];

	make_root();
	write_file("iso-codes/json/iso_3166-1.json", iso1_json, sizeof(iso1_json) - 1);
	write_file("iso-codes/json/iso_3166-2.json", iso2_json, sizeof(iso2_json) - 1);
	o.data_root = root;
	ck_assert_int_eq(tmk_places_open(&p, &o), 0);
	ck_assert(tmk_places_has_iso(p));
	ck_assert_ptr_nonnull(tmk_places_note(p));
	ck_assert_ptr_nonnull(strstr(tmk_places_note(p), "iso_3166-1.mo"));
	first(got, sizeof(got), p, "en", "Khatlon");
	ck_assert_str_eq(got, " = Khatlon TJ-KT region exact");
	/* no German to match exactly: the English name's skeleton is Chatlon's */
	first(got, sizeof(got), p, "de", "Chatlon");
	ck_assert_str_eq(got, " = Khatlon TJ-KT region variant");
	ck_assert(!tmk_places_is_name(p, "de", "Khatlon", 7));
	ck_assert(tmk_places_is_name(p, "en", "Khatlon", 7));
	tmk_places_free(p);
	remove_tree();
}
END_TEST

/* Damaged files: each makes tmk_places_open() fail with TMK_EINPUT and a
 * message naming the file (and what is wrong); none crashes. */
#define DAMAGED(file, data, want) { file, data, sizeof(data) - 1, want }
static const struct {
	const char *file;       /* relative to the root */
	const char *data;
	size_t len;
	const char *want;       /* in the message after the file name */
} damaged[] = {
	DAMAGED("locale/de/LC_MESSAGES/iso_3166-2.mo", "this is not a catalog at all, no",
		"not an MO file (bad magic number)"),
	DAMAGED("locale/de/LC_MESSAGES/iso_3166-1.mo", "\xde\x12\x04\x95",
		"not an MO file (too short)"),
	/* a header whose string tables lie past the end */
	DAMAGED("locale/de/LC_MESSAGES/iso_3166-2.mo",
		"\xde\x12\x04\x95\0\0\0\0\x05\0\0\0\x1c\0\0\0\xff\xff\0\0\0\0\0\0\0\0\0\0",
		"corrupt MO file"),
	DAMAGED("iso-codes/json/iso_3166-2.json", "{\"3166-2\": [\n{\"name\": \"X\", \"type\": \"Y\"}]}",
		".json:2: an entry without \"code\""),
	DAMAGED("iso-codes/json/iso_3166-2.json", "{\"3166-2\": [\n{\"code\": \"TJ-KT\",\n\"name\": [1]}]}",
		".json:3: a nested object or array"),
	DAMAGED("iso-codes/json/iso_3166-2.json", "{\"3166-2\": [\n{\"code\": \"TJ-KT\", \"name\": \"Kh",
		".json:2: a string runs to the end of the file"),
	DAMAGED("iso-codes/json/iso_3166-1.json", "<html>not json</html>",
		".json:1: expected '{' (not an iso-codes JSON file)"),
	DAMAGED("iso-codes/json/iso_3166-2.json",
		"{\"3166-2\": [\n{\"code\": \"TJ-KT\", \"name\": \"\xc3\x28\"}]}",
		".json:2: not UTF-8"),
	DAMAGED("iso-codes/json/iso_3166-2.json", "{\"3166-2\": [\n{\"code\": \"X-\\ud800\"}]}",
		".json:2: a lone surrogate"),
	DAMAGED("iso-codes/json/iso_3166-2.json", "{\"3166-2\": []} trailing",
		".json:1: text after the end of the JSON"),
	DAMAGED("iso-codes/json/iso_3166-2.json", "",
		".json:1: expected '{' (not an iso-codes JSON file)"),
};

START_TEST(damaged_files)
{
	tmk_places_opts o = { .cache = "" };
	tmk_places *p = (tmk_places *)&o;      /* must come back NULL */
	char path[512];
	const char *msg;

	make_tree();
	write_file(damaged[_i].file, damaged[_i].data, damaged[_i].len);
	o.data_root = root;
	ck_assert_int_eq(tmk_places_open(&p, &o), TMK_EINPUT);
	ck_assert_ptr_null(p);
	msg = tmk_error_last();
	snprintf(path, sizeof(path), "%s/%s", root, damaged[_i].file);
	ck_assert_msg(strncmp(msg, path, strlen(path)) == 0, "message '%s' does not name %s", msg, path);
	ck_assert_msg(strstr(msg, damaged[_i].want) != NULL, "message '%s' lacks '%s'", msg,
		      damaged[_i].want);
	remove_tree();
}
END_TEST

/* ---- the compiled cache ------------------------------------------------------ */

static size_t file_size(const char *path)
{
	struct stat sb;

	return stat(path, &sb) == 0 ? (size_t)sb.st_size : 0;
}

/* Replace the first FROM in the file at PATH by TO (as long). */
static void patch_file(const char *path, const char *from, const char *to)
{
	size_t len;
	char *d = test_read_file(path, &len), *at = NULL;
	FILE *f;

	for (size_t i = 0; i + strlen(from) <= len && !at; i++)
		if (!memcmp(d + i, from, strlen(from)))
			at = d + i;
	ck_assert_ptr_nonnull(at);
	memcpy(at, to, strlen(to));
	ck_assert_ptr_nonnull(f = fopen(path, "wb"));
	ck_assert_uint_eq(fwrite(d, 1, len, f), len);
	fclose(f);
	free(d);
}

START_TEST(cache)
{
	tmk_places_opts o = { 0 };
	tmk_places *p;
	char idx[256], got[256];
	size_t size;

	make_tree();
	snprintf(idx, sizeof(idx), "%s/cache/places.idx", root);
	o.data_root = root;
	o.cache = idx;
	ck_assert_int_eq(tmk_places_open(&p, &o), 0);
	tmk_places_free(p);
	ck_assert_uint_gt(size = file_size(idx), 100000);
	/* the next open reads the file: a name changed in it shows */
	patch_file(idx, "Khatlon", "Xhatlon");
	ck_assert_int_eq(tmk_places_open(&p, &o), 0);
	first(got, sizeof(got), p, "de", "Chatlon");
	ck_assert_str_eq(got, "Chatlon = Xhatlon TJ-KT region exact");
	tmk_places_free(p);
	/* a changed source makes it stale: built anew, the file rewritten */
	write_mo("locale/de/LC_MESSAGES/iso_3166-2.mo", mo2b_id, mo2b_str, 3);
	ck_assert_int_eq(tmk_places_open(&p, &o), 0);
	first(got, sizeof(got), p, "de", "Chatlon");
	ck_assert_str_eq(got, "Chatlon = Khatlon TJ-KT region exact");
	tmk_places_free(p);
	/* a cut or scrambled file is not used, and is replaced */
	ck_assert_int_eq(truncate(idx, (off_t)(size / 2)), 0);
	ck_assert_int_eq(tmk_places_open(&p, &o), 0);
	first(got, sizeof(got), p, NULL, "Khatlon");
	ck_assert_str_eq(got, "Chatlon = Khatlon TJ-KT region exact");
	tmk_places_free(p);
	ck_assert_uint_eq(file_size(idx), size);
	{
		size_t len;
		char *d = test_read_file(idx, &len);
		FILE *f;
		for (size_t i = 200; i < len; i += 7)
			d[i] = (char)0xff;      /* offsets and hashes past the header */
		ck_assert_ptr_nonnull(f = fopen(idx, "wb"));
		ck_assert_uint_eq(fwrite(d, 1, len, f), len);
		fclose(f);
		free(d);
	}
	ck_assert_int_eq(tmk_places_open(&p, &o), 0);
	first(got, sizeof(got), p, NULL, "Testobod");
	ck_assert_str_eq(got, "Testobod = Testobod TJ-XX district exact");
	tmk_places_free(p);
	/* a cache that cannot be written is no error */
	o.cache = "/proc/no/such/places.idx";
	ck_assert_int_eq(tmk_places_open(&p, &o), 0);
	tmk_places_free(p);
	remove_tree();
}
END_TEST

static Suite *places_suite(void)
{
	Suite *s = suite_create("places");
	TCase *tc = tcase_create("system");
	TCase *tt = tcase_create("trees");

	tcase_add_unchecked_fixture(tc, sys_open, sys_close);
	tcase_set_timeout(tc, 60);
	tcase_add_loop_test(tc, lookup, 0, sizeof(lookups) / sizeof(lookups[0]));
	tcase_add_test(tc, origins_and_order);
	tcase_add_test(tc, not_places);
	tcase_add_loop_test(tc, is_name, 0, sizeof(names) / sizeof(names[0]));
	tcase_add_test(tc, stats);
	suite_add_tcase(s, tc);
	tcase_set_timeout(tt, 60);
	tcase_add_test(tt, small_tree);
	tcase_add_test(tt, without_iso_codes);
	tcase_add_test(tt, without_german_catalog);
	tcase_add_loop_test(tt, damaged_files, 0, sizeof(damaged) / sizeof(damaged[0]));
	tcase_add_test(tt, cache);
	suite_add_tcase(s, tt);
	return s;
}

TEST_MAIN(places_suite)
