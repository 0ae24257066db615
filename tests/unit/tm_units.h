/*
 * tm_units.h - for tests that need a TM holding a few German-English
 * pairs: adds them, in one transaction, under one origin.
 */
#ifndef TMK_TEST_TM_UNITS_H
#define TMK_TEST_TM_UNITS_H

#include <string.h>

#include "tests.h"
#include "tm.h"

/* Add the N pairs UNITS (German source, English target) to TM under a new
 * origin "t" and commit. */
static inline void test_add_units(tmk_tm *tm, const char *const units[][2], size_t n)
{
	int64_t o;
	int added;

	ck_assert_int_eq(tmk_tm_begin(tm), 0);
	ck_assert_int_eq(tmk_tm_add_origin(tm, &o, "t", "tsv", NULL), 0);
	for (size_t i = 0; i < n; i++) {
		tmk_unit_in u = { 0 };
		u.src_lang = "de";
		u.tgt_lang = "en";
		u.source = units[i][0];
		u.source_len = strlen(units[i][0]);
		u.target = units[i][1];
		u.target_len = strlen(units[i][1]);
		ck_assert_int_eq(tmk_tm_add_unit(tm, &added, o, &u), 0);
	}
	ck_assert_int_eq(tmk_tm_commit(tm), 0);
}

#endif
