/*
 * places_icu.c - the place names in ICU's copy of CLDR: territories and
 * regions (uregion's lists, named by uloc/uldn in German and English,
 * with CLDR's short and variant names as alternatives) and the exemplar
 * cities of the time zones, the only city names CLDR has.
 *
 * ICU has no C call for a zone's exemplar city but formats it ("VVV"), at
 * about 0.5 ms a zone with a date formatter each; the resource bundles
 * the formatter reads are public API (ures) and take well under a
 * millisecond for all of them: zoneStrings/<Area:City>/ec in each
 * language, else the city part of the zone ID (as ICU does for English),
 * and the zone's country from zoneinfo64's Names and Regions.
 */
#include <stdlib.h>
#include <string.h>

#include <unicode/uldnames.h>
#include <unicode/uloc.h>
#include <unicode/ulocdata.h>
#include <unicode/uregion.h>
#include <unicode/ures.h>
#include <unicode/ustring.h>

#include "error.h"
#include "names/places_internal.h"

#define NAME_MAX_U 256

typedef struct {
	tmk_places *p;
	uint32_t origin, city_origin;   /* pool offsets */
	ULocaleDisplayNames *full[2], *shrt[2];
	UResourceBundle *variant[2];    /* Countries%variant of de, en (may be NULL) */
	tmk_buf name[2][3];             /* full, short, variant: UTF-8 */
} icu_ctx;

/* U[0..N) as UTF-8 into OUT (cleared first); "" when N <= 0. */
static int to_utf8(tmk_buf *out, const UChar *u, int32_t n)
{
	UErrorCode st = U_ZERO_ERROR;
	int32_t m;
	int rc;

	tmk_buf_clear(out);
	if (n <= 0)
		return tmk_buf_put(out, "", 0);
	u_strToUTF8(NULL, 0, &m, u, n, &st);
	st = U_ZERO_ERROR;
	if ((rc = tmk_buf_grow(out, (size_t)m)) < 0)
		return rc;
	u_strToUTF8(out->ptr, m + 1, NULL, u, n, &st);
	if (U_FAILURE(st))
		return tmk_error_set(TMK_ERROR, "ICU: cannot convert a name: %s", u_errorName(st));
	out->len = (size_t)m;
	out->ptr[m] = '\0';
	return 0;
}

/* The origin label: "CLDR 42 via ICU 72.1" (WHAT between them if any). */
static int origin_label(tmk_places *p, uint32_t *off, const char *what)
{
	UVersionInfo v;
	UErrorCode st = U_ZERO_ERROR;
	char icu[U_MAX_VERSION_STRING_LENGTH], cldr[U_MAX_VERSION_STRING_LENGTH] = "";
	tmk_buf b = TMK_BUF_INIT;
	int rc;

	u_getVersion(v);
	u_versionToString(v, icu);
	ulocdata_getCLDRVersion(v, &st);
	if (U_SUCCESS(st))
		u_versionToString(v, cldr);
	rc = tmk_buf_printf(&b, "CLDR%s%s%s%s via ICU %s", cldr[0] ? " " : "", cldr,
			    what ? " " : "", what ? what : "", icu);
	if (rc == 0)
		rc = places_str(p, off, b.ptr, b.len);
	tmk_buf_release(&b);
	return rc;
}

static int open_ctx(icu_ctx *c)
{
	static const char *const lang[2] = { "de", "en" };
	UDisplayContext shortctx = UDISPCTX_LENGTH_SHORT;
	UErrorCode st = U_ZERO_ERROR;

	for (int l = 0; l < 2; l++) {
		UErrorCode vst = U_ZERO_ERROR;
		UResourceBundle *b;
		c->full[l] = uldn_open(lang[l], ULDN_STANDARD_NAMES, &st);
		c->shrt[l] = uldn_openForContext(lang[l], &shortctx, 1, &st);
		b = ures_open(U_ICUDATA_NAME "-region", lang[l], &vst);
		c->variant[l] = ures_getByKey(b, "Countries%variant", NULL, &vst);
		ures_close(b);
		if (U_FAILURE(vst)) {
			ures_close(c->variant[l]);
			c->variant[l] = NULL;       /* an ICU without variants: no loss of the rest */
		}
	}
	if (U_FAILURE(st))
		return tmk_error_set(TMK_ERROR, "ICU: cannot open the display names: %s", u_errorName(st));
	return 0;
}

static void close_ctx(icu_ctx *c)
{
	for (int l = 0; l < 2; l++) {
		uldn_close(c->full[l]);
		uldn_close(c->shrt[l]);
		ures_close(c->variant[l]);
		for (int k = 0; k < 3; k++)
			tmk_buf_release(&c->name[l][k]);
	}
}

/* The full, short and variant names of region CODE in both languages into
 * c->name; a name ICU does not have (it answers with the code) is "". */
static int region_names(icu_ctx *c, const char *code)
{
	UChar u[NAME_MAX_U];
	int rc = 0;

	for (int l = 0; l < 2 && rc == 0; l++) {
		UErrorCode st = U_ZERO_ERROR;
		int32_t n = uldn_regionDisplayName(c->full[l], code, u, NAME_MAX_U, &st);
		const UChar *v;
		if ((rc = to_utf8(&c->name[l][0], u, U_SUCCESS(st) ? n : 0)) < 0)
			break;
		st = U_ZERO_ERROR;
		n = uldn_regionDisplayName(c->shrt[l], code, u, NAME_MAX_U, &st);
		if ((rc = to_utf8(&c->name[l][1], u, U_SUCCESS(st) ? n : 0)) < 0)
			break;
		st = U_ZERO_ERROR;
		n = 0;
		v = c->variant[l] ? ures_getStringByKey(c->variant[l], code, &n, &st) : NULL;
		rc = to_utf8(&c->name[l][2], v, v && U_SUCCESS(st) ? n : 0);
		for (int k = 0; k < 3; k++)
			if (!strcmp(c->name[l][k].ptr, code))
				tmk_buf_clear(&c->name[l][k]);
	}
	return rc;
}

/* Region CODE of KIND: its full, short and variant pairs (a variant or
 * short name of one language alone is paired with the other's full name).
 * *PAIRS counts those added. */
static int add_region(icu_ctx *c, const char *code, const char *kind, uint32_t rank,
		      size_t *pairs)
{
	uint32_t idx;
	int rc, added;

	if ((rc = region_names(c, code)) < 0)
		return rc;
	if (!c->name[0][0].len && !c->name[1][0].len)
		return 0;
	if ((rc = places_place(c->p, &idx, code, code, kind, NULL, rank)) < 0)
		return rc;
	for (int k = 0; k < 3 && rc == 0; k++) {
		const char *de = c->name[0][k].len ? c->name[0][k].ptr : c->name[0][0].ptr;
		const char *en = c->name[1][k].len ? c->name[1][k].ptr : c->name[1][0].ptr;
		if ((rc = places_pair(c->p, idx, de, en, c->origin, &added)) == 0)
			*pairs += (size_t)added;
	}
	return rc;
}

/* Every region of uregion TYPE, named KIND. */
static int add_regions(icu_ctx *c, URegionType type, const char *kind, uint32_t rank,
		       size_t *pairs)
{
	UErrorCode st = U_ZERO_ERROR;
	UEnumeration *e = uregion_getAvailable(type, &st);
	const char *code;
	int rc = 0;

	if (U_FAILURE(st))
		return tmk_error_set(TMK_ERROR, "ICU: cannot list the regions: %s", u_errorName(st));
	while (rc == 0 && (code = uenum_next(e, NULL, &st)) && U_SUCCESS(st))
		rc = add_region(c, code, kind, rank, pairs);
	uenum_close(e);
	return rc;
}

/* ---- cities --------------------------------------------------------------- */

typedef struct {
	char id[64];
	char region[8];
} zone_region;

static int zone_cmp(const void *a, const void *b)
{
	return strcmp(((const zone_region *)a)->id, ((const zone_region *)b)->id);
}

/* Every zone ID of zoneinfo64 with its region, sorted by ID; *N. */
static int zone_regions(zone_region **out, size_t *n)
{
	UErrorCode st = U_ZERO_ERROR;
	UResourceBundle *zi = ures_openDirect(NULL, "zoneinfo64", &st);
	UResourceBundle *names = ures_getByKey(zi, "Names", NULL, &st);
	UResourceBundle *regs = ures_getByKey(zi, "Regions", NULL, &st);
	int32_t size = U_SUCCESS(st) ? ures_getSize(names) : 0;
	zone_region *z = NULL;

	*out = NULL;
	*n = 0;
	if (size > 0 && ures_getSize(regs) == size && !(z = calloc((size_t)size, sizeof(*z))))
		st = U_MEMORY_ALLOCATION_ERROR;
	for (int32_t i = 0; z && i < size && U_SUCCESS(st); i++) {
		int32_t ln, lr;
		const UChar *s = ures_getStringByIndex(names, i, &ln, &st);
		const UChar *r = ures_getStringByIndex(regs, i, &lr, &st);
		if (U_SUCCESS(st) && ln < (int32_t)sizeof(z[i].id) && lr < (int32_t)sizeof(z[i].region)) {
			u_UCharsToChars(s, z[i].id, ln);
			u_UCharsToChars(r, z[i].region, lr);
		}
	}
	ures_close(regs);
	ures_close(names);
	ures_close(zi);
	if (st == U_MEMORY_ALLOCATION_ERROR) {
		free(z);
		return tmk_error_oom();
	}
	if (z && U_SUCCESS(st)) {
		qsort(z, (size_t)size, sizeof(*z), zone_cmp);
		*out = z;
		*n = (size_t)size;
	} else {
		free(z);        /* no table: cities without their country */
	}
	return 0;
}

/* The region of zone ID ("" when not known or not a country's). */
static const char *zone_region_of(const zone_region *z, size_t n, const char *id)
{
	zone_region key;
	const zone_region *hit;

	if (!z || strlen(id) >= sizeof(key.id))
		return "";
	strcpy(key.id, id);
	hit = bsearch(&key, z, n, sizeof(*z), zone_cmp);
	return hit && strcmp(hit->region, "001") != 0 ? hit->region : "";
}

/* The exemplar city of zone KEY (Area:City) in ZS (a zoneStrings table,
 * may be NULL) into OUT, else the ID's last part with '_' as ' '. */
static int exemplar(tmk_buf *out, UResourceBundle *zs, const char *key)
{
	UErrorCode st = U_ZERO_ERROR;
	UResourceBundle *z = zs ? ures_getByKey(zs, key, NULL, &st) : NULL;
	int32_t n = 0;
	const UChar *s = z ? ures_getStringByKey(z, "ec", &n, &st) : NULL;
	const char *last;
	int rc;

	if (s && U_SUCCESS(st)) {
		rc = to_utf8(out, s, n);
		ures_close(z);
		return rc;
	}
	ures_close(z);
	last = strrchr(key, ':');
	tmk_buf_clear(out);
	if ((rc = tmk_buf_puts(out, last ? last + 1 : key)) < 0)
		return rc;
	for (size_t i = 0; i < out->len; i++)
		if (out->ptr[i] == '_')
			out->ptr[i] = ' ';
	return 0;
}

/* One city: the zone KEY of the German zoneStrings ZS_DE (which has its
 * exemplar city). */
static int add_city(icu_ctx *c, UResourceBundle *zs_de, UResourceBundle *zs_en, const char *key,
		    const zone_region *z, size_t nz)
{
	char id[64];
	uint32_t idx;
	int rc, added;

	if (strlen(key) >= sizeof(id) || !strchr(key, ':') || !strncmp(key, "meta:", 5) ||
	    !strncmp(key, "Etc:", 4))
		return 0;
	strcpy(id, key);
	for (char *s = id; *s; s++)
		if (*s == ':')
			*s = '/';
	if ((rc = exemplar(&c->name[0][0], zs_de, key)) < 0 ||
	    (rc = exemplar(&c->name[1][0], zs_en, key)) < 0 ||
	    (rc = places_place(c->p, &idx, id, "", "city", zone_region_of(z, nz, id), RANK_CITY)) < 0 ||
	    (rc = places_pair(c->p, idx, c->name[0][0].ptr, c->name[1][0].ptr, c->city_origin,
			      &added)) < 0)
		return rc;
	c->p->st.cldr_cities += (size_t)added;
	return 0;
}

/* The zoneStrings table of LANG's zone bundle (NULL when there is none). */
static UResourceBundle *zone_strings(const char *lang)
{
	UErrorCode st = U_ZERO_ERROR;
	UResourceBundle *b = ures_open(U_ICUDATA_NAME "-zone", lang, &st);
	UResourceBundle *zs = ures_getByKey(b, "zoneStrings", NULL, &st);

	ures_close(b);
	if (U_FAILURE(st)) {
		ures_close(zs);
		return NULL;
	}
	return zs;
}

/* Every zone that German CLDR names an exemplar city for. */
static int add_cities(icu_ctx *c)
{
	UResourceBundle *de = zone_strings("de"), *en = zone_strings("en");
	zone_region *z = NULL;
	size_t nz = 0;
	int rc = de ? zone_regions(&z, &nz) : 0;

	for (int32_t i = 0; rc == 0 && de && i < ures_getSize(de); i++) {
		UErrorCode st = U_ZERO_ERROR;
		UResourceBundle *item = ures_getByIndex(de, i, NULL, &st);
		const char *key = U_SUCCESS(st) ? ures_getKey(item) : NULL;
		UErrorCode est = U_ZERO_ERROR;
		UResourceBundle *ec = key ? ures_getByKey(item, "ec", NULL, &est) : NULL;
		if (key && U_SUCCESS(est))
			rc = add_city(c, de, en, key, z, nz);
		ures_close(ec);
		ures_close(item);
	}
	free(z);
	ures_close(de);
	ures_close(en);
	return rc;
}

int places_load_icu(tmk_places *p)
{
	static const struct {
		URegionType type;
		const char *kind;
		uint32_t rank;
	} kinds[] = {
		{ URGN_TERRITORY, "country", RANK_COUNTRY },
		{ URGN_WORLD, "world", RANK_REGION },
		{ URGN_CONTINENT, "continent", RANK_REGION },
		{ URGN_SUBCONTINENT, "subcontinent", RANK_REGION },
		{ URGN_GROUPING, "grouping", RANK_REGION },
	};
	icu_ctx c = { .p = p };
	int rc;

	if ((rc = origin_label(p, &c.origin, NULL)) < 0 ||
	    (rc = origin_label(p, &c.city_origin, "exemplar cities")) < 0 ||
	    (rc = open_ctx(&c)) < 0)
		goto done;
	for (size_t k = 0; k < sizeof(kinds) / sizeof(kinds[0]) && rc == 0; k++)
		rc = add_regions(&c, kinds[k].type, kinds[k].kind, kinds[k].rank,
				 k == 0 ? &p->st.cldr_territories : &p->st.cldr_regions);
	if (rc == 0)
		rc = add_cities(&c);
done:
	close_ctx(&c);
	return rc;
}
