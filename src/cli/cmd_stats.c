/*
 * cmd_stats.c - `tmkit stats`: what the TM holds.
 */
#include <string.h>

#include "cli.h"
#include "json.h"
#include "stats.h"
#include "tm.h"

const char help_stats[] =
	"usage: tmkit [--tm PATH] stats [--format text|json]\n"
	"\n"
	"Units per language pair and per origin (imported file), the TM's size on\n"
	"disk and its last import.  json: one object for the TM, then one per pair\n"
	"and one per origin.\n";

enum { OPT_FORMAT = 1 };

static const cli_option options[] = {
	{ "format", 'f', 1, OPT_FORMAT },
	{ NULL, 0, 0, 0 },
};

int cmd_stats(cli_ctx *ctx, int argc, char **argv)
{
	const char *arg;
	cli_parser p;
	int id, json = 0, rc;
	tmk_tm *tm;
	tmk_stats s;
	tmk_buf b = TMK_BUF_INIT;

	cli_parser_init(&p, "stats", argc, argv);
	while ((id = cli_next(&p, options, &arg)) != -1) {
		if (id == 0)
			return cli_usage_error("stats", "unexpected argument '%s'", arg);
		if (id != OPT_FORMAT)
			return -id;
		if (strcmp(arg, "json") && strcmp(arg, "text"))
			return cli_usage_error("stats", "unknown format '%s' (text or json)", arg);
		json = !strcmp(arg, "json");
	}
	if ((rc = cli_open_tm(ctx, "stats", TMK_TM_READONLY, &tm)) != EXIT_OK)
		return rc;
	if (tmk_stats_get(tm, &s) < 0) {
		tmk_stats_release(&s);
		tmk_tm_free(tm);
		return cli_fail(ctx, "stats");
	}
	if (json) {
		tmk_buf_printf(&b, "{\"units\":%lld,\"bytes\":%lld", s.units, s.bytes);
		tmk_json_kv_str(&b, 0, "last_import", s.last_import, strlen(s.last_import));
		tmk_buf_puts(&b, "}\n");
		for (size_t i = 0; i < s.npairs; i++) {
			tmk_buf_putc(&b, '{');
			tmk_json_kv_str(&b, 1, "source_lang", s.pairs[i].src, strlen(s.pairs[i].src));
			tmk_json_kv_str(&b, 0, "target_lang", s.pairs[i].tgt, strlen(s.pairs[i].tgt));
			tmk_json_kv_num(&b, 0, "units", s.pairs[i].units);
			tmk_buf_puts(&b, "}\n");
		}
		for (size_t i = 0; i < s.norigins; i++) {
			tmk_buf_putc(&b, '{');
			tmk_json_kv_str(&b, 1, "origin", s.origins[i].name, strlen(s.origins[i].name));
			tmk_json_kv_str(&b, 0, "format", s.origins[i].format, strlen(s.origins[i].format));
			tmk_json_kv_num(&b, 0, "units", s.origins[i].units);
			tmk_json_kv_str(&b, 0, "imported_at", s.origins[i].imported_at,
					strlen(s.origins[i].imported_at));
			tmk_buf_puts(&b, "}\n");
		}
	} else {
		tmk_buf_printf(&b, "%-14s %lld\n%-14s %.1f MB\n%-14s %s\n", "units", s.units, "size",
			       (double)s.bytes / 1e6, "last import",
			       s.last_import[0] ? s.last_import : "never");
		if (s.npairs)
			tmk_buf_puts(&b, "\nlanguage pairs\n");
		for (size_t i = 0; i < s.npairs; i++)
			tmk_buf_printf(&b, "  %-10s → %-10s %10lld\n", s.pairs[i].src, s.pairs[i].tgt,
				       s.pairs[i].units);
		if (s.norigins)
			tmk_buf_puts(&b, "\norigins (newest first)\n");
		for (size_t i = 0; i < s.norigins; i++)
			tmk_buf_printf(&b, "  %10lld  %-4s %s  %s\n", s.origins[i].units,
				       s.origins[i].format, s.origins[i].imported_at, s.origins[i].name);
	}
	tmk_stats_release(&s);
	tmk_tm_free(tm);
	rc = cli_write(ctx, "stats", &b);
	tmk_buf_release(&b);
	return rc == EXIT_OK ? cli_finish_output(ctx, "stats") : rc;
}
