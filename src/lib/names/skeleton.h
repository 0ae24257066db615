/*
 * skeleton.h - spelling-tolerant matching of names across German and
 * English transliteration: "Chalimov", "Khalimow", "Halimov" and
 * "Chalimow" are one name; "Khalilov" is another.
 *
 * A name's skeleton is what it sounds like, written in a small alphabet
 * where both languages' spellings of a sound meet: case and diacritics
 * folded (Täbris = Tabriz), but Turkic and scholarly ş š ç č ž read as
 * sh ch zh (Aşgabat = Ashgabat, Chruščëv = Chruschtschow); sch sh zh -> S;
 * tsch tch -> C; dsch dzh dj -> J; ch kh h -> h; ts tz -> c; w v -> v; z s
 * -> s; j y i (the glides) -> i; ph -> f, th -> t, q ck c -> k, gh -> g,
 * x -> ks, ou -> u; a final -off -> -ov; o after a hushing sound -> e
 * (ё: Gorbatschow = Gorbachev); the Arabic article in any assimilated form
 * (ar-, as-, ad-, el-) -> al; doubled letters single; words run together.
 *
 * Three letters are read two ways, as no single reading fits both
 * languages: German ch is Russian х (h) and English ch is ч (C); German j
 * is a glide (i) and English j is J; German z is ц (c) and English z is з
 * (s).  A name whose spelling has one of them gets two skeletons, its
 * German and its English reading, and two names match when any pair of
 * their readings does.
 *
 * Two skeletons are compared with an edit distance in which what
 * transliteration varies costs 1: a vowel for a vowel, a vowel or an h
 * added or left out, one hushing sound for another (S C J: Andijan and
 * Andischan, Shymkent and Chimkent), s for c (з, с, ц), voiced for
 * voiceless (b p, d t, g k, v f), h for k or g.  Every other
 * edit - a consonant changed, added or dropped - costs more than any
 * budget: it makes another name.  So Khalilov and Khalimov (l for m) do
 * not match, nor Kazan and Kashan (s is not ш); Muhammad and Mohammed
 * (two vowels) do.  The budget grows
 * with the length of the shorter skeleton: 0 below 4 letters (Osh, Ob),
 * then one cheap edit per three letters, at most 4.
 *
 * Costs: tmk_name_skeleton is one pass over the name (no allocation);
 * tmk_skel_distance is O(la * lb) on skeletons of at most
 * TMK_NAME_KEY_MAX bytes and stops as soon as the budget is exceeded.  A
 * caller matching one query against many entries computes each entry's
 * skeleton once (tmk_name_skel is a plain value; store it as it is).
 */
#ifndef TMK_NAMES_SKELETON_H
#define TMK_NAMES_SKELETON_H

#include <stddef.h>

#define TMK_NAME_KEY_MAX 96     /* longer names are compared on this prefix */

typedef struct {
	unsigned n;                             /* readings: 1 or 2 (0: no letters) */
	size_t len[2];                          /* bytes of each key */
	char key[2][TMK_NAME_KEY_MAX + 1];      /* NUL-terminated */
} tmk_name_skel;

/* The skeleton(s) of NAME[0..LEN) (UTF-8).  TMK_EINVAL when it is not
 * UTF-8.  A name without letters gives n == 0 and matches nothing. */
int tmk_name_skeleton(tmk_name_skel *out, const char *name, size_t len);

/* The weighted edit distance of skeletons A[0..NA) and B[0..NB) (costs as
 * above), or MAX + 1 when it exceeds MAX. */
int tmk_skel_distance(const char *a, size_t na, const char *b, size_t nb, int max);

/* The distance two skeletons of these lengths may be apart and still
 * match. */
int tmk_skel_budget(size_t na, size_t nb);

/* Do the names with skeletons A and B match?  1 or 0.  *SCORE (may be
 * NULL) gets 1 - d / (2 * longer key length) for the best pair of
 * readings: 1.0 for the same skeleton, lower the more it took; 0 when they
 * do not match. */
int tmk_name_skel_match(const tmk_name_skel *a, const tmk_name_skel *b, double *score);

/* The same for two names as text: 1 or 0, or TMK_EINVAL when one is not
 * UTF-8. */
int tmk_name_match(const char *a, size_t na, const char *b, size_t nb, double *score);

#endif
