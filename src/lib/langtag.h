/*
 * langtag.h - BCP 47 language tags (RFC 5646): checked and put in canonical
 * case once, where they enter (TMX, CSV headers, PO headers, options), and
 * matched the way CAT tools match them (RFC 4647 ranges: "de" covers de-CH).
 *
 * A TM keeps each unit's tags as given, so a Swiss translator's de-CH
 * (ss, not ß) survives import and export; lookups by "de" find every
 * German variant and rank the asked-for variant first.
 */
#ifndef TMK_LANGTAG_H
#define TMK_LANGTAG_H

#include <stddef.h>

/* Longest tag tmkit keeps (RFC 5646 asks for at least 35 characters). */
#define TMK_LANGTAG_MAX 64

/* TAG[0..LEN) in canonical case into OUT (RFC 5646 2.1.1: language and
 * extlang lower case, script title case, region upper case, the rest lower
 * case; "_" read as "-", a POSIX locale's ".UTF-8" or "@euro" dropped:
 * de_CH.UTF-8 -> de-CH).  TMK_EINPUT, with a message naming the tag, when
 * it is not well-formed; OUT is then "". */
int tmk_langtag_canon(char out[TMK_LANGTAG_MAX], const char *tag, size_t len);

/* Length of TAG's primary language subtag ("de" of "de-CH"). */
size_t tmk_langtag_primary_len(const char *tag);

/* Do A and B name the same language (primary subtags equal, ignoring
 * case)?  de-CH and de-AT do; de and dsb do not. */
int tmk_langtag_same_lang(const char *a, const char *b);

/* Is TAG within language range RANGE (RFC 4647 basic filtering: equal, or
 * RANGE followed by "-" begins TAG; case ignored)?  "de" covers de-CH,
 * "de-CH" covers de-CH-1996 but not de. */
int tmk_langtag_in_range(const char *range, const char *tag);

/* How close TAG is to the WANTED tag, for ranking: 0 the same tag (or
 * within WANTED as a range), 1 WANTED's own range covers it the other way
 * (plain "de" for a de-CH query), 2 another variant of the same language,
 * 3 another language. */
int tmk_langtag_distance(const char *wanted, const char *tag);

#endif
