/*
 * fuzz_tmx_roundtrip.c - libFuzzer target: arbitrary bytes as a TMX file,
 * imported into a TM; whatever imports must export as TMX that imports
 * again into the same units, and export the same file a second time (issue
 * 12: an export once wrote a freed string, and later an attribute twice,
 * and no reader could take it back).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "error.h"
#include "export.h"
#include "import.h"
#include "tm.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Export TM as TMX to PATH; the bytes without the header line (its date). */
static char *export_to(tmk_tm *tm, const char *path, size_t *count)
{
	tmk_export_opts o = { .format = TMK_EXPORT_TMX };
	FILE *f = fopen(path, "wb");
	char *text, *header;
	long n;

	if (!f || tmk_export(tm, f, &o, count) < 0)
		abort();
	fclose(f);
	if (!(f = fopen(path, "rb")) || fseek(f, 0, SEEK_END) || (n = ftell(f)) < 0 || fseek(f, 0, SEEK_SET))
		abort();
	if (!(text = calloc(1, (size_t)n + 1)) || fread(text, 1, (size_t)n, f) != (size_t)n)
		abort();
	fclose(f);
	if ((header = strstr(text, "<header")))         /* blank out the header's date */
		memset(header, ' ', strcspn(header, "\n"));
	return text;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static char in[64], out1[64], out2[64];
	tmk_import_opts o = { .format = TMK_FMT_TMX };
	tmk_import_report r1, r2;
	tmk_tm *a = NULL, *b = NULL;
	size_t n1, n2;
	char *x1, *x2;
	FILE *f;

	if (!in[0]) {
		snprintf(in, sizeof(in), "/tmp/fuzz-rt-%d.tmx", (int)getpid());
		snprintf(out1, sizeof(out1), "/tmp/fuzz-rt-%d-1.tmx", (int)getpid());
		snprintf(out2, sizeof(out2), "/tmp/fuzz-rt-%d-2.tmx", (int)getpid());
	}
	if (!(f = fopen(in, "wb")) || fwrite(data, 1, size, f) != size)
		abort();
	fclose(f);
	if (tmk_tm_open(&a, ":memory:", 0) < 0)
		abort();
	if (tmk_import_file(a, &r1, in, &o) == 0 && r1.added > 0) {
		x1 = export_to(a, out1, &n1);
		if (tmk_tm_open(&b, ":memory:", 0) < 0)
			abort();
		if (tmk_import_file(b, &r2, out1, &o) < 0) {
			fprintf(stderr, "the export does not import: %s\n", tmk_error_last());
			abort();
		}
		x2 = export_to(b, out2, &n2);
		if (n1 != r1.added || r2.added != n1 || strcmp(x1, x2)) {
			fprintf(stderr, "round trip differs: %zu units, exported %zu, again %zu\n", r1.added, n1, r2.added);
			abort();
		}
		free(x1);
		free(x2);
		tmk_import_report_release(&r2);
		tmk_tm_free(b);
	}
	tmk_import_report_release(&r1);
	tmk_tm_free(a);
	tmk_error_clear();
	return 0;
}
