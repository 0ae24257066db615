/*
 * cmd_check.c - `tmkit check`: quality checks of bilingual files or the
 * whole TM (rules in src/lib/qa.c), a finding a line (text, JSON Lines or
 * CSV), a summary per rule, exit status 1 when an error remains.
 */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "error.h"
#include "formats/xliff.h"
#include "import.h"
#include "json.h"
#include "qa.h"
#include "term_io.h"
#include "text.h"
#include "tm.h"

const char help_check[] =
	"usage: tmkit [--tm PATH] check [--glossary FILE] [--rules a,b] [--severity S]\n"
	"                   [--config FILE] [--accepted FILE] [--langs SRC,TGT]\n"
	"                   [--format text|json|csv] FILE... | --tm\n"
	"\n"
	"Checks translations before delivery: each FILE a bilingual file (TSV\n"
	"source TAB target, the output of tmkit align, CSV, TMX, PO/MO, an XLIFF\n"
	"job: 1.2, 2.x, SDLXLIFF, MQXLIFF), or with --tm every unit of the TM.  One\n"
	"finding a line: file, line (a TSV's line; a TMX unit's number; the line of\n"
	"an XLIFF segment's target), rule, severity, message, the segment's id\n"
	"(XLIFF), and the unit with what was found marked (inline codes shown as\n"
	"⟨1⟩ ⟨2⟩ ...); a summary per rule at the end.  Every segment of an XLIFF\n"
	"job is checked, whatever its state (units with translate=\"no\" aside).\n"
	"Exit status 1 when a finding of severity error remains.\n"
	"\n"
	"Rules (ids for --rules and the config file):\n"
	"  term-missing        a glossary term in the source (inflected, in a compound),\n"
	"                      its approved translation not in the target   warning\n"
	"  term-forbidden      a forbidden term in the target                error\n"
	"  inconsistent-target the same source translated differently        warning\n"
	"  inconsistent-source one translation for different sources         warning\n"
	"  number-mismatch     numbers differ (1.000,5 = 1,000.5; 4,2 = 4.2;\n"
	"                      1. Juli 2017 = July 1, 2017; zwei = 2)         error\n"
	"  untranslated        the target is the source (names-only excepted) error\n"
	"  empty-target        no translation                                error\n"
	"  end-punctuation     the final ? ! : differ                         warning\n"
	"  double-space        two spaces in a row in the target              info\n"
	"  quote-style         German „…“ »…«, English “…” \"…\"               warning\n"
	"  bracket-mismatch    brackets unbalanced or not as many             warning\n"
	"  url-mismatch        a URL or e-mail address not in both            error\n"
	"  length-ratio        far from the corpus's own length ratio         warning\n"
	"  spelling            misspellings (tmkit spell's checker)          off\n"
	"\n"
	"The glossary is the TM's term base, or --glossary FILE (CSV, TSV, TBX, TMX).\n"
	"A config file (--config) holds lines 'rule ID error|warning|info|off',\n"
	"'ignore ID|* REGEX' (findings whose source or target matches) and 'accept\n"
	"FINDING-ID'; --accepted FILE lists finding ids (from --format json) a\n"
	"reviewer accepted, one a line.\n"
	"\n"
	"Options:\n"
	"  --rules a,b        only these rules\n"
	"  --severity S       report findings of S and above (info, warning, error)\n"
	"  --langs SRC,TGT    TSV/CSV: the columns' languages (default de,en)\n"
	"  --tm               check the TM's units (global --tm PATH names the TM)\n"
	"  -f, --format F     text (default), json (JSON Lines), csv\n";

enum { OPT_GLOSSARY = 1, OPT_RULES, OPT_SEVERITY, OPT_CONFIG, OPT_ACCEPTED, OPT_LANGS, OPT_FORMAT, OPT_TM };

static const cli_option options[] = {
	{ "glossary", 0, 1, OPT_GLOSSARY },
	{ "rules", 0, 1, OPT_RULES },
	{ "severity", 0, 1, OPT_SEVERITY },
	{ "config", 0, 1, OPT_CONFIG },
	{ "accepted", 0, 1, OPT_ACCEPTED },
	{ "langs", 0, 1, OPT_LANGS },
	{ "format", 'f', 1, OPT_FORMAT },
	{ "tm", 0, 0, OPT_TM },
	{ NULL, 0, 0, 0 },
};

/* ---- reading units ----------------------------------------------------------- */

typedef struct {
	tmk_qa *q;
	const char *file;
	const char *src_lang, *tgt_lang;
	size_t skipped;
	const cli_ctx *ctx;
} sink_ctx;

static int on_unit(tmk_sink *sink, const tmk_unit_in *u)
{
	sink_ctx *sc = sink->ctx;

	return tmk_qa_add(sc->q, sc->file, u->position, u->src_lang, u->tgt_lang, u->source, u->source_len,
			  u->target, u->target_len);
}

/* A reader leaves out what has no target: for check that is a finding. */
static int on_skip(tmk_sink *sink, long line, const char *reason)
{
	sink_ctx *sc = sink->ctx;

	if (!strcmp(reason, "empty target") || !strcmp(reason, "untranslated entry"))      /* TMX, PO */
		return tmk_qa_add(sc->q, sc->file, line, sc->src_lang, sc->tgt_lang, "", 0, "", 0);
	if (sc->skipped++ < 5)
		cli_warn(sc->ctx, "check", "%s:%ld: not checked: %s", sc->file, line, reason);
	return 0;
}

static int on_tm_unit(void *ud, int64_t id, const char *sl, const char *tl, const char *s, const char *t)
{
	sink_ctx *sc = ud;

	return tmk_qa_add(sc->q, sc->file, (long)id, sl, tl, s, strlen(s), t, strlen(t));
}

/* The segments of an XLIFF job: every one but those not to be translated,
 * named by their key; the languages are the file's (--langs when it names
 * no target language). */
static int on_xliff_unit(void *ud, const tmk_xliff_unit *u)
{
	sink_ctx *sc = ud;
	const char *tl = u->file->tgt_lang[0] ? u->file->tgt_lang : sc->tgt_lang;
	int rc = 0;

	for (size_t i = 0; i < u->nsegs && rc == 0 && u->translate; i++) {
		const tmk_xliff_segment *s = &u->segs[i];
		long line = s->has_target ? s->target.line : s->source.line;
		rc = tmk_qa_add(sc->q, sc->file, line, u->file->src_lang, tl, s->source.text, s->source.len,
				s->has_target ? s->target.text : "", s->has_target ? s->target.len : 0);
		if (rc == 0)
			rc = tmk_qa_set_segment(sc->q, s->key);
	}
	return rc;
}

/* ---- printing ------------------------------------------------------------------- */

/* S[0..LEN) with XLIFF's inline-code placeholders shown as ⟨n⟩. */
static void shown(tmk_buf *b, const char *s, size_t len)
{
	tmk_xliff_display(b, s, len);
}

static void marked(tmk_buf *b, const char *s, int mark, size_t from, size_t to, int color)
{
	if (!mark) {
		shown(b, s, strlen(s));
		return;
	}
	shown(b, s, from);
	tmk_buf_puts(b, color ? "\033[1;31m" : "⟦");
	shown(b, s + from, to - from);
	tmk_buf_puts(b, color ? "\033[0m" : "⟧");
	shown(b, s + to, strlen(s + to));
}

/* "KEY": VALUE with the placeholders shown, into JSON. */
static void json_shown(tmk_buf *b, tmk_buf *tmp, const char *key, const char *s, size_t len)
{
	tmk_buf_clear(tmp);
	shown(tmp, s, len);
	tmk_json_kv_str(b, 0, key, tmp->ptr ? tmp->ptr : "", tmp->len);
}

static void csv_cell(tmk_buf *b, const char *text, int last)
{
	tmk_buf t = TMK_BUF_INIT;
	const char *s;

	shown(&t, text, strlen(text));
	s = t.ptr ? t.ptr : "";
	tmk_buf_putc(b, '"');
	for (; *s; s++) {
		if (*s == '"')
			tmk_buf_putc(b, '"');
		tmk_buf_putc(b, *s);
	}
	tmk_buf_puts(b, last ? "\"\r\n" : "\",");
	tmk_buf_release(&t);
}

static void finding_out(tmk_buf *b, const cli_ctx *ctx, const tmk_qa_finding *f, int format)
{
	const tmk_qa_rule *rules;
	size_t nr;
	const char *rule, *sev = tmk_severity_name(f->severity);

	rules = tmk_qa_rules(&nr);
	rule = rules[f->rule].id;
	if (format == 1) {
		tmk_buf tmp = TMK_BUF_INIT;
		tmk_buf_putc(b, '{');
		tmk_json_kv_str(b, 1, "file", f->file, strlen(f->file));
		tmk_buf_printf(b, ",\"line\":%ld", f->line);
		if (f->segment)
			tmk_json_kv_str(b, 0, "segment", f->segment, strlen(f->segment));
		tmk_json_kv_str(b, 0, "rule", rule, strlen(rule));
		tmk_json_kv_str(b, 0, "severity", sev, strlen(sev));
		tmk_json_kv_str(b, 0, "message", f->message, strlen(f->message));
		tmk_json_kv_str(b, 0, "id", f->id, 16);
		json_shown(b, &tmp, "source", f->source, strlen(f->source));
		json_shown(b, &tmp, "target", f->target, strlen(f->target));
		if (f->side) {
			const char *s = f->side == 1 ? f->source : f->target;
			tmk_json_kv_str(b, 0, "marked_in", f->side == 1 ? "source" : "target", f->side == 1 ? 6 : 6);
			json_shown(b, &tmp, "marked", s + f->mark_start, f->mark_end - f->mark_start);
		}
		tmk_buf_puts(b, "}\n");
		tmk_buf_release(&tmp);
	} else if (format == 2) {
		char line[32];
		snprintf(line, sizeof(line), "%ld", f->line);
		csv_cell(b, f->file, 0);
		csv_cell(b, line, 0);
		csv_cell(b, rule, 0);
		csv_cell(b, sev, 0);
		csv_cell(b, f->message, 0);
		csv_cell(b, f->source, 0);
		csv_cell(b, f->target, 0);
		csv_cell(b, f->id, 1);
	} else {
		const char *on = !ctx->color ? "" : f->severity == TMK_SEV_ERROR ? "\033[1;31m" :
				 f->severity == TMK_SEV_WARNING ? "\033[1;33m" : "\033[1;36m";
		tmk_buf_printf(b, "%s:%ld: %s%s%s %s: %s\n", f->file, f->line, on, sev, ctx->color ? "\033[0m" : "",
			       rule, f->message);
		if (f->segment)
			tmk_buf_printf(b, "    segment: %s\n", f->segment);
		tmk_buf_puts(b, "    source: ");
		marked(b, f->source, f->side == 1, f->mark_start, f->mark_end, ctx->color);
		tmk_buf_puts(b, "\n    target: ");
		marked(b, f->target, f->side == 2, f->mark_start, f->mark_end, ctx->color);
		tmk_buf_putc(b, '\n');
	}
}

static void summary(tmk_buf *b, const tmk_qa_finding *f, size_t n, size_t units, size_t accepted)
{
	size_t nr, count[64] = { 0 }, errors = 0;
	const tmk_qa_rule *rules = tmk_qa_rules(&nr);
	tmk_severity sev[64];

	for (size_t i = 0; i < n; i++) {
		count[f[i].rule]++;
		sev[f[i].rule] = f[i].severity;
		errors += f[i].severity == TMK_SEV_ERROR;
	}
	tmk_buf_puts(b, n ? "\nsummary\n" : "");
	for (size_t r = 0; r < nr && r < 64; r++)
		if (count[r])
			tmk_buf_printf(b, "  %-20s %6zu  %s\n", rules[r].id, count[r], tmk_severity_name(sev[r]));
	tmk_buf_printf(b, "%zu finding%s in %zu unit%s (%zu error%s)", n, n == 1 ? "" : "s", units,
		       units == 1 ? "" : "s", errors, errors == 1 ? "" : "s");
	if (accepted)
		tmk_buf_printf(b, "; %zu accepted or ignored", accepted);
	tmk_buf_putc(b, '\n');
}

/* ---- the command ----------------------------------------------------------------- */

/* The glossary: FILE imported into a TM in memory, else the TM's term base
 * when there is a TM. */
static int load_glossary(const cli_ctx *ctx, tmk_qa *q, const char *file, tmk_tm *tm, tmk_tm **mem)
{
	int rc = 0;

	if (file) {     /* *MEM stays open until the run: the spelling rule reads it */
		tmk_term_import_report rep = { 0, 0, 0, NULL, NULL };
		if ((rc = tmk_tm_open(mem, ":memory:", 0)) == 0 && (rc = tmk_term_import(*mem, &rep, file)) == 0)
			rc = tmk_qa_glossary(q, *mem);
	} else if (tm) {
		rc = tmk_qa_glossary(q, tm);
	}
	return rc < 0 ? cli_fail(ctx, "check") : EXIT_OK;
}

int cmd_check(cli_ctx *ctx, int argc, char **argv)
{
	const char *arg, *glossary = NULL, *rules = NULL, *config = NULL, *accepted = NULL;
	const char *files[256], *src_lang = NULL, *tgt_lang = NULL;
	int nfiles = 0, id, format = 0, whole_tm = 0, min_sev = TMK_SEV_INFO, rc = EXIT_OK;
	char langs[64];
	const tmk_qa_finding *f;
	size_t n, skipped = 0, shown = 0;
	tmk_buf out = TMK_BUF_INIT, tmpath = TMK_BUF_INIT;
	tmk_tm *tm = NULL, *mem = NULL;
	tmk_qa *q = NULL;
	cli_parser p;

	cli_parser_init(&p, "check", argc, argv);
	while ((id = cli_next(&p, options, &arg)) != -1) {
		switch (id) {
		case 0:
			if (nfiles == 256)
				return cli_usage_error("check", "too many files (256 at most)");
			files[nfiles++] = arg;
			break;
		case OPT_GLOSSARY: glossary = arg; break;
		case OPT_RULES: rules = arg; break;
		case OPT_CONFIG: config = arg; break;
		case OPT_ACCEPTED: accepted = arg; break;
		case OPT_TM: whole_tm = 1; break;
		case OPT_SEVERITY:
			if ((min_sev = tmk_severity_parse(arg)) < 0 || min_sev == TMK_SEV_OFF)
				return cli_usage_error("check", "--severity wants info, warning or error, not '%s'", arg);
			break;
		case OPT_FORMAT:
			if (!strcmp(arg, "text"))
				format = 0;
			else if (!strcmp(arg, "json"))
				format = 1;
			else if (!strcmp(arg, "csv"))
				format = 2;
			else
				return cli_usage_error("check", "unknown format '%s' (text, json or csv)", arg);
			break;
		case OPT_LANGS: {
			char *comma;
			snprintf(langs, sizeof(langs), "%s", arg);
			if (!(comma = strchr(langs, ',')) || comma == langs || !comma[1])
				return cli_usage_error("check", "--langs wants two language codes like de,en");
			*comma = '\0';
			src_lang = langs;
			tgt_lang = comma + 1;
			break;
		}
		default:
			return -id;
		}
	}
	if (!nfiles && !whole_tm)
		return cli_usage_error("check", "give the files to check, or --tm for the TM's units");
	if (nfiles && whole_tm)
		return cli_usage_error("check", "files or --tm, not both");
	if (tmk_qa_new(&q) < 0)
		return cli_fail(ctx, "check");
	if ((rules && tmk_qa_only(q, rules) < 0)) {
		rc = cli_usage_error("check", "%s (see tmkit help check)", tmk_error_last());
		goto done;
	}
	if ((config && tmk_qa_config(q, config) < 0)) {
		rc = cli_fail(ctx, "check");
		goto done;
	}
	if (accepted) {
		tmk_text *t;
		if (tmk_text_load(&t, accepted) < 0) {
			rc = cli_fail(ctx, "check");
			goto done;
		}
		for (size_t pos = 0, line = 1; pos < t->len && rc == EXIT_OK; line++) {
			const char *l = t->data + pos, *nl = memchr(l, '\n', t->len - pos);
			size_t len = nl ? (size_t)(nl - l) : t->len - pos;
			char idb[64];
			pos += len + 1;
			len = strcspn(l, " \t\r#\n") < len ? strcspn(l, " \t\r#\n") : len;
			if (!len)
				continue;
			snprintf(idb, sizeof(idb), "%.*s", (int)(len < 60 ? len : 60), l);
			if (tmk_qa_accept(q, idb) < 0) {
				char msg[256];
				snprintf(msg, sizeof(msg), "%s", tmk_error_last());
				tmk_error_set(TMK_EINPUT, "%s:%zu: %s", accepted, line, msg);
				rc = cli_fail(ctx, "check");
			}
		}
		tmk_text_free(t);
		if (rc != EXIT_OK)
			goto done;
	}
	if ((cli_tm_exists(ctx, &tmpath) && !glossary) || whole_tm) {
		if ((rc = cli_open_tm(ctx, "check", TMK_TM_READONLY, &tm)) != EXIT_OK)
			goto done;
	}
	if ((rc = load_glossary(ctx, q, glossary, tm, &mem)) != EXIT_OK)
		goto done;
	if (whole_tm) {
		sink_ctx sc = { q, tmpath.ptr ? tmpath.ptr : "TM", NULL, NULL, 0, ctx };
		if (tmk_tm_each_unit(tm, on_tm_unit, &sc) < 0) {
			rc = cli_fail(ctx, "check");
			goto done;
		}
	}
	for (int i = 0; i < nfiles; i++) {
		tmk_delim_opts d = { src_lang, tgt_lang, 0, 0 };
		sink_ctx sc = { q, strcmp(files[i], "-") ? files[i] : "<stdin>", src_lang ? src_lang : "de",
				tgt_lang ? tgt_lang : "en", 0, ctx };
		tmk_sink sink = { on_unit, on_skip, NULL, "", &sc, 1 };
		tmk_format fmt = tmk_format_sniff(files[i]);
		tmk_xliff_reader xr = { on_xliff_unit, NULL, &sc, "" };
		if (fmt == TMK_FMT_AUTO)        /* align's output and stdin are TSV */
			fmt = TMK_FMT_TSV;
		if (fmt == TMK_FMT_XLIFF ? tmk_xliff_read(&xr, files[i]) < 0 :
		    tmk_read_units(&sink, files[i], fmt, &d) < 0) {
			rc = cli_fail(ctx, "check");
			goto done;
		}
		skipped += sc.skipped;
	}
	if (tmk_qa_run(q, &f, &n, &skipped) < 0) {
		rc = cli_fail(ctx, "check");
		goto done;
	}
	if (format == 2)
		tmk_buf_puts(&out, "file,line,rule,severity,message,source,target,id\r\n");
	for (size_t i = 0; i < n; i++) {
		if ((int)f[i].severity < min_sev)
			continue;
		finding_out(&out, ctx, &f[i], format);
		shown++;
		if (f[i].severity == TMK_SEV_ERROR)
			rc = EXIT_FAIL;
		if (out.len > (1 << 20)) {
			int w = cli_write(ctx, "check", &out);
			tmk_buf_clear(&out);
			if (w != EXIT_OK) {
				rc = w;
				goto done;
			}
		}
	}
	if (format == 0) {
		/* the summary counts what was shown */
		tmk_qa_finding *v = malloc((shown ? shown : 1) * sizeof(*v));
		size_t k = 0;
		if (!v) {
			rc = cli_fail(ctx, "check");
			goto done;
		}
		for (size_t i = 0; i < n; i++)
			if ((int)f[i].severity >= min_sev)
				v[k++] = f[i];
		summary(&out, v, k, tmk_qa_units(q), skipped);
		free(v);
	}
	{
		int w = cli_write(ctx, "check", &out);
		if (w == EXIT_OK)
			w = cli_finish_output(ctx, "check");
		if (w != EXIT_OK)
			rc = w;
	}
done:
	tmk_qa_free(q);
	tmk_tm_free(mem);
	tmk_tm_free(tm);
	tmk_buf_release(&out);
	tmk_buf_release(&tmpath);
	return rc;
}
