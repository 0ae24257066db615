/*
 * wordlist.h - a set of words, each with a small integer tag, loaded from
 * the list files in dictionaries/.
 *
 * List file format (shared by every list tmkit ships): UTF-8, one entry a
 * line; `#` starts a comment line; blank lines are ignored; an entry is a
 * word or phrase, optionally followed by a TAB and a tag that the caller
 * interprets (e.g. an abbreviation's class).  Lookups are exact, by bytes.
 */
#ifndef TMK_WORDLIST_H
#define TMK_WORDLIST_H

#include <stddef.h>

typedef struct tmk_wordlist tmk_wordlist;

/* Turns a tag (NULL/0 when the line has none) into a value >= 0, or returns
 * -1 when the tag is unknown. */
typedef int (*tmk_wordlist_tagfn)(const char *tag, size_t len, void *ctx);

int tmk_wordlist_new(tmk_wordlist **out);
void tmk_wordlist_free(tmk_wordlist *wl);

/* Add KEY with VALUE; a key added twice keeps the later value. */
int tmk_wordlist_add(tmk_wordlist *wl, const char *key, size_t len, int value);

/* The value of KEY, or -1 when absent. */
int tmk_wordlist_get(const tmk_wordlist *wl, const char *key, size_t len);

size_t tmk_wordlist_count(const tmk_wordlist *wl);

/* Called for each entry of a list file: KEY (trimmed, never empty) and TAG
 * (NULL/0 when the line has none), with the entry's 1-based LINE.  Returns
 * 0, or a negative code after setting a message that names NAME:LINE. */
typedef int (*tmk_list_entry_fn)(void *ctx, const char *name, size_t line,
				 const char *key, size_t klen, const char *tag, size_t tlen);

/* Parse a list file: checks UTF-8, comments, blank lines and the TAB
 * syntax, and calls FN for each entry.  TMK_EINPUT names file and line. */
int tmk_list_parse(const char *name, const char *data, size_t len,
		   tmk_list_entry_fn fn, void *ctx);

/* Parse a list file's DATA (LEN bytes); NAME labels error messages, which
 * give the 1-based line.  TAGFN may be NULL when the list takes no tags.
 * On error (TMK_EINPUT) entries before the bad line may have been added. */
int tmk_wordlist_load(tmk_wordlist *wl, const char *name, const char *data, size_t len,
		      tmk_wordlist_tagfn tagfn, void *ctx);

#endif
