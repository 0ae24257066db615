/* test_remove.c - undoing imports (remove.c): dates for --since, units
 * shared with another file, since, ids, names that match nothing, a
 * failure rolled back, a TM changed after the count, and the round trip:
 * remove a file, import it again, and the TM is what it was (issue 12). */
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "concord.h"
#include "error.h"
#include "export.h"
#include "import.h"
#include "lookup.h"
#include "remove.h"
#include "tests.h"
#include "tm.h"

#define SECURITY_TMX TMK_TEST_DATA "/../cli/fixtures/security.tmx"

static char dir[64], path[96];

static void setup(void)
{
	snprintf(dir, sizeof(dir), "/tmp/tmkit-remove-XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/t.tm", dir);
}

static void teardown(void)
{
	char cmd[160];

	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	ck_assert_int_eq(system(cmd), 0);
}

/* ---- helpers ------------------------------------------------------------- */

static int64_t query_int(const char *sql)
{
	sqlite3 *db;
	sqlite3_stmt *st;
	int64_t v = -1;

	ck_assert_int_eq(sqlite3_open(path, &db), SQLITE_OK);
	ck_assert_int_eq(sqlite3_prepare_v2(db, sql, -1, &st, NULL), SQLITE_OK);
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	sqlite3_close(db);
	return v;
}

static void exec(const char *sql)
{
	sqlite3 *db;

	ck_assert_int_eq(sqlite3_open(path, &db), SQLITE_OK);
	ck_assert_int_eq(sqlite3_exec(db, sql, NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
}

/* Write TEXT to DIR/NAME; its path into OUT. */
static void write_file(char *out, size_t size, const char *name, const char *text)
{
	FILE *f;

	snprintf(out, size, "%s/%s", dir, name);
	ck_assert_ptr_nonnull(f = fopen(out, "w"));
	fputs(text, f);
	fclose(f);
}

static void import(tmk_tm *tm, const char *file)
{
	tmk_import_report rep;
	tmk_import_opts o = { 0 };

	ck_assert_msg(tmk_import_file(tm, &rep, file, &o) == 0, "%s", tmk_error_last());
	tmk_import_report_release(&rep);
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Append ST's row to the lines LINES, column by column, leaving out
 * those named id and unit_id (ids change when a unit is imported again),
 * the dates unless DATES, and putting KEY (the unit's texts) first. */
static void add_row(char ***lines, size_t *n, const char *table, const char *key, sqlite3_stmt *st,
		    int dates)
{
	tmk_buf b = TMK_BUF_INIT;

	tmk_buf_printf(&b, "%s|%s", table, key);
	for (int i = 0; i < sqlite3_column_count(st); i++) {
		const char *col = sqlite3_column_name(st, i);
		const char *v = (const char *)sqlite3_column_text(st, i);
		if (!strcmp(col, "id") || !strcmp(col, "unit_id") ||
		    (!dates && (!strcmp(col, "created_at") || !strcmp(col, "changed_at"))))
			continue;
		tmk_buf_printf(&b, "|%s=%s", col, v ? v : "NULL");
	}
	*lines = realloc(*lines, (*n + 1) * sizeof(char *));
	(*lines)[(*n)++] = tmk_buf_detach(&b);
}

/* The text of unit ID, which stands for it in a snapshot. */
static void unit_key(sqlite3 *db, int64_t id, char *out, size_t size)
{
	sqlite3_stmt *st;

	ck_assert_int_eq(sqlite3_prepare_v2(db, "SELECT src_lang || '>' || tgt_lang || ' ' || source"
					    " || ' = ' || target FROM unit WHERE id = ?1", -1, &st, NULL), SQLITE_OK);
	sqlite3_bind_int64(st, 1, id);
	ck_assert_int_eq(sqlite3_step(st), SQLITE_ROW);
	snprintf(out, size, "%s", (const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
}

/* Every row of table T, each keyed by its unit's text; provenance names
 * its origin instead of the origin's id. */
static void dump_table(sqlite3 *db, const char *t, char ***lines, size_t *n, int dates)
{
	char sql[256], key[1024];
	sqlite3_stmt *st;

	/* the table name comes from the schema itself (a test, not the product) */
	if (!strcmp(t, "unit_origin"))
		snprintf(sql, sizeof(sql), "SELECT p.unit_id, o.name AS origin, o.format, p.position,"
			 " p.document FROM unit_origin p JOIN origin o ON o.id = p.origin_id");
	else if (!strcmp(t, "unit"))
		snprintf(sql, sizeof(sql), "SELECT id AS unit_id, * FROM unit");
	else
		snprintf(sql, sizeof(sql), "SELECT * FROM \"%s\"", t);
	ck_assert_int_eq(sqlite3_prepare_v2(db, sql, -1, &st, NULL), SQLITE_OK);
	while (sqlite3_step(st) == SQLITE_ROW) {
		int64_t id = 0;
		for (int i = 0; i < sqlite3_column_count(st); i++)
			if (!strcmp(sqlite3_column_name(st, i), "unit_id"))
				id = sqlite3_column_int64(st, i);
		unit_key(db, id, key, sizeof(key));
		add_row(lines, n, t, key, st, dates);
	}
	sqlite3_finalize(st);
}

/*
 * The TM's content as sorted lines, independent of unit and origin ids:
 * every unit, and every row of every table with a unit_id column (notes,
 * provenance, whatever a migration adds), keyed by the unit's text; the
 * origins by name.  Import dates of TSV units are the import's time, so a
 * TSV round trip compares without DATES.  Freed by the caller.
 */
static char *snapshot(int dates)
{
	sqlite3 *db;
	sqlite3_stmt *st;
	char **lines = NULL, *out;
	size_t n = 0;
	tmk_buf b = TMK_BUF_INIT;

	ck_assert_int_eq(sqlite3_open(path, &db), SQLITE_OK);
	ck_assert_int_eq(sqlite3_prepare_v2(db, "SELECT DISTINCT m.name FROM sqlite_schema m,"
					    " pragma_table_info(m.name) p WHERE m.type = 'table'"
					    " AND (p.name = 'unit_id' OR m.name = 'unit') ORDER BY 1",
					    -1, &st, NULL), SQLITE_OK);
	while (sqlite3_step(st) == SQLITE_ROW) {
		char *t = strdup((const char *)sqlite3_column_text(st, 0));
		dump_table(db, t, &lines, &n, dates);
		free(t);
	}
	sqlite3_finalize(st);
	ck_assert_int_eq(sqlite3_prepare_v2(db, "SELECT name, format, tool FROM origin", -1, &st, NULL),
			 SQLITE_OK);
	while (sqlite3_step(st) == SQLITE_ROW)
		add_row(&lines, &n, "origin", "", st, dates);
	sqlite3_finalize(st);
	sqlite3_close(db);
	qsort(lines, n, sizeof(char *), cmp_str);
	for (size_t i = 0; i < n; i++) {
		tmk_buf_printf(&b, "%s\n", lines[i]);
		free(lines[i]);
	}
	free(lines);
	out = tmk_buf_detach(&b);
	return out ? out : strdup("");
}

/* The word index agrees with the unit table (FTS5's own check: an entry
 * of a deleted unit left behind fails it). */
static void index_consistent(void)
{
	exec("INSERT INTO unit_words(unit_words) VALUES ('integrity-check')");
}

/* How many units hold WORD in the word index. */
static int64_t indexed(const char *word)
{
	char sql[160];

	snprintf(sql, sizeof(sql), "SELECT count(*) FROM unit_words WHERE unit_words MATCH '%s'", word);
	return query_int(sql);
}

/* The TMX export of the whole TM, without the header (it holds the time
 * of the export). */
static char *export_tmx(tmk_tm *tm)
{
	tmk_export_opts o = { .format = TMK_EXPORT_TMX };
	char *text = NULL, *h, *e;
	size_t len = 0, count;
	FILE *f = open_memstream(&text, &len);

	ck_assert_ptr_nonnull(f);
	ck_assert_int_eq(tmk_export(tm, f, &o, &count), 0);
	fclose(f);
	ck_assert_ptr_nonnull(h = strstr(text, "<header"));
	ck_assert_ptr_nonnull(e = strchr(h, '>'));
	memmove(h, e + 1, strlen(e + 1) + 1);
	return text;
}

static tmk_remove_sel by_origin(const char *name)
{
	tmk_remove_sel s = { 0 };

	s.origin = name;
	return s;
}

/* ---- dates for --since ----------------------------------------------------- */

static const struct {
	const char *in, *out;   /* out NULL: refused, with ERR in the message */
	const char *err;
} dates[] = {
	{ "2024-03-15", "2024-03-15T00:00:00Z", NULL },
	{ "2024-03-15T10:30:00Z", "2024-03-15T10:30:00Z", NULL },
	{ "2024-03-15T10:30Z", "2024-03-15T10:30:00Z", NULL },
	{ "2024-03-15 10:30:07z", "2024-03-15T10:30:07Z", NULL },
	{ "2024-03-15T11:30:00+01:00", "2024-03-15T10:30:00Z", NULL },
	{ "2024-03-15T11:30:00+0100", "2024-03-15T10:30:00Z", NULL },
	{ "2024-03-15T01:00:00+02", "2024-03-14T23:00:00Z", NULL },         /* the day before */
	{ "2024-03-01T00:30:00+01:00", "2024-02-29T23:30:00Z", NULL },      /* leap year */
	{ "2023-12-31T22:00:00-05:00", "2024-01-01T03:00:00Z", NULL },      /* the next year */
	{ "2024-03-15T10:30:00.250Z", "2024-03-15T10:30:01Z", NULL },       /* a fraction rounds up */
	{ "2024-03-15T10:30:00.000Z", "2024-03-15T10:30:00Z", NULL },
	{ "2024-03-15T10:30", NULL, "has no time zone: add Z" },
	{ "2024-02-30", NULL, "no such date" },
	{ "2023-02-29", NULL, "no such date" },
	{ "2024-13-01", NULL, "no such date" },
	{ "2024-03-15T24:00Z", NULL, "no such time of day" },
	{ "2024-03-15T10:60Z", NULL, "no such time of day" },
	{ "yesterday", NULL, "is not a date" },
	{ "2024-3-15", NULL, "is not a date" },
	{ "2024-03-15x", NULL, "is not a date" },
	{ "2024-03-15T10:30:00+1", NULL, "is not a time" },
	{ "2024-03-15T10:30:00Z junk", NULL, "is not a time" },
	{ "2024-03-15T10", NULL, "is not a time" },
	{ "", NULL, "is not a date" },
};

START_TEST(parse_since)
{
	char out[32] = "";
	int rc = tmk_remove_parse_since(out, dates[_i].in);

	if (dates[_i].out) {
		ck_assert_msg(rc == 0, "%s: %s", dates[_i].in, tmk_error_last());
		ck_assert_str_eq(out, dates[_i].out);
	} else {
		ck_assert_int_eq(rc, TMK_EINVAL);
		ck_assert_msg(strstr(tmk_error_last(), dates[_i].err), "%s: %s", dates[_i].in,
			      tmk_error_last());
	}
}
END_TEST

/* ---- removing -------------------------------------------------------------- */

/* A.tsv and B.tsv share one pair (and A has another twice): removing A
 * deletes A's own units, keeps the shared one with B's provenance and its
 * import count back at 1; importing A again gives the same TM. */
START_TEST(shared_units_and_reimport_tsv)
{
	char a[128], b[128], *before, *after;
	tmk_tm *tm;
	tmk_remove_plan p;
	tmk_remove_sel sel;

	write_file(a, sizeof(a), "a.tsv", "Eins.\tOne.\nGemeinsam.\tShared.\nEins.\tOne.\n");
	write_file(b, sizeof(b), "b.tsv", "Gemeinsam.\tShared.\nZwei.\tTwo.\n");
	ck_assert_int_eq(tmk_tm_open(&tm, path, 0), 0);
	import(tm, b);
	import(tm, a);
	before = snapshot(0);
	ck_assert_int_eq(query_int("SELECT seen_count FROM unit WHERE source = 'Gemeinsam.'"), 2);
	ck_assert_int_eq(query_int("SELECT seen_count FROM unit WHERE source = 'Eins.'"), 2);

	sel = by_origin(a);
	ck_assert_int_eq(tmk_remove_plan_get(tm, &p, &sel), 0);
	ck_assert_int_eq(p.units, 1);           /* Eins. */
	ck_assert_int_eq(p.kept, 1);            /* Gemeinsam. */
	ck_assert_int_eq(p.records, 3);         /* Eins. twice, Gemeinsam. once */
	ck_assert_int_eq(p.origins_removed, 1);
	ck_assert_uint_eq(p.norigins, 1);
	ck_assert_str_eq(p.origins[0].name, a);
	ck_assert_str_eq(p.origins[0].format, "tsv");
	ck_assert_int_eq(p.origins[0].records, 3);
	ck_assert_int_eq(p.origins[0].removed, 1);
	tmk_remove_plan_release(&p);
	{
		char *same = snapshot(0);       /* a plan changes nothing */
		ck_assert_str_eq(same, before);
		free(same);
	}

	ck_assert_int_eq(tmk_remove_apply(tm, &p, &sel, NULL), 0);
	ck_assert_int_eq(p.units, 1);
	ck_assert_int_eq(p.kept, 1);
	ck_assert_int_eq(p.records, 3);
	tmk_remove_plan_release(&p);
	ck_assert_int_eq(query_int("SELECT count(*) FROM unit"), 2);
	ck_assert_int_eq(query_int("SELECT count(*) FROM unit WHERE source = 'Eins.'"), 0);
	ck_assert_int_eq(query_int("SELECT seen_count FROM unit WHERE source = 'Gemeinsam.'"), 1);
	ck_assert_int_eq(query_int("SELECT count(*) FROM unit_origin"), 2);
	ck_assert_int_eq(query_int("SELECT count(*) FROM origin"), 1);
	ck_assert_int_eq(indexed("eins"), 0);
	ck_assert_int_eq(indexed("gemeinsam"), 1);
	index_consistent();

	import(tm, a);
	after = snapshot(0);
	ck_assert_str_eq(after, before);
	index_consistent();
	tmk_tm_free(tm);
	free(before);
	free(after);
}
END_TEST

/* The TMX fixture (tuids, dates, notes, properties, inline markup),
 * imported after a TSV: removed, nothing of it is found by lookup or
 * concordance; imported again, the units and the TMX export are as they
 * were, dates and all. */
START_TEST(reimport_tmx_same_tm)
{
	char tsv[128], *before, *after, *tmx_before, *tmx_after;
	tmk_tm *tm;
	tmk_remove_plan p;
	tmk_remove_sel sel = by_origin(SECURITY_TMX);
	tmk_match *m;
	tmk_concord_hit *h;
	tmk_lookup_opts lo = { 0 };
	tmk_concord_opts co = { 0 };
	size_t n;
	const char *q = "Die Anschläge in Moskau wurden von der Gruppe vorbereitet.";

	write_file(tsv, sizeof(tsv), "x.tsv", "Die Polizei nahm zwei Männer fest.\tPolice arrested two men.\n");
	ck_assert_int_eq(tmk_tm_open(&tm, path, 0), 0);
	import(tm, tsv);
	import(tm, SECURITY_TMX);
	before = snapshot(1);
	tmx_before = export_tmx(tm);
	ck_assert_int_eq(query_int("SELECT count(*) FROM unit_note"), 3);
	ck_assert_int_eq(tmk_lookup(tm, &m, &n, q, strlen(q), &lo), 0);
	ck_assert_uint_eq(n, 1);
	tmk_matches_free(m, n);

	ck_assert_int_eq(tmk_remove_apply(tm, &p, &sel, NULL), 0);
	ck_assert_int_eq(p.units, 5);
	ck_assert_int_eq(p.kept, 0);
	tmk_remove_plan_release(&p);
	ck_assert_int_eq(query_int("SELECT count(*) FROM unit"), 1);
	ck_assert_int_eq(query_int("SELECT count(*) FROM unit_note"), 0);
	ck_assert_int_eq(query_int("SELECT count(*) FROM origin"), 1);
	index_consistent();
	/* nothing of it is found any more */
	ck_assert_int_eq(tmk_lookup(tm, &m, &n, q, strlen(q), &lo), 0);
	ck_assert_uint_eq(n, 0);
	tmk_matches_free(m, n);
	ck_assert_int_ge(tmk_concord(tm, &h, &n, "Anschlag", 8, &co), 0);
	ck_assert_uint_eq(n, 0);
	tmk_concord_free(h, n);
	ck_assert_int_eq(indexed("moskau"), 0);
	ck_assert_int_eq(indexed("polizei"), 1);

	import(tm, SECURITY_TMX);
	after = snapshot(1);
	ck_assert_str_eq(after, before);
	tmx_after = export_tmx(tm);
	ck_assert_str_eq(tmx_after, tmx_before);
	ck_assert_int_eq(tmk_concord(tm, &h, &n, "Anschlag", 8, &co), 0);
	ck_assert_uint_eq(n, 3);
	tmk_concord_free(h, n);
	index_consistent();
	tmk_tm_free(tm);
	free(before);
	free(after);
	free(tmx_before);
	free(tmx_after);
}
END_TEST

/* --since takes every import at or after the time, and only those; a
 * unit an older import also has stays. */
START_TEST(since)
{
	char a[128], b[128], c[128], t[32];
	tmk_tm *tm;
	tmk_remove_plan p;
	tmk_remove_sel sel = { 0 };

	write_file(a, sizeof(a), "old.tsv", "Alt.\tOld.\nGemeinsam.\tShared.\n");
	write_file(b, sizeof(b), "new.tsv", "Neu.\tNew.\nGemeinsam.\tShared.\n");
	write_file(c, sizeof(c), "newer.tsv", "Neuer.\tNewer.\n");
	ck_assert_int_eq(tmk_tm_open(&tm, path, 0), 0);
	import(tm, a);
	import(tm, b);
	import(tm, c);
	tmk_tm_free(tm);
	exec("UPDATE origin SET imported_at = '2024-01-10T08:00:00Z' WHERE name LIKE '%/old.tsv';"
	     "UPDATE origin SET imported_at = '2024-03-15T09:30:00Z' WHERE name LIKE '%/new.tsv';"
	     "UPDATE origin SET imported_at = '2024-03-15T10:30:00Z' WHERE name LIKE '%/newer.tsv'");
	ck_assert_int_eq(tmk_tm_open(&tm, path, 0), 0);

	/* 10:30 at UTC+1 is 09:30 UTC: new.tsv is in, exactly at the bound */
	ck_assert_int_eq(tmk_remove_parse_since(t, "2024-03-15T10:30:00+01:00"), 0);
	sel.since = t;
	ck_assert_int_eq(tmk_remove_plan_get(tm, &p, &sel), 0);
	ck_assert_uint_eq(p.norigins, 2);
	ck_assert_str_eq(p.origins[0].name, b);         /* oldest first */
	ck_assert_str_eq(p.origins[1].name, c);
	ck_assert_int_eq(p.units, 2);
	ck_assert_int_eq(p.kept, 1);
	ck_assert_int_eq(p.origins_removed, 2);
	tmk_remove_plan_release(&p);

	/* one second later: only newer.tsv */
	ck_assert_int_eq(tmk_remove_parse_since(t, "2024-03-15T09:30:01Z"), 0);
	ck_assert_int_eq(tmk_remove_apply(tm, &p, &sel, NULL), 0);
	ck_assert_int_eq(p.units, 1);
	ck_assert_uint_eq(p.norigins, 1);
	ck_assert_str_eq(p.origins[0].name, c);
	tmk_remove_plan_release(&p);
	ck_assert_int_eq(query_int("SELECT count(*) FROM unit"), 3);

	ck_assert_int_eq(tmk_remove_parse_since(t, "2024-03-15"), 0);
	ck_assert_int_eq(tmk_remove_apply(tm, &p, &sel, NULL), 0);
	ck_assert_int_eq(p.units, 1);
	ck_assert_int_eq(p.kept, 1);
	tmk_remove_plan_release(&p);
	ck_assert_int_eq(query_int("SELECT count(*) FROM unit"), 2);
	ck_assert_int_eq(query_int("SELECT seen_count FROM unit WHERE source = 'Gemeinsam.'"), 1);
	ck_assert_int_eq(query_int("SELECT count(*) FROM origin"), 1);

	/* the future: nothing matches, and nothing is an empty plan, not an error */
	ck_assert_int_eq(tmk_remove_parse_since(t, "2999-01-01"), 0);
	ck_assert_int_eq(tmk_remove_apply(tm, &p, &sel, NULL), 0);
	ck_assert(tmk_remove_plan_empty(&p));
	tmk_remove_plan_release(&p);
	index_consistent();
	tmk_tm_free(tm);
}
END_TEST

/* --id takes exactly the units named, whatever their origins; with
 * --origin only those the origin brought, and then the origin stays when
 * it has other units. */
START_TEST(by_ids)
{
	char a[128], b[128];
	tmk_tm *tm;
	tmk_remove_plan p;
	tmk_remove_sel sel = { 0 };
	int64_t ids[3];

	write_file(a, sizeof(a), "a.tsv", "Eins.\tOne.\nZwei.\tTwo.\nDrei.\tThree.\n");
	write_file(b, sizeof(b), "b.tsv", "Zwei.\tTwo.\n");
	ck_assert_int_eq(tmk_tm_open(&tm, path, 0), 0);
	import(tm, a);
	import(tm, b);

	/* unit 2 (Zwei.) has two origins: --id deletes it all the same */
	ids[0] = 2;
	ids[1] = 2;     /* twice is once */
	sel.ids = ids;
	sel.nids = 2;
	ck_assert_int_eq(tmk_remove_apply(tm, &p, &sel, NULL), 0);
	ck_assert_int_eq(p.units, 1);
	ck_assert_int_eq(p.kept, 0);
	ck_assert_int_eq(p.records, 2);
	ck_assert_int_eq(p.origins_removed, 0);         /* --id leaves origins alone */
	ck_assert_uint_eq(p.norigins, 2);
	tmk_remove_plan_release(&p);
	ck_assert_int_eq(query_int("SELECT count(*) FROM unit WHERE id = 2"), 0);
	ck_assert_int_eq(query_int("SELECT count(*) FROM origin"), 2);
	ck_assert_int_eq(indexed("zwei"), 0);

	/* an id no unit has: an error naming it, nothing deleted */
	ids[0] = 1;
	ids[1] = 2;
	ids[2] = 99;
	sel.nids = 3;
	ck_assert_int_eq(tmk_remove_apply(tm, &p, &sel, NULL), TMK_ENOTFOUND);
	ck_assert_str_eq(tmk_error_last(), "no units 2, 99 in the TM");
	tmk_remove_plan_release(&p);
	ck_assert_int_eq(query_int("SELECT count(*) FROM unit"), 2);

	/* AND: unit 1 is a.tsv's, unit 3 too; b.tsv has neither */
	ids[0] = 1;
	ids[1] = 3;
	sel.nids = 2;
	sel.origin = b;
	ck_assert_int_eq(tmk_remove_plan_get(tm, &p, &sel), 0);
	ck_assert(tmk_remove_plan_empty(&p));
	tmk_remove_plan_release(&p);
	sel.origin = a;
	sel.nids = 1;
	ck_assert_int_eq(tmk_remove_apply(tm, &p, &sel, NULL), 0);
	ck_assert_int_eq(p.units, 1);
	ck_assert_int_eq(p.origins_removed, 0);         /* a.tsv still has Drei. */
	tmk_remove_plan_release(&p);
	/* the last of a.tsv by id and origin: now the import record goes */
	ids[0] = 3;
	ck_assert_int_eq(tmk_remove_apply(tm, &p, &sel, NULL), 0);
	ck_assert_int_eq(p.origins_removed, 1);
	tmk_remove_plan_release(&p);
	ck_assert_int_eq(query_int("SELECT count(*) FROM unit"), 0);
	ck_assert_int_eq(query_int("SELECT count(*) FROM origin"), 1);  /* b.tsv: --origin was a.tsv */
	index_consistent();
	tmk_tm_free(tm);
}
END_TEST

/* A name no import has: an error, close names offered (the same file by
 * another path, a typo), nothing touched.  An empty selection is refused. */
START_TEST(no_match)
{
	char a[128], *before, *after;
	tmk_tm *tm;
	tmk_remove_plan p;
	tmk_remove_sel sel = by_origin("security.tmx"), none = { 0 };

	write_file(a, sizeof(a), "a.tsv", "Eins.\tOne.\n");
	ck_assert_int_eq(tmk_tm_open(&tm, path, 0), 0);
	import(tm, a);
	import(tm, SECURITY_TMX);
	before = snapshot(1);
	ck_assert_int_eq(tmk_remove_plan_get(tm, &p, &sel), TMK_ENOTFOUND);
	ck_assert_str_eq(tmk_error_last(), "no import named 'security.tmx' in the TM");
	ck_assert_uint_eq(p.nsimilar, 1);
	ck_assert_str_eq(p.similar[0], SECURITY_TMX);
	tmk_remove_plan_release(&p);

	sel.origin = "/elsewhere/a.tsv";        /* the same file name */
	ck_assert_int_eq(tmk_remove_apply(tm, &p, &sel, NULL), TMK_ENOTFOUND);
	ck_assert_uint_eq(p.nsimilar, 1);
	ck_assert_str_eq(p.similar[0], a);
	tmk_remove_plan_release(&p);

	sel.origin = "securty.tmx";             /* a typo */
	ck_assert_int_eq(tmk_remove_plan_get(tm, &p, &sel), TMK_ENOTFOUND);
	ck_assert_uint_eq(p.nsimilar, 1);
	tmk_remove_plan_release(&p);

	sel.origin = "glossary.csv";            /* nothing like it */
	ck_assert_int_eq(tmk_remove_plan_get(tm, &p, &sel), TMK_ENOTFOUND);
	ck_assert_uint_eq(p.nsimilar, 0);
	ck_assert_ptr_nonnull(strstr(tmk_error_last(), "tmkit stats lists the imports"));
	tmk_remove_plan_release(&p);

	ck_assert_int_eq(tmk_remove_plan_get(tm, &p, &none), TMK_EINVAL);
	tmk_remove_plan_release(&p);
	ck_assert_int_eq(tmk_remove_apply(tm, &p, &none, NULL), TMK_EINVAL);
	tmk_remove_plan_release(&p);
	after = snapshot(1);
	ck_assert_str_eq(after, before);
	tmk_tm_free(tm);
	free(before);
	free(after);
}
END_TEST

/* A failure in the middle of the deletion (here the last step, removing
 * the origin row, after units, notes, provenance and index entries went)
 * rolls all of it back. */
START_TEST(rollback_on_failure)
{
	char a[128], *before, *after;
	tmk_tm *tm;
	tmk_remove_plan p;
	tmk_remove_sel sel = by_origin(SECURITY_TMX);

	write_file(a, sizeof(a), "a.tsv", "Eins.\tOne.\n");
	ck_assert_int_eq(tmk_tm_open(&tm, path, 0), 0);
	import(tm, a);
	import(tm, SECURITY_TMX);
	tmk_tm_free(tm);
	before = snapshot(1);
	exec("CREATE TRIGGER fail_origin BEFORE DELETE ON origin BEGIN SELECT RAISE(ABORT, 'disk on fire'); END");

	ck_assert_int_eq(tmk_tm_open(&tm, path, 0), 0);
	ck_assert_int_lt(tmk_remove_apply(tm, &p, &sel, NULL), 0);
	ck_assert_ptr_nonnull(strstr(tmk_error_last(), "disk on fire"));
	tmk_remove_plan_release(&p);
	after = snapshot(1);
	ck_assert_str_eq(after, before);
	ck_assert_int_eq(indexed("moskau"), 1);
	index_consistent();
	/* the TM is usable afterwards: no transaction left open */
	exec("DROP TRIGGER fail_origin");
	ck_assert_int_eq(tmk_remove_apply(tm, &p, &sel, NULL), 0);
	ck_assert_int_eq(p.units, 5);
	tmk_remove_plan_release(&p);
	tmk_tm_free(tm);
	free(before);
	free(after);
}
END_TEST

/* The TM changes between the count the user confirmed and the deletion
 * (another import of the same name): nothing is deleted. */
START_TEST(changed_after_count)
{
	char a[128], b[128];
	tmk_tm *tm, *other;
	tmk_remove_plan plan, done;
	tmk_remove_sel sel;

	write_file(a, sizeof(a), "a.tsv", "Eins.\tOne.\n");
	write_file(b, sizeof(b), "b.tsv", "Zwei.\tTwo.\n");
	ck_assert_int_eq(tmk_tm_open(&tm, path, 0), 0);
	import(tm, a);
	sel = by_origin(a);
	ck_assert_int_eq(tmk_remove_plan_get(tm, &plan, &sel), 0);
	ck_assert_int_eq(plan.units, 1);

	/* meanwhile another process imports a changed a.tsv */
	write_file(a, sizeof(a), "a.tsv", "Eins.\tOne.\nDrei.\tThree.\n");
	ck_assert_int_eq(tmk_tm_open(&other, path, 0), 0);
	import(other, a);
	import(other, b);
	tmk_tm_free(other);

	ck_assert_int_eq(tmk_remove_apply(tm, &done, &sel, &plan), TMK_ERROR);
	ck_assert_ptr_nonnull(strstr(tmk_error_last(), "the TM changed after the count"));
	tmk_remove_plan_release(&done);
	ck_assert_int_eq(query_int("SELECT count(*) FROM unit"), 3);
	ck_assert_int_eq(query_int("SELECT count(*) FROM origin"), 3);

	/* counted again and confirmed: it goes */
	tmk_remove_plan_release(&plan);
	ck_assert_int_eq(tmk_remove_plan_get(tm, &plan, &sel), 0);
	ck_assert_int_eq(plan.units, 2);
	ck_assert_int_eq(plan.records, 3);
	ck_assert_int_eq(plan.origins_removed, 2);
	ck_assert_int_eq(tmk_remove_apply(tm, &done, &sel, &plan), 0);
	ck_assert_int_eq(done.units, 2);
	tmk_remove_plan_release(&plan);
	tmk_remove_plan_release(&done);
	ck_assert_int_eq(query_int("SELECT count(*) FROM unit"), 1);
	tmk_remove_plan_release(NULL);
	tmk_tm_free(tm);
}
END_TEST

static Suite *remove_suite(void)
{
	Suite *s = suite_create("remove");
	TCase *tc = tcase_create("core");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_loop_test(tc, parse_since, 0, sizeof(dates) / sizeof(dates[0]));
	tcase_add_test(tc, shared_units_and_reimport_tsv);
	tcase_add_test(tc, reimport_tmx_same_tm);
	tcase_add_test(tc, since);
	tcase_add_test(tc, by_ids);
	tcase_add_test(tc, no_match);
	tcase_add_test(tc, rollback_on_failure);
	tcase_add_test(tc, changed_after_count);
	suite_add_tcase(s, tc);
	return s;
}

TEST_MAIN(remove_suite)
