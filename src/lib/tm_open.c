/*
 * tm_open.c - opening a TM: the file, WAL mode, waiting for other writers,
 * read-only places, the schema and its migrations; see tm.h.
 *
 * Several processes may use one TM: WAL mode lets readers run beside the
 * one writer, and a writer that finds another one waits (busy handler) as
 * long as that one holds the lock, unless told to give up sooner.  A TM on
 * read-only media or without write permission opens read-only without the
 * -shm/-wal files WAL would create beside it.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "embedded.h"
#include "error.h"
#include "langtag.h"
#include "text.h"
#include "tm_internal.h"
#include "word_cache.h"

#define TMK_APPLICATION_ID 0x544D4B54   /* "TMKT" */

int tmk_tm_default_path(tmk_buf *out)
{
	const char *env = getenv("TMKIT_TM"), *xdg = getenv("XDG_DATA_HOME"), *home = getenv("HOME");

	if (env && *env)
		return tmk_buf_puts(out, env);
	if (xdg && *xdg)
		return tmk_buf_printf(out, "%s/tmkit/default.tm", xdg);
	if (home && *home)
		return tmk_buf_printf(out, "%s/.local/share/tmkit/default.tm", home);
	return tmk_error_set(TMK_EINVAL, "no TM given: use --tm PATH or set TMKIT_TM");
}

int tmk_tm_exec(tmk_tm *tm, const char *sql, const char *what)
{
	char *msg = NULL;

	if (sqlite3_exec(tm->db, sql, NULL, NULL, &msg) != SQLITE_OK) {
		int rc;
		if (sqlite3_errcode(tm->db) != SQLITE_OK && (sqlite3_errcode(tm->db) & 0xff) == SQLITE_BUSY) {
			sqlite3_free(msg);
			return tmk_tm_dberr(tm, what);
		}
		rc = tmk_error_set(TMK_EIO, "%s: %s: %s", tm->path, what, msg ? msg : sqlite3_errmsg(tm->db));
		sqlite3_free(msg);
		return rc;
	}
	return 0;
}

int tmk_tm_pragma_int(tmk_tm *tm, const char *sql, int *out)
{
	sqlite3_stmt *st;
	int rc;

	if (sqlite3_prepare_v2(tm->db, sql, -1, &st, NULL) != SQLITE_OK)
		return tmk_tm_dberr(tm, "cannot read the TM");
	rc = sqlite3_step(st);
	*out = rc == SQLITE_ROW ? sqlite3_column_int(st, 0) : 0;
	sqlite3_finalize(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : tmk_tm_dberr(tm, "cannot read the TM");
}

int64_t tmk_tm_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/*
 * Whether to go on waiting for the lock another process holds: N is how
 * often SQLite asked for this lock (0 the first time).  Waits as long as
 * TM's wait allows, pausing 1, 2, 4 ... up to 100 ms between tries, and
 * tells the caller once, after a second, that it is waiting.
 */
static int keep_waiting(tmk_tm *tm, int n)
{
	int64_t now = tmk_tm_now_ms(), waited;
	int pause = n < 7 ? 1 << n : 100;

	if (n == 0) {
		tm->wait_start = now;
		tm->told_waiting = 0;
	}
	waited = now - tm->wait_start;
	if (tm->wait.wait_ms >= 0 && waited >= tm->wait.wait_ms)
		return 0;
	if (waited >= 1000 && !tm->told_waiting && tm->wait.waiting) {
		tm->told_waiting = 1;
		tm->wait.waiting(tm->wait.ctx, tm->path);
	}
	if (tm->wait.wait_ms >= 0 && waited + pause > tm->wait.wait_ms)
		pause = (int)(tm->wait.wait_ms - waited) + 1;
	sqlite3_sleep(pause);
	return 1;
}

static int busy_handler(void *ud, int n)
{
	return keep_waiting(ud, n);
}

/*
 * Put the TM in WAL mode (readers never block the writer).  The mode is a
 * property of the file, so usually there is nothing to do; converting takes
 * an exclusive lock for which SQLite does not call the busy handler, so two
 * processes creating one TM at the same moment would see "database is
 * locked".  Retry as the busy handler would, and stop as soon as the file
 * is in WAL mode, whoever converted it.
 */
static int use_wal(tmk_tm *tm)
{
	for (int n = 0;; n++) {
		sqlite3_stmt *st;
		int rc, wal = 0;

		if (sqlite3_prepare_v2(tm->db, "PRAGMA journal_mode = WAL", -1, &st, NULL) != SQLITE_OK)
			return tmk_tm_dberr(tm, "cannot open the TM");
		rc = sqlite3_step(st);
		if (rc == SQLITE_ROW) { /* an in-memory TM (":memory:") keeps its journal in memory */
			const char *mode = (const char *)sqlite3_column_text(st, 0);
			wal = mode && (!sqlite3_strnicmp(mode, "wal", 3) || !sqlite3_strnicmp(mode, "memory", 6));
		}
		sqlite3_finalize(st);
		if (wal)
			return 0;
		if ((rc & 0xff) != SQLITE_BUSY && (rc & 0xff) != SQLITE_LOCKED && rc != SQLITE_ROW)
			return tmk_tm_dberr(tm, "cannot open the TM");
		if (!keep_waiting(tm, n))
			return tmk_error_set(TMK_EIO, "%s: cannot open the TM: another process keeps it locked",
					     tm->path);
	}
}

/* The latest schema version this build knows: 1 plus its migrations. */
static int latest_version(void)
{
	int v = 1;

	for (size_t i = 0; i < tmk_embedded_count(); i++) {
		const char *name;
		size_t len;
		tmk_embedded_get(i, &name, &len);
		if (strncmp(name, "tm/migrations/", 14) == 0 && atoi(name + 14) > v)
			v = atoi(name + 14);
	}
	return v;
}

/* Apply the schema file (version 1) or migration VERSION in one
 * transaction, with the version set inside it. */
static int apply_version(tmk_tm *tm, int version)
{
	const char *sql = NULL, *name;
	size_t len;
	char *text, set[96];
	int rc;

	for (size_t i = 0; i < tmk_embedded_count(); i++) {
		const char *d = tmk_embedded_get(i, &name, &len);
		if (version == 1 ? strcmp(name, "tm/schema.sql") == 0 :
		    strncmp(name, "tm/migrations/", 14) == 0 && atoi(name + 14) == version) {
			sql = d;
			break;
		}
	}
	if (!sql)
		return tmk_error_set(TMK_ERROR, "schema version %d missing from the build", version);
	text = strndup(sql, len);
	if (!text)
		return tmk_error_oom();
	snprintf(set, sizeof(set), "PRAGMA user_version = %d; PRAGMA application_id = %d;",
		 version, TMK_APPLICATION_ID);
	if ((rc = tmk_tm_exec(tm, "BEGIN IMMEDIATE", "cannot lock the TM")) == 0) {
		int now = 0;
		/* under the lock: another process may have applied it meanwhile */
		if ((rc = tmk_tm_pragma_int(tm, "PRAGMA user_version", &now)) == 0 && now >= version)
			rc = tmk_tm_exec(tm, "COMMIT", "cannot update the TM schema");
		else if (rc == 0 && (rc = tmk_tm_exec(tm, text, "cannot update the TM schema")) == 0 &&
		    (rc = tmk_tm_exec(tm, set, "cannot update the TM schema")) == 0)
			rc = tmk_tm_exec(tm, "COMMIT", "cannot update the TM schema");
		if (rc < 0)
			sqlite3_exec(tm->db, "ROLLBACK", NULL, NULL, NULL);
	}
	free(text);
	return rc;
}

/* Bring the schema up to date; refuse files that are not tmkit TMs. */
static int migrate(tmk_tm *tm, int readonly)
{
	int version, app, tables, latest = latest_version(), rc;

	/* one read transaction, so that another process's first migration
	 * cannot fall between reading the version and counting the tables */
	if ((rc = tmk_tm_exec(tm, "BEGIN", "cannot read the TM")) < 0)
		return rc;
	if ((rc = tmk_tm_pragma_int(tm, "PRAGMA user_version", &version)) < 0 ||
	    (rc = tmk_tm_pragma_int(tm, "PRAGMA application_id", &app)) < 0 ||
	    (rc = tmk_tm_pragma_int(tm, "SELECT count(*) FROM sqlite_schema", &tables)) < 0) {
		if (sqlite3_errcode(tm->db) == SQLITE_NOTADB)
			rc = tmk_error_set(TMK_EINPUT, "%s: not a tmkit TM (not an SQLite file)", tm->path);
		sqlite3_exec(tm->db, "ROLLBACK", NULL, NULL, NULL);
		return rc;
	}
	if ((rc = tmk_tm_exec(tm, "COMMIT", "cannot read the TM")) < 0)
		return rc;
	if (version == 0 && tables > 0)
		return tmk_error_set(TMK_EINPUT, "%s: not a tmkit TM (an SQLite file with other tables)",
				     tm->path);
	if (version > 0 && app != TMK_APPLICATION_ID)
		return tmk_error_set(TMK_EINPUT, "%s: not a tmkit TM", tm->path);
	if (version > latest)
		return tmk_error_set(TMK_EINPUT,
			"%s: TM schema version %d is newer than this tmkit knows (%d): update tmkit",
			tm->path, version, latest);
	if (version < latest && readonly)
		return tmk_error_set(TMK_EINPUT, "%s: TM schema version %d needs an upgrade: "
				     "open it once for writing (e.g. tmkit import)", tm->path, version);
	for (; version < latest; version++)
		if ((rc = apply_version(tm, version + 1)) < 0)
			return rc;
	return 0;
}

/* lang_in(RANGE, TAG): tmk_langtag_in_range() for the statements; NULL
 * arguments give NULL, as SQL's own functions do. */
static void sql_lang_in(sqlite3_context *cx, int argc, sqlite3_value **argv)
{
	const char *range = (const char *)sqlite3_value_text(argv[0]);
	const char *tag = (const char *)sqlite3_value_text(argv[1]);

	(void)argc;
	if (!range || !tag)
		sqlite3_result_null(cx);
	else
		sqlite3_result_int(cx, tmk_langtag_in_range(range, tag));
}

void tmk_tm_free(tmk_tm *tm)
{
	if (!tm)
		return;
	for (int i = 0; i < STMT__COUNT; i++)
		sqlite3_finalize(tm->stmt[i]);
	sqlite3_close(tm->db);
	tmk_word_cache_free(tm->words);
	tmk_buf_release(&tm->scratch[0]);
	tmk_buf_release(&tm->scratch[1]);
	free(tm->path);
	free(tm);
}

/* Can this process write PATH and create files beside it (WAL's -shm and
 * -wal)?  Not on read-only media, in a read-only folder or for a file
 * without write permission. */
static int writable_here(const char *path)
{
	const char *slash = strrchr(path, '/');
	char dir[4096];

	if (access(path, W_OK) != 0)
		return 0;
	if (!slash)
		return access(".", W_OK) == 0;
	snprintf(dir, sizeof(dir), "%.*s", (int)(slash == path ? 1 : slash - path), path);
	return access(dir, W_OK) == 0;
}

/* Does PATH's WAL hold writes not yet in the file? */
static int wal_pending(const char *path)
{
	char wal[4200];
	struct stat sb;

	snprintf(wal, sizeof(wal), "%s-wal", path);
	return stat(wal, &sb) == 0 && sb.st_size > 0;
}

/* PATH as an SQLite URI with QUERY ("mode=ro", "immutable=1"): '?', '#'
 * and '%' in the path escaped.  NULL when out of memory. */
static char *uri_of(const char *path, const char *query)
{
	tmk_buf b = TMK_BUF_INIT;

	tmk_buf_puts(&b, "file:");
	for (const char *p = path; *p; p++)
		if (*p == '?' || *p == '#' || *p == '%')
			tmk_buf_printf(&b, "%%%02X", (unsigned char)*p);
		else
			tmk_buf_putc(&b, *p);
	if (tmk_buf_printf(&b, "?%s", query) < 0) {
		tmk_buf_release(&b);
		return NULL;
	}
	return b.ptr;
}

/*
 * Open TM's database.  Read-only where nothing may be written: WAL needs a
 * -shm file beside the TM, which a read-only folder cannot hold and which,
 * made by a reader of a write-protected file, would be left with that
 * file's permissions and block the next writer.  Then, if no writes wait
 * in a -wal, the file is opened immutable (SQLite creates nothing and takes
 * no locks); else read-only through the existing -shm.
 */
static int open_db(tmk_tm *tm, const char *path, int readonly)
{
	int oflags = readonly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
	char *uri = NULL;
	int rc;

	if (readonly && !writable_here(path)) {
		if (!(uri = uri_of(path, wal_pending(path) ? "mode=ro" : "immutable=1")))
			return tmk_error_oom();
		oflags |= SQLITE_OPEN_URI;
	}
	rc = sqlite3_open_v2(uri ? uri : path, &tm->db, oflags | SQLITE_OPEN_NOMUTEX, NULL);
	free(uri);
	if (rc != SQLITE_OK)
		return tm->db ? tmk_tm_dberr(tm, "cannot open the TM") : tmk_error_oom();
	return 0;
}

int tmk_tm_open_with(tmk_tm **out, const char *path, unsigned flags, const tmk_tm_wait *wait)
{
	int readonly = (flags & TMK_TM_READONLY) != 0, rc;
	tmk_tm *tm;
	struct stat sb;

	*out = NULL;
	if ((readonly || (flags & TMK_TM_TRY_WRITE)) && stat(path, &sb) != 0)
		return tmk_error_set(TMK_EIO, "no TM at '%s' (import something first)", path);
	if (flags & TMK_TM_TRY_WRITE)
		readonly = !writable_here(path);
	else if (!readonly && stat(path, &sb) == 0 && !writable_here(path))
		return tmk_error_set(TMK_EIO, "%s: cannot write to the TM: no write permission on it or its "
				     "folder, or a read-only medium (reading it still works)", path);
	if (!readonly && (rc = tmk_make_parents(path)) < 0)
		return rc;
	tm = calloc(1, sizeof(*tm));
	if (!tm || !(tm->path = strdup(path))) {
		free(tm);
		return tmk_error_oom();
	}
	tm->readonly = readonly;
	tm->wait.wait_ms = -1;
	if (wait)
		tm->wait = *wait;
	if ((rc = open_db(tm, path, readonly)) < 0) {
		tmk_tm_free(tm);
		return rc;
	}
	sqlite3_busy_handler(tm->db, busy_handler, tm);
	sqlite3_extended_result_codes(tm->db, 1);
	sqlite3_create_function(tm->db, "lang_in", 2, SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS,
				NULL, sql_lang_in, NULL, NULL);
	/* a new file: larger pages make the indexes shallower (no effect on an
	 * existing TM, whose page size is fixed) */
	rc = readonly ? 0 : tmk_tm_exec(tm, "PRAGMA page_size = 16384", "cannot open the TM");
	if (rc == 0 && !readonly)
		rc = use_wal(tm);
	if (rc == 0)
		rc = tmk_tm_exec(tm, readonly ? "PRAGMA foreign_keys = ON; PRAGMA mmap_size = " TMK_TM_MMAP :
			  "PRAGMA synchronous = NORMAL;"
			  " PRAGMA foreign_keys = ON; PRAGMA cache_size = " TMK_TM_CACHE ";"
			  " PRAGMA temp_store = MEMORY", "cannot open the TM");
	if (rc == 0)
		rc = migrate(tm, readonly);
	if (rc < 0) {
		if (sqlite3_errcode(tm->db) == SQLITE_NOTADB)
			rc = tmk_error_set(TMK_EINPUT, "%s: not a tmkit TM (not an SQLite file)", path);
		tmk_tm_free(tm);
		return rc;
	}
	*out = tm;
	return 0;
}

const char *tmk_tm_path(const tmk_tm *tm)
{
	return tm->path;
}

int tmk_tm_open(tmk_tm **out, const char *path, unsigned flags)
{
	return tmk_tm_open_with(out, path, flags, NULL);
}
