/* test_tm.c - the TM store (tm.c) and the importer (import.c): schema and
 * version checks, duplicates, provenance, notes, rollback, stats. */
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "error.h"
#include "import.h"
#include "lookup.h"
#include "stats.h"
#include "tests.h"
#include "tm.h"

static char dir[64], path[96];

static void setup(void)
{
	snprintf(dir, sizeof(dir), "/tmp/tmkit-tm-XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/sub/dir/t.tm", dir);  /* parents are made */
}

static void teardown(void)
{
	char cmd[160];

	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	ck_assert_int_eq(system(cmd), 0);
}

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

static void exec(const char *p, const char *sql)
{
	sqlite3 *db;

	ck_assert_int_eq(sqlite3_open(p, &db), SQLITE_OK);
	ck_assert_int_eq(sqlite3_exec(db, sql, NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
}

START_TEST(create_and_reopen)
{
	tmk_tm *tm;

	ck_assert_int_eq(tmk_tm_open(&tm, path, 0), 0);
	tmk_tm_free(tm);
	ck_assert_int_eq(query_int("PRAGMA user_version"), 4);
	ck_assert_int_eq(query_int("PRAGMA application_id"), 0x544D4B54);
	ck_assert_int_eq(tmk_tm_open(&tm, path, TMK_TM_READONLY), 0);
	tmk_tm_free(tm);
	tmk_tm_free(NULL);
	/* a version 1 TM (before the term base) is upgraded when opened for
	 * writing, and refused read-only until then */
	exec(path, "DROP INDEX unit_origin_place; DROP TABLE term_word; DROP TABLE term; DROP TABLE concept;"
		   " DROP TABLE unit_attr;"
		   " ALTER TABLE unit_note DROP COLUMN scope; ALTER TABLE unit_note DROP COLUMN xml_lang;"
		   " ALTER TABLE unit_note DROP COLUMN o_encoding; PRAGMA user_version = 1");
	ck_assert_int_eq(tmk_tm_open(&tm, path, TMK_TM_READONLY), TMK_EINPUT);
	ck_assert_ptr_nonnull(strstr(tmk_error_last(), "needs an upgrade"));
	ck_assert_int_eq(tmk_tm_open(&tm, path, 0), 0);
	tmk_tm_free(tm);
	ck_assert_int_eq(query_int("PRAGMA user_version"), 4);
	ck_assert_int_eq(query_int("SELECT count(*) FROM sqlite_schema WHERE name = 'term'"), 1);
	ck_assert_int_eq(query_int("SELECT count(*) FROM sqlite_schema WHERE name = 'unit_origin_place'"), 1);
}
END_TEST

START_TEST(refuses_foreign_and_newer)
{
	tmk_tm *tm = (tmk_tm *)1;
	char other[128];

	snprintf(other, sizeof(other), "%s/other.db", dir);
	exec(other, "CREATE TABLE t(x)");
	ck_assert_int_eq(tmk_tm_open(&tm, other, 0), TMK_EINPUT);
	ck_assert_ptr_null(tm);
	ck_assert_ptr_nonnull(strstr(tmk_error_last(), "not a tmkit TM"));

	ck_assert_int_eq(tmk_tm_open(&tm, path, 0), 0);
	tmk_tm_free(tm);
	exec(path, "PRAGMA user_version = 99");
	ck_assert_int_eq(tmk_tm_open(&tm, path, 0), TMK_EINPUT);
	ck_assert_ptr_nonnull(strstr(tmk_error_last(), "newer than this tmkit knows"));

	ck_assert_int_eq(tmk_tm_open(&tm, "/nonexistent/x.tm", TMK_TM_READONLY), TMK_EIO);
}
END_TEST

static tmk_unit_in unit(const char *s, const char *t)
{
	tmk_unit_in u = { 0 };

	u.src_lang = "de";
	u.tgt_lang = "en";
	u.source = s;
	u.source_len = strlen(s);
	u.target = t;
	u.target_len = strlen(t);
	return u;
}

START_TEST(duplicates_provenance_notes)
{
	tmk_tm *tm;
	int64_t o1, o2;
	int added;
	tmk_note note = { .scope = TMK_SCOPE_UNIT, .kind = "note", .value = "geprüft" };
	tmk_unit_in a = unit("Der Anschlag.", "The attack."), b = unit("der anschlag.", "The attack.");

	ck_assert_int_eq(tmk_tm_open(&tm, path, 0), 0);
	ck_assert_int_eq(tmk_tm_begin(tm), 0);
	ck_assert_int_eq(tmk_tm_add_origin(tm, &o1, "one.tsv", "tsv", NULL), 0);
	ck_assert_int_eq(tmk_tm_add_origin(tm, &o2, "two.tmx", "tmx", "Tool 1"), 0);
	a.notes = &note;
	a.nnotes = 1;
	a.position = 3;
	ck_assert_int_eq(tmk_tm_add_unit(tm, &added, o1, &a), 0);
	ck_assert_int_eq(added, 1);
	a.position = 7;
	ck_assert_int_eq(tmk_tm_add_unit(tm, &added, o2, &a), 0);     /* same pair again */
	ck_assert_int_eq(added, 0);
	ck_assert_int_eq(tmk_tm_add_unit(tm, &added, o1, &b), 0);     /* differs in case: a unit */
	ck_assert_int_eq(added, 1);
	ck_assert_int_eq(tmk_tm_commit(tm), 0);
	tmk_tm_free(tm);

	ck_assert_int_eq(query_int("SELECT count(*) FROM unit"), 2);
	ck_assert_int_eq(query_int("SELECT seen_count FROM unit WHERE source = 'Der Anschlag.'"), 2);
	ck_assert_int_eq(query_int("SELECT count(*) FROM unit_origin"), 3);
	ck_assert_int_eq(query_int("SELECT count(*) FROM unit_note"), 1);     /* not doubled */
	ck_assert_int_eq(query_int("SELECT count(*) FROM unit_words WHERE unit_words MATCH 'anschlag'"), 2);
}
END_TEST

/* Issue 12: a version 2 TM (primary subtags, notes tied to a variant by
 * its language) becomes version 3 with its units found as before and
 * each note on the right side. */
START_TEST(migrate_v2_notes)
{
	tmk_tm *tm;
	int64_t o;
	int added;
	tmk_unit_in a = unit("Der Anschlag.", "The attack.");
	tmk_match *m;
	size_t n;
	tmk_lookup_opts lo = { .from = "de", .to = "en" };

	ck_assert_int_eq(tmk_tm_open(&tm, path, 0), 0);
	ck_assert_int_eq(tmk_tm_begin(tm), 0);
	ck_assert_int_eq(tmk_tm_add_origin(tm, &o, "x", "tsv", NULL), 0);
	ck_assert_int_eq(tmk_tm_add_unit(tm, &added, o, &a), 0);
	ck_assert_int_eq(tmk_tm_commit(tm), 0);
	tmk_tm_free(tm);
	exec(path, "DROP INDEX unit_origin_place; DROP TABLE unit_attr; ALTER TABLE unit_note DROP COLUMN scope;"
		   " ALTER TABLE unit_note DROP COLUMN xml_lang; ALTER TABLE unit_note DROP COLUMN o_encoding;"
		   " INSERT INTO unit_note(unit_id, lang, kind, type, value) VALUES (1, NULL, 'note', NULL, 'tu'),"
		   " (1, 'de', 'prop', 'x-a', 'src'), (1, 'en', 'note', NULL, 'tgt'); PRAGMA user_version = 2");
	ck_assert_int_eq(tmk_tm_open(&tm, path, 0), 0);
	ck_assert_int_eq(tmk_lookup(tm, &m, &n, "Der Anschlag.", 13, &lo), 0);
	ck_assert_uint_eq(n, 1);
	ck_assert_int_eq(m[0].score, 100);
	ck_assert_str_eq(m[0].source_lang, "de");
	tmk_matches_free(m, n);
	tmk_tm_free(tm);
	ck_assert_int_eq(query_int("PRAGMA user_version"), 4);
	ck_assert_int_eq(query_int("SELECT group_concat(scope, '') FROM (SELECT scope FROM unit_note ORDER BY id)"),
			 12);   /* 0, 1, 2: as a number, 012 */
}
END_TEST

/* Issue 12: full tags are stored as given in canonical case; two variants of
 * one language make a unit; a malformed tag is refused. */
START_TEST(full_language_tags)
{
	tmk_tm *tm;
	int64_t o;
	int added;
	tmk_unit_in a = unit("Die Strasse ist gesperrt.", "The road is closed.");
	tmk_unit_in b = unit("The colour is grey.", "The color is gray.");

	a.src_lang = "de_ch";
	a.tgt_lang = "en-gb";
	b.src_lang = "en-GB";
	b.tgt_lang = "en-US";
	ck_assert_int_eq(tmk_tm_open(&tm, path, 0), 0);
	ck_assert_int_eq(tmk_tm_begin(tm), 0);
	ck_assert_int_eq(tmk_tm_add_origin(tm, &o, "x", "tsv", NULL), 0);
	ck_assert_int_eq(tmk_tm_add_unit(tm, &added, o, &a), 0);
	ck_assert_int_eq(tmk_tm_add_unit(tm, &added, o, &b), 0);
	a.src_lang = "de-CH";           /* the same unit */
	a.tgt_lang = "en-GB";
	ck_assert_int_eq(tmk_tm_add_unit(tm, &added, o, &a), 0);
	ck_assert_int_eq(added, 0);
	a.src_lang = "de";              /* plain German: another unit */
	ck_assert_int_eq(tmk_tm_add_unit(tm, &added, o, &a), 0);
	ck_assert_int_eq(added, 1);
	a.src_lang = "de CH";
	ck_assert_int_eq(tmk_tm_add_unit(tm, &added, o, &a), TMK_EINVAL);
	ck_assert_ptr_nonnull(strstr(tmk_error_last(), "'de CH' is not a language tag"));
	b.tgt_lang = "en-gb";
	ck_assert_int_eq(tmk_tm_add_unit(tm, &added, o, &b), TMK_EINVAL);
	ck_assert_ptr_nonnull(strstr(tmk_error_last(), "both en-GB"));
	ck_assert_int_eq(tmk_tm_commit(tm), 0);
	tmk_tm_free(tm);
	ck_assert_int_eq(query_int("SELECT count(*) FROM unit WHERE src_lang = 'de-CH' AND tgt_lang = 'en-GB'"), 1);
	ck_assert_int_eq(query_int("SELECT count(*) FROM unit WHERE src_lang = 'en-GB' AND tgt_lang = 'en-US'"), 1);
	ck_assert_int_eq(query_int("SELECT count(*) FROM lang_pair"), 3);
}
END_TEST

START_TEST(rollback_leaves_nothing)
{
	tmk_tm *tm;
	int64_t o;
	int added;
	tmk_unit_in a = unit("Eins.", "One.");

	ck_assert_int_eq(tmk_tm_open(&tm, path, 0), 0);
	ck_assert_int_eq(tmk_tm_begin(tm), 0);
	ck_assert_int_eq(tmk_tm_add_origin(tm, &o, "x", "tsv", NULL), 0);
	ck_assert_int_eq(tmk_tm_add_unit(tm, &added, o, &a), 0);
	ck_assert_int_eq(tmk_tm_rollback(tm), 0);
	ck_assert_int_eq(tmk_tm_rollback(tm), 0);   /* nothing open: fine */
	tmk_tm_free(tm);
	ck_assert_int_eq(query_int("SELECT count(*) FROM unit"), 0);
	ck_assert_int_eq(query_int("SELECT count(*) FROM origin"), 0);
}
END_TEST

START_TEST(import_file_and_stats)
{
	char tsv[128], bad[128];
	tmk_tm *tm;
	tmk_import_report rep;
	tmk_import_opts o = { 0 };
	tmk_stats st;
	FILE *f;

	snprintf(tsv, sizeof(tsv), "%s/a.tsv", dir);
	snprintf(bad, sizeof(bad), "%s/b.csv", dir);
	f = fopen(tsv, "w");
	fputs("Eins\tOne\nZwei\tTwo\nEins\tOne\n", f);
	fclose(f);
	f = fopen(bad, "w");
	fputs("de,en\nDrei,Three\n\"Vier,Four\n", f);
	fclose(f);

	ck_assert_int_eq(tmk_tm_open(&tm, path, 0), 0);
	ck_assert_int_eq(tmk_import_file(tm, &rep, tsv, &o), 0);
	ck_assert_uint_eq(rep.added, 2);
	ck_assert_uint_eq(rep.duplicates, 1);
	tmk_import_report_release(&rep);
	ck_assert_int_eq(tmk_import_file(tm, &rep, bad, &o), TMK_EINPUT);
	ck_assert_ptr_nonnull(strstr(tmk_error_last(), "b.csv:3: unclosed quote"));
	ck_assert_uint_eq(rep.added, 0);
	tmk_import_report_release(&rep);
	ck_assert_int_eq(tmk_stats_get(tm, &st), 0);
	ck_assert_int_eq(st.units, 2);                  /* nothing of b.csv */
	ck_assert_uint_eq(st.norigins, 1);
	ck_assert_str_eq(st.pairs[0].src, "de");
	tmk_stats_release(&st);
	o.format = TMK_FMT_AUTO;
	ck_assert_int_eq(tmk_import_file(tm, &rep, "notes.xyz", &o), TMK_EINVAL);
	tmk_import_report_release(&rep);
	tmk_tm_free(tm);
}
END_TEST

START_TEST(default_path)
{
	tmk_buf b = TMK_BUF_INIT;

	setenv("TMKIT_TM", "/x/y.tm", 1);
	ck_assert_int_eq(tmk_tm_default_path(&b), 0);
	ck_assert_str_eq(b.ptr, "/x/y.tm");
	unsetenv("TMKIT_TM");
	setenv("XDG_DATA_HOME", "/data", 1);
	tmk_buf_clear(&b);
	ck_assert_int_eq(tmk_tm_default_path(&b), 0);
	ck_assert_str_eq(b.ptr, "/data/tmkit/default.tm");
	unsetenv("XDG_DATA_HOME");
	setenv("HOME", "/home/t", 1);
	tmk_buf_clear(&b);
	ck_assert_int_eq(tmk_tm_default_path(&b), 0);
	ck_assert_str_eq(b.ptr, "/home/t/.local/share/tmkit/default.tm");
	tmk_buf_release(&b);
}
END_TEST

static Suite *tm_suite(void)
{
	Suite *s = suite_create("tm");
	TCase *tc = tcase_create("core");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, create_and_reopen);
	tcase_add_test(tc, refuses_foreign_and_newer);
	tcase_add_test(tc, duplicates_provenance_notes);
	tcase_add_test(tc, rollback_leaves_nothing);
	tcase_add_test(tc, migrate_v2_notes);
	tcase_add_test(tc, full_language_tags);
	tcase_add_test(tc, import_file_and_stats);
	tcase_add_test(tc, default_path);
	suite_add_tcase(s, tc);
	return s;
}

TEST_MAIN(tm_suite)
