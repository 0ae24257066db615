/*
 * fuzz_check.c - libFuzzer target: arbitrary text as "source TAB target"
 * lines through every rule of the checker (numbers, punctuation, quotes,
 * brackets, URLs, the corpus rules), the number reader and the spell
 * checker (spell.c, hunspell de_DE) on the whole input.  Run it with tools/fuzz.  Invariants beyond "no
 * crash": marks lie inside the text they mark, numbers' spans inside the
 * input.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "qa.h"
#include "spell.h"
#include "text.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	tmk_text *t;
	tmk_qa *q;
	const tmk_qa_finding *f;
	size_t n, acc, pos = 0;
	long line = 0;

	static tmk_speller *sp;

	if (!sp && tmk_speller_new(&sp, "de", NULL) < 0)
		abort();
	if (tmk_text_from_bytes(&t, "fuzz", (const char *)data, size) < 0)
		return 0;
	{
		tmk_misspelling *m;
		if (tmk_spell_check(sp, &m, &n, t->data, t->len) == 0) {
			for (size_t i = 0; i < n; i++)
				if (m[i].start >= m[i].end || m[i].end > t->len || m[i].line == 0 || m[i].column == 0)
					abort();
			free(m);
		}
	}
	for (int l = 0; l < 2; l++) {
		tmk_qa_number *v;
		if (tmk_qa_numbers(&v, &n, l ? "en" : "de", t->data, t->len) == 0) {
			for (size_t i = 0; i < n; i++)
				if (v[i].start > v[i].end || v[i].end > t->len)
					abort();
			free(v);
		}
	}
	if (tmk_qa_new(&q) < 0)
		abort();
	while (pos < t->len) {
		const char *s = t->data + pos, *nl = memchr(s, '\n', t->len - pos), *tab;
		size_t len = nl ? (size_t)(nl - s) : t->len - pos;
		pos += len + 1;
		line++;
		tab = memchr(s, '\t', len);
		if (tab)
			tmk_qa_add(q, "fuzz", line, line % 2 ? "de" : "en", line % 2 ? "en" : "de", s, (size_t)(tab - s),
				   tab + 1, len - (size_t)(tab - s) - 1);
		else
			tmk_qa_add(q, "fuzz", line, "de", "en", s, len, "", 0);
	}
	if (tmk_qa_run(q, &f, &n, &acc) == 0)
		for (size_t i = 0; i < n; i++) {
			const char *m = f[i].side == 1 ? f[i].source : f[i].target;
			if (f[i].side && (f[i].mark_start > f[i].mark_end || f[i].mark_end > strlen(m)))
				abort();
		}
	tmk_qa_free(q);
	tmk_text_free(t);
	return 0;
}
