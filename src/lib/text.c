/*
 * text.c - reading user text at the edge: validate, drop the BOM, NFC.
 *
 * Normalisation works on "normalisation segments" (a code point that starts
 * fresh, per unorm2_hasBoundaryBefore, plus what follows it up to the next
 * such code point).  A segment that is already NFC is kept byte for byte;
 * one that is not is normalised on its own, and the offset map records how
 * later offsets shift.  Text that is already NFC (nearly all of it) costs
 * one pass and no copy.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>
#include <unicode/utf8.h>

#include "atomic.h"
#include "buf.h"
#include "error.h"
#include "text.h"
#include "utf8.h"

/* From normalised offset NORM on (up to the next entry), original offsets
 * are ORIG + (offset - NORM). */
struct tmk_offmap {
	size_t norm;
	size_t orig;
};

void tmk_text_free(tmk_text *t)
{
	if (!t)
		return;
	free(t->name);
	free(t->data);
	free(t->map);
	free(t);
}

/* 1-based line number of byte offset OFF (LF, CRLF and lone CR end lines). */
static size_t line_of(const char *s, size_t off)
{
	size_t line = 1;

	for (size_t i = 0; i < off; i++) {
		if (s[i] == '\n')
			line++;
		else if (s[i] == '\r' && (i + 1 >= off || s[i + 1] != '\n'))
			line++;
	}
	return line;
}

/* Reject what is not text: ill-formed UTF-8 and NUL bytes. */
static int check_bytes(const char *name, const char *s, size_t len)
{
	size_t bad;
	const char *nul;

	if (!tmk_utf8_valid(s, len, &bad))
		return tmk_error_set(TMK_EINPUT,
			"%s:%zu: invalid UTF-8 at byte offset %zu (byte 0x%02x); "
			"convert the file to UTF-8 first (e.g. with iconv)",
			name, line_of(s, bad), bad, (unsigned char)s[bad]);
	nul = memchr(s, '\0', len);
	if (nul) {
		size_t at = (size_t)(nul - s);
		return tmk_error_set(TMK_EINPUT,
			"%s:%zu: NUL byte at byte offset %zu: not a text file",
			name, line_of(s, at), at);
	}
	return 0;
}

/* Append a map entry saying that normalised offset NORM is original ORIG. */
static int map_add(tmk_text *t, size_t *cap, size_t norm, size_t orig)
{
	if (t->nmap == *cap) {
		size_t n = *cap ? *cap * 2 : 16;
		tmk_offmap *m = realloc(t->map, n * sizeof(*m));
		if (!m)
			return tmk_error_oom();
		t->map = m;
		*cap = n;
	}
	t->map[t->nmap].norm = norm;
	t->map[t->nmap].orig = orig;
	t->nmap++;
	return 0;
}

/* Normalise the segment S[0..LEN) into OUT.  *CHANGED says whether the
 * result differs from the input. */
static int normalise_segment(const UNormalizer2 *nfc, const char *s, size_t len,
			     tmk_buf *out, int *changed)
{
	UChar small_in[64], small_out[128];
	UChar *in = small_in, *res = small_out;
	int32_t n_in, n_out, n8;
	UErrorCode st = U_ZERO_ERROR;
	int rc = 0;

	*changed = 0;
	if (len > 64) {
		in = malloc(len * sizeof(UChar));
		res = malloc(len * 4 * sizeof(UChar));
		if (!in || !res) {
			rc = tmk_error_oom();
			goto done;
		}
	}
	u_strFromUTF8(in, (int32_t)len, &n_in, s, (int32_t)len, &st);
	if (U_SUCCESS(st) && unorm2_isNormalized(nfc, in, n_in, &st)) {
		rc = tmk_buf_put(out, s, len);
		goto done;
	}
	st = U_ZERO_ERROR;
	n_out = unorm2_normalize(nfc, in, n_in, res, len > 64 ? (int32_t)len * 4 : 128, &st);
	if (U_FAILURE(st)) {
		rc = tmk_error_set(TMK_ERROR, "normalisation failed: %s", u_errorName(st));
		goto done;
	}
	u_strToUTF8(NULL, 0, &n8, res, n_out, &st);
	st = U_ZERO_ERROR;
	if ((rc = tmk_buf_grow(out, (size_t)n8)) < 0)
		goto done;
	u_strToUTF8(out->ptr + out->len, n8 + 1, NULL, res, n_out, &st);
	out->len += (size_t)n8;
	out->ptr[out->len] = '\0';
	*changed = (size_t)n8 != len || memcmp(out->ptr + out->len - len, s, len) != 0;
done:
	if (in != small_in)
		free(in);
	if (res != small_out)
		free(res);
	return rc;
}

/* NFC-normalise t->data in place (replacing the buffer when anything
 * changes) and build the offset map. */
static int normalise(tmk_text *t)
{
	UErrorCode st = U_ZERO_ERROR;
	const UNormalizer2 *nfc = unorm2_getNFCInstance(&st);
	const char *s = t->data;
	size_t len = t->len, i = 0, cap = 0, copied = 0;
	tmk_buf out = TMK_BUF_INIT;
	int dirty = 0, rc = 0;

	if (U_FAILURE(st))
		return tmk_error_set(TMK_ERROR, "ICU normaliser unavailable: %s", u_errorName(st));

	while (i < len) {
		size_t start = i, j;
		int32_t c;
		int changed;

		if ((unsigned char)s[i] < 0x80) {
			i++;
			continue;
		}
		/* A non-ASCII segment: the code point at i and any that follow it
		 * without a normalisation boundary.  It may also absorb combining
		 * marks, so look back: the previous code point (if it had no
		 * boundary before it either, we are mid-segment; ASCII letters
		 * before a combining mark are such a case). */
		j = i;
		c = tmk_utf8_next(s, len, &j);
		if (!unorm2_hasBoundaryBefore(nfc, c) && start > 0) {
			/* A combining mark after an ASCII base: the segment
			 * starts at that base. */
			size_t k = start;
			tmk_utf8_prev(s, &k);
			start = k;
		}
		while (j < len) {
			size_t k = j;
			int32_t d = tmk_utf8_next(s, len, &k);
			if (unorm2_hasBoundaryBefore(nfc, d))
				break;
			j = k;
		}
		if (j - start == (size_t)U8_LENGTH(c) && start == i &&
		    u_getIntPropertyValue(c, UCHAR_NFC_QUICK_CHECK) == UNORM_YES) {
			i = j;          /* one code point, already NFC */
			continue;
		}
		if (start < copied)     /* base already copied: take it back */
			start = copied;
		if ((rc = tmk_buf_put(&out, s + copied, start - copied)) < 0)
			goto done;
		if ((rc = normalise_segment(nfc, s + start, j - start, &out, &changed)) < 0)
			goto done;
		if (changed) {
			dirty = 1;
			if ((rc = map_add(t, &cap, out.len, j)) < 0)
				goto done;
		}
		copied = i = j;
	}
	if (!dirty)
		goto done;
	if ((rc = tmk_buf_put(&out, s + copied, len - copied)) < 0)
		goto done;
	free(t->data);
	t->len = out.len;
	t->data = tmk_buf_detach(&out);
done:
	tmk_buf_release(&out);
	return rc;
}

int tmk_nfc_append(tmk_buf *out, const char *s, size_t len)
{
	UErrorCode st = U_ZERO_ERROR;
	const UNormalizer2 *nfc = unorm2_getNFCInstance(&st);
	size_t i, k;
	int changed, rc;
	char *joined;

	for (i = 0; i < len && (unsigned char)s[i] < 0x80; i++)
		;
	if (i == len || U_FAILURE(st))
		return tmk_buf_put(out, s, len);
	i = 0;
	if (!out->len || unorm2_hasBoundaryBefore(nfc, tmk_utf8_next(s, len, &i)))
		return normalise_segment(nfc, s, len, out, &changed);
	/* S starts with a combining mark (XML text arrives split at character
	 * references, "e&#x301;"): it is normalised together with the end of
	 * OUT from OUT's last normalisation boundary on */
	for (k = out->len; k > 0;) {
		int32_t c = tmk_utf8_prev(out->ptr, &k);
		if (unorm2_hasBoundaryBefore(nfc, c))
			break;
	}
	if (!(joined = malloc(out->len - k + len)))
		return tmk_error_oom();
	memcpy(joined, out->ptr + k, out->len - k);
	memcpy(joined + out->len - k, s, len);
	i = out->len - k + len;
	out->len = k;
	out->ptr[k] = '\0';
	rc = normalise_segment(nfc, joined, i, out, &changed);
	free(joined);
	return rc;
}

size_t tmk_text_input_offset(const tmk_text *t, size_t off)
{
	size_t lo = 0, hi = t->nmap;

	/* last entry with norm <= off */
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (t->map[mid].norm <= off)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo == 0)
		return t->bom + off;
	return t->bom + t->map[lo - 1].orig + (off - t->map[lo - 1].norm);
}

int tmk_text_from_bytes(tmk_text **out, const char *name, const char *bytes, size_t len)
{
	tmk_text *t;
	int rc;

	*out = NULL;
	if ((rc = check_bytes(name, bytes, len)) < 0)
		return rc;
	t = calloc(1, sizeof(*t));
	if (!t)
		return tmk_error_oom();
	if (len >= 3 && memcmp(bytes, "\xEF\xBB\xBF", 3) == 0)
		t->bom = 3;
	t->name = strdup(name);
	t->data = malloc(len - t->bom + 1);
	if (!t->name || !t->data) {
		tmk_text_free(t);
		return tmk_error_oom();
	}
	t->len = len - t->bom;
	memcpy(t->data, bytes + t->bom, t->len);
	t->data[t->len] = '\0';
	if ((rc = normalise(t)) < 0) {
		tmk_text_free(t);
		return rc;
	}
	*out = t;
	return 0;
}

int tmk_read_file(tmk_buf *out, const char *path)
{
	int from_stdin = strcmp(path, "-") == 0;
	const char *name = from_stdin ? "<stdin>" : path;
	FILE *f = from_stdin ? stdin : fopen(path, "rb");
	int rc = 0;

	if (!f)
		return tmk_error_set(TMK_EIO, "cannot open '%s': %s", path, strerror(errno));
	errno = 0;
	for (;;) {
		size_t n;

		if ((rc = tmk_buf_grow(out, 65536)) < 0)
			break;
		n = fread(out->ptr + out->len, 1, out->size - out->len - 1, f);
		out->len += n;
		out->ptr[out->len] = '\0';
		if (n == 0) {
			if (ferror(f))
				rc = tmk_error_set(TMK_EIO, "cannot read '%s': %s", name, strerror(errno));
			break;
		}
	}
	if (!from_stdin)
		fclose(f);
	return rc;
}

int tmk_write_file(const char *path, const char *data, size_t len)
{
	tmk_atomic *a;
	int rc = tmk_atomic_open(&a, path);

	if (rc < 0)
		return rc;
	if (len && fwrite(data, 1, len, tmk_atomic_stream(a)) != len) {
		rc = tmk_error_set(TMK_EIO, "cannot write '%s': %s", path, strerror(errno));
		tmk_atomic_abort(a);
		return rc;
	}
	return tmk_atomic_commit(a);
}

int tmk_text_load(tmk_text **out, const char *path)
{
	tmk_buf b = TMK_BUF_INIT;
	int rc;

	*out = NULL;
	rc = tmk_read_file(&b, path);
	if (rc == 0)
		rc = tmk_text_from_bytes(out, strcmp(path, "-") ? path : "<stdin>", b.ptr ? b.ptr : "", b.len);
	tmk_buf_release(&b);
	return rc;
}

int tmk_make_parents(const char *path)
{
	char *p = strdup(path);
	int rc = 0;

	if (!p)
		return tmk_error_oom();
	for (char *s = p + 1; *s; s++) {
		if (*s != '/')
			continue;
		*s = '\0';
		if (mkdir(p, 0777) != 0 && errno != EEXIST) {
			rc = tmk_error_set(TMK_EIO, "cannot create folder '%s': %s", p, strerror(errno));
			break;
		}
		*s = '/';
	}
	free(p);
	return rc;
}

int tmk_cache_path(tmk_buf *out, const char *file)
{
	const char *xdg = getenv("XDG_CACHE_HOME"), *home = getenv("HOME");

	if (xdg && *xdg)
		return tmk_buf_printf(out, "%s/tmkit/%s", xdg, file);
	if (home && *home)
		return tmk_buf_printf(out, "%s/.cache/tmkit/%s", home, file);
	return tmk_error_set(TMK_EINVAL, "no cache folder: set XDG_CACHE_HOME or HOME");
}
