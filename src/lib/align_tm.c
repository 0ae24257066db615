/*
 * align_tm.c - an alignment into the TM; see align_tm.h.
 */
#include <stdio.h>
#include <string.h>

#include "align_tm.h"
#include "buf.h"
#include "error.h"

/* The sentences FROM..FROM+N-1 joined by spaces. */
static int join(tmk_buf *b, const tmk_align_sent *s, size_t from, size_t n)
{
	tmk_buf_clear(b);
	for (size_t k = 0; k < n; k++)
		if ((k && tmk_buf_putc(b, ' ') < 0) || tmk_buf_put(b, s[from + k].text, s[from + k].len) < 0)
			return TMK_ENOMEM;
	return 0;
}

int tmk_align_store(tmk_tm *tm, tmk_align_store_report *rep, const tmk_bead *beads, size_t n,
		    const tmk_align_sent *de, const tmk_align_sent *en,
		    const char *const langs[2], const char *de_name, const char *en_name,
		    double min_score)
{
	tmk_buf s = TMK_BUF_INIT, t = TMK_BUF_INIT, doc = TMK_BUF_INIT;
	int64_t origin;
	int rc;

	memset(rep, 0, sizeof(*rep));
	if ((rc = tmk_buf_printf(&doc, "%s -> %s", de_name, en_name)) < 0 || (rc = tmk_tm_begin(tm)) < 0)
		goto done;
	if ((rc = tmk_tm_add_origin(tm, &origin, de_name, "align", "tmkit align")) < 0)
		goto fail;
	for (size_t i = 0; i < n; i++) {
		tmk_unit_in u = { 0 };
		int added;

		if (!beads[i].nde || !beads[i].nen) {
			rep->one_sided++;
			continue;
		}
		if (beads[i].score < min_score) {
			rep->weak++;
			continue;
		}
		if ((rc = join(&s, de, beads[i].de, beads[i].nde)) < 0 ||
		    (rc = join(&t, en, beads[i].en, beads[i].nen)) < 0)
			goto fail;
		u.src_lang = langs[0];
		u.tgt_lang = langs[1];
		u.source = s.ptr;
		u.source_len = s.len;
		u.target = t.ptr;
		u.target_len = t.len;
		u.document = doc.ptr;
		u.position = (long)i + 1;
		if ((rc = tmk_tm_add_unit(tm, &added, origin, &u)) < 0)
			goto fail;
		if (added)
			rep->added++;
		else
			rep->duplicates++;
	}
	rc = tmk_tm_commit(tm);
	if (rc == 0)
		goto done;
fail:
	tmk_tm_abort(tm);
	rep->added = rep->duplicates = 0;
done:
	tmk_buf_release(&s);
	tmk_buf_release(&t);
	tmk_buf_release(&doc);
	return rc;
}
