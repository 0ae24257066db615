/*
 * import.c - one file into the TM; see import.h.
 *
 * The reader for the format parses and calls back for each unit; the
 * callbacks add it to the TM (inside the transaction opened here) and
 * count.  Any error rolls the whole file back.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <sys/statvfs.h>

#include "error.h"
#include "import.h"
#include "text.h"
#include "utf8.h"

static const char *const format_names[] = { "auto", "tmx", "tsv", "csv", "po", "mo", "xliff" };

int tmk_format_parse(const char *name)
{
	if (!name)
		return TMK_FMT_AUTO;
	for (int i = 1; i < (int)(sizeof(format_names) / sizeof(format_names[0])); i++)
		if (!strcasecmp(name, format_names[i]))
			return i;
	return -1;
}

const char *tmk_format_name(tmk_format f)
{
	return format_names[f];
}

tmk_format tmk_format_of_path(const char *path)
{
	const char *dot = strrchr(path, '.');

	if (!dot || strchr(dot, '/'))
		return TMK_FMT_AUTO;
	if (!strcasecmp(dot, ".tmx"))
		return TMK_FMT_TMX;
	if (!strcasecmp(dot, ".tsv") || !strcasecmp(dot, ".tab") || !strcasecmp(dot, ".txt"))
		return TMK_FMT_TSV;
	if (!strcasecmp(dot, ".csv"))
		return TMK_FMT_CSV;
	if (!strcasecmp(dot, ".po") || !strcasecmp(dot, ".pot"))
		return TMK_FMT_PO;
	if (!strcasecmp(dot, ".mo") || !strcasecmp(dot, ".gmo"))
		return TMK_FMT_MO;
	if (!strcasecmp(dot, ".xlf") || !strcasecmp(dot, ".xliff") || !strcasecmp(dot, ".sdlxliff") ||
	    !strcasecmp(dot, ".mqxliff"))
		return TMK_FMT_XLIFF;
	return TMK_FMT_AUTO;
}

/* The local name of the first element in S[0..LEN) (an XML file's start:
 * a UTF-8 byte order mark, the declaration, comments, processing
 * instructions and a DOCTYPE are passed over) into OUT; "" when there is
 * none in S. */
static void root_name(char out[16], const char *s, size_t len)
{
	size_t i = 0, n = 0;

	out[0] = '\0';
	if (len >= 3 && !memcmp(s, "\xEF\xBB\xBF", 3))
		i = 3;
	while (i < len) {
		const char *lt = memchr(s + i, '<', len - i), *end;
		if (!lt || (size_t)(lt - s) + 1 >= len)
			return;
		i = (size_t)(lt - s) + 1;
		if (s[i] == '?' || s[i] == '!') {
			/* a comment ends at "-->"; the rest at '>' (a DOCTYPE with an
			 * internal subset is not looked into: no XLIFF has one) */
			const char *stop = len - i >= 3 && !memcmp(s + i, "!--", 3) ? "-->" : ">";
			for (end = s + i; end + strlen(stop) <= s + len && memcmp(end, stop, strlen(stop)); end++)
				;
			i = (size_t)(end - s) + 1;
			continue;
		}
		for (; i < len && n < 15 && !strchr(" \t\r\n/>", s[i]); i++) {
			if (s[i] == ':')
				n = 0;          /* a prefix is dropped */
			else
				out[n++] = s[i];
		}
		out[n] = '\0';
		return;
	}
}

tmk_format tmk_format_sniff(const char *path)
{
	tmk_format f = tmk_format_of_path(path);
	const char *dot = strrchr(path, '.');
	char head[4096], root[16];
	size_t n;
	FILE *in;

	if (f != TMK_FMT_AUTO && !(dot && !strcasecmp(dot, ".xml")))
		return f;
	if (!strcmp(path, "-") || !(in = fopen(path, "rb")))
		return TMK_FMT_AUTO;
	n = fread(head, 1, sizeof(head), in);
	fclose(in);
	root_name(root, head, n);
	if (!strcmp(root, "xliff"))
		return TMK_FMT_XLIFF;
	if (!strcmp(root, "tmx"))
		return TMK_FMT_TMX;
	return TMK_FMT_AUTO;
}

typedef struct {
	tmk_tm *tm;
	tmk_import_report *rep;
	const char *path;
	tmk_format format;
	int64_t origin;         /* 0 until the first unit */
	const tmk_import_opts *o;
} import_ctx;

static int on_unit(tmk_sink *sink, const tmk_unit_in *u)
{
	import_ctx *ic = sink->ctx;
	int added, rc;

	if (!ic->origin &&
	    (rc = tmk_tm_add_origin(ic->tm, &ic->origin, ic->path, tmk_format_name(ic->format),
				    sink->tool[0] ? sink->tool : NULL)) < 0)
		return rc;
	if ((rc = tmk_tm_add_unit(ic->tm, &added, ic->origin, u)) < 0)
		return rc;
	if (added)
		ic->rep->added++;
	else
		ic->rep->duplicates++;
	return 0;
}

static int on_skip(tmk_sink *sink, long line, const char *reason)
{
	import_ctx *ic = sink->ctx;
	tmk_import_report *rep = ic->rep;

	rep->skipped++;
	if (rep->nskips < TMK_MAX_SKIPS) {
		if (rep->nskips % 64 == 0) {
			tmk_skip *s = realloc(rep->skips, (rep->nskips + 64) * sizeof(*s));
			if (!s)
				return tmk_error_oom();
			rep->skips = s;
		}
		rep->skips[rep->nskips].line = line;
		snprintf(rep->skips[rep->nskips].reason, sizeof(rep->skips[0].reason), "%s", reason);
		tmk_utf8_trim_cut(rep->skips[rep->nskips].reason);
		rep->nskips++;
	}
	return 0;
}

static void on_progress(tmk_sink *sink, size_t done, size_t total)
{
	import_ctx *ic = sink->ctx;

	if (ic->o->progress)
		ic->o->progress(ic->o->progress_ctx, done, total);
}

/* tmk_read_units(), with ALL_STATES for XLIFF (drafts too). */
static int read_units(tmk_sink *sink, const char *path, tmk_format format, const tmk_delim_opts *delim,
		      int all_states)
{
	static const tmk_delim_opts none = { NULL, NULL, 0, 0 };
	tmk_text *t = NULL;
	tmk_buf raw = TMK_BUF_INIT;
	const char *name = strcmp(path, "-") ? path : "<stdin>";
	int rc;

	if (format == TMK_FMT_AUTO)
		format = tmk_format_sniff(path);
	if (format == TMK_FMT_AUTO)
		return tmk_error_set(TMK_EINVAL,
			"%s: cannot tell the format from the name: give --format tmx|tsv|csv|po|mo|xliff",
			path);
	if (!delim)
		delim = &none;
	switch (format) {
	case TMK_FMT_TMX:
		return tmk_read_tmx(sink, path);
	case TMK_FMT_XLIFF:
		return tmk_read_xliff(sink, path, all_states);
	case TMK_FMT_MO:
		if ((rc = tmk_read_file(&raw, path)) == 0)
			rc = tmk_read_mo(sink, name, raw.ptr ? raw.ptr : "", raw.len);
		tmk_buf_release(&raw);
		return rc;
	default:
		break;
	}
	if ((rc = tmk_text_load(&t, path)) < 0)
		return rc;
	if (t->len == 0)
		rc = tmk_error_set(TMK_EINPUT, "%s: empty file", name);
	else if (format == TMK_FMT_TSV)
		rc = tmk_read_tsv(sink, name, t->data, t->len, delim);
	else if (format == TMK_FMT_CSV)
		rc = tmk_read_csv(sink, name, t->data, t->len, delim);
	else
		rc = tmk_read_po(sink, name, t->data, t->len);
	tmk_text_free(t);
	return rc;
}

int tmk_read_units(tmk_sink *sink, const char *path, tmk_format format, const tmk_delim_opts *delim)
{
	return read_units(sink, path, format, delim, 0);
}

/*
 * Is there room beside the TM for importing PATH?  A TM takes two to five
 * times the text it holds (texts, matching forms, word index), and during
 * the import the WAL holds the new pages once more: six times the file is
 * asked for.  Better to refuse before parsing than to fail at the commit
 * after minutes of work.  Standard input and unknown sizes pass.
 */
static int room_for(tmk_tm *tm, const char *path)
{
	const char *tp = tmk_tm_path(tm), *slash = strrchr(tp, '/');
	char dir[4096];
	struct stat sb;
	struct statvfs vfs;
	unsigned long long need, have;

	if (!strcmp(path, "-") || stat(path, &sb) != 0 || !S_ISREG(sb.st_mode))
		return 0;
	snprintf(dir, sizeof(dir), "%.*s", slash ? (int)(slash == tp ? 1 : slash - tp) : 1, slash ? tp : ".");
	if (statvfs(dir, &vfs) != 0)
		return 0;
	need = 6ULL * (unsigned long long)sb.st_size + (1ULL << 20);
	have = (unsigned long long)vfs.f_bavail * vfs.f_frsize;
	if (have >= need)
		return 0;
	return tmk_error_set(TMK_EIO, "%s: not enough free space to import it into %s: about %.1f MB "
			     "needed, %.1f MB free (nothing was imported)", path, tp, need / 1e6, have / 1e6);
}

int tmk_import_file(tmk_tm *tm, tmk_import_report *rep, const char *path,
		    const tmk_import_opts *o)
{
	import_ctx ic = { tm, rep, path, o->format, 0, o };
	tmk_sink sink = { on_unit, on_skip, on_progress, "", &ic, 0 };
	int rc;

	memset(rep, 0, sizeof(*rep));
	if (ic.format == TMK_FMT_AUTO)
		ic.format = tmk_format_sniff(path);
	if (ic.format == TMK_FMT_AUTO)
		return tmk_error_set(TMK_EINVAL,
			"%s: cannot tell the format from the name: give --format tmx|tsv|csv|po|mo|xliff",
			path);
	if ((rc = room_for(tm, path)) < 0 || (rc = tmk_tm_begin(tm)) < 0)
		return rc;
	rc = read_units(&sink, path, ic.format, &o->delim, o->all_states);
	snprintf(rep->tool, sizeof(rep->tool), "%s", sink.tool);
	if (rc == 0)
		rc = tmk_tm_commit(tm);
	if (rc < 0) {
		tmk_tm_abort(tm);       /* the reader's message stays */
		rep->added = rep->duplicates = 0;
	}
	return rc;
}

void tmk_import_report_release(tmk_import_report *rep)
{
	if (!rep)
		return;
	free(rep->skips);
	rep->skips = NULL;
	rep->nskips = 0;
}
