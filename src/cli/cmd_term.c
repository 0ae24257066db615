/*
 * cmd_term.c - `tmkit term`: the glossary (term base) in the TM: add,
 * edit, remove, list, look up, import, export.  A subcommand table, as
 * for the commands themselves.
 */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "error.h"
#include "term.h"
#include "tm.h"
#include "term/term_cli.h"

const char help_term[] =
	"usage: tmkit [--tm PATH] term add DE EN [--type T] [--status S] [--domain D]\n"
	"                              [--definition TEXT] [--note TEXT] [--source TEXT]\n"
	"       tmkit [--tm PATH] term edit ID [--add-de TERM] [--add-en TERM] [--status S]\n"
	"                              [--type T] [--domain D] [--definition TEXT] [--note TEXT]\n"
	"       tmkit [--tm PATH] term remove ID [--de TERM | --en TERM]\n"
	"       tmkit [--tm PATH] term list [--type T] [--status S] [--domain D] [--since DATE]\n"
	"       tmkit [--tm PATH] term lookup [--from de|en] [--max N] [--senses N]\n"
	"                              [--examples N] WORD|PHRASE...\n"
	"       tmkit [--tm PATH] term import FILE...\n"
	"       tmkit [--tm PATH] term export --format csv|tmx|tbx [-o FILE] [--bom] [filters]\n"
	"       tmkit [--tm PATH] term extract [--min-freq N] [--top N] [--all]\n"
	"                              [--accept --min-score X] [--no-lexicon]\n"
	"                              [--format text|json|csv]\n"
	"\n"
	"The glossary of names and terms, kept in the TM: concepts with German and\n"
	"English terms (several a language: \"Verfassungsschutz; BfV\"), a status per\n"
	"term (preferred, admitted, forbidden), a type (person, organisation, place,\n"
	"term, acronym), domain, definition, note and source.\n"
	"\n"
	"lookup finds what a translator types: any case, with or without accents and\n"
	"umlauts (ä = ae, ß = ss), inflected (des Verfassungsschutzes), a part of a\n"
	"compound (Verfassungsschutzbericht), a term inside a phrase, or a longer term\n"
	"holding the words (Khorasan: Islamischer Staat Provinz Khorasan).  After the\n"
	"glossary's concepts come the Ding dictionary's senses (Debian's trans-de-en;\n"
	"a compound unknown to it as its parts) and examples from the TM's units.\n"
	"import reads CSV/TSV with a header naming the columns (de, en, type, status,\n"
	"note, domain, definition, source, de_status, en_status, de_note, en_note),\n"
	"TBX (TBX-Basic v3 and v2/MARTIF) and TMX; a concept whose preferred terms\n"
	"are there already is merged.  The whole file or nothing.\n"
	"extract proposes German-English pairs from the TM's aligned units: German\n"
	"nouns, compounds, adjective + noun terms, names and acronyms against English\n"
	"names and word runs, by how often they share a unit, backed by the Ding\n"
	"lexicon or alike spelling (Tadschikistan/Tajikistan, Chalimow/Khalimov),\n"
	"ranked by how much more frequent they are in the TM than in general language;\n"
	"each in its dictionary form (Islamischer Staat, not Islamischen Staates;\n"
	"Dschihadist = jihadist), everyday words left out.  Pairs the glossary has are\n"
	"left out (--all shows them).  Review the CSV (--format csv), then term\n"
	"import it; or --accept --min-score X adds the pairs shown scoring X or more\n"
	"(status admitted).\n"
	"\n"
	"Options:\n"
	"  -f, --format F    list and lookup: text (default) or json (one object a\n"
	"                    concept: id, de, en, type, status, origin, ...);\n"
	"                    export: csv, tmx or tbx\n"
	"  -o, --output FILE export: write FILE (whole or not at all), not stdout\n"
	"  --bom             export --format csv: a byte-order mark first (Excel)\n"
	"  --max N           lookup: at most N glossary concepts (default 10)\n"
	"  --senses N        lookup: at most N dictionary senses (default 5; 0: none)\n"
	"  --examples N      lookup: at most N TM examples (default 3; 0: none)\n"
	"  --min-freq N      extract: pairs sharing at least N units (default 3)\n"
	"  --top N           extract: the N best pairs (default 50; 0: all)\n"
	"  --accept          extract: add the pairs shown to the glossary; wants\n"
	"  --min-score X     the lowest score to add, 0 to 1 (see the score column)\n";

enum {
	OPT_TYPE = 1, OPT_STATUS, OPT_DOMAIN, OPT_DEFINITION, OPT_NOTE, OPT_SOURCE, OPT_ADD_DE,
	OPT_ADD_EN, OPT_DE, OPT_EN, OPT_SINCE, OPT_FROM, OPT_MAX, OPT_FORMAT, OPT_OUTPUT, OPT_BOM,
	OPT_SENSES, OPT_EXAMPLES, OPT_MIN_FREQ, OPT_TOP, OPT_ACCEPT, OPT_ALL, OPT_NO_LEXICON, OPT_MIN_SCORE
};

static const cli_option options[] = {
	{ "type", 0, 1, OPT_TYPE },
	{ "status", 0, 1, OPT_STATUS },
	{ "domain", 0, 1, OPT_DOMAIN },
	{ "definition", 0, 1, OPT_DEFINITION },
	{ "note", 0, 1, OPT_NOTE },
	{ "source", 0, 1, OPT_SOURCE },
	{ "add-de", 0, 1, OPT_ADD_DE },
	{ "add-en", 0, 1, OPT_ADD_EN },
	{ "de", 0, 1, OPT_DE },
	{ "en", 0, 1, OPT_EN },
	{ "since", 0, 1, OPT_SINCE },
	{ "from", 0, 1, OPT_FROM },
	{ "max", 0, 1, OPT_MAX },
	{ "format", 'f', 1, OPT_FORMAT },
	{ "output", 'o', 1, OPT_OUTPUT },
	{ "bom", 0, 0, OPT_BOM },
	{ "senses", 0, 1, OPT_SENSES },
	{ "examples", 0, 1, OPT_EXAMPLES },
	{ "min-freq", 0, 1, OPT_MIN_FREQ },
	{ "top", 0, 1, OPT_TOP },
	{ "accept", 0, 0, OPT_ACCEPT },
	{ "all", 0, 0, OPT_ALL },
	{ "no-lexicon", 0, 0, OPT_NO_LEXICON },
	{ "min-score", 0, 1, OPT_MIN_SCORE },
	{ NULL, 0, 0, 0 },
};

static const struct {
	const char *name;
	int (*fn)(term_args *a, tmk_tm *tm);
	int readonly;
} subs[] = {
	{ "add", term_add, 0 },
	{ "edit", term_edit, 0 },
	{ "remove", term_remove, 0 },
	{ "list", term_list, 1 },
	{ "lookup", term_lookup, 1 },
	{ "import", term_import, 0 },
	{ "extract", term_extract, 1 },         /* written to with --accept */
	{ "export", term_export, 1 },
};

int cmd_term(cli_ctx *ctx, int argc, char **argv)
{
	term_args a;
	const char *arg;
	cli_parser p;
	tmk_buf tmpath = TMK_BUF_INIT;
	tmk_tm *tm;
	int id, rc, s = -1;

	memset(&a, 0, sizeof(a));
	a.ctx = ctx;
	a.max = 10;
	a.senses = 5;
	a.examples = 3;
	a.min_freq = 3;
	a.top = 50;
	cli_parser_init(&p, "term", argc, argv);
	while ((id = cli_next(&p, options, &arg)) != -1) {
		switch (id) {
		case 0:
			if (!a.sub)
				a.sub = arg;
			else if (a.nargs == MAX_ARGS)
				return cli_usage_error("term", "too many arguments");
			else
				a.args[a.nargs++] = arg;
			break;
		case OPT_TYPE: a.type = arg; break;
		case OPT_STATUS: a.status = arg; break;
		case OPT_DOMAIN: a.domain = arg; break;
		case OPT_DEFINITION: a.definition = arg; break;
		case OPT_NOTE: a.note = arg; break;
		case OPT_SOURCE: a.source = arg; break;
		case OPT_SINCE: a.since = arg; break;
		case OPT_FROM: a.from = arg; break;
		case OPT_DE: a.de = arg; break;
		case OPT_EN: a.en = arg; break;
		case OPT_OUTPUT: a.output = arg; break;
		case OPT_BOM: a.bom = 1; break;
		case OPT_FORMAT: a.format = arg; break;
		case OPT_ADD_DE:
			if (a.nadd_de == 16)
				return cli_usage_error("term", "too many --add-de");
			a.add_de[a.nadd_de++] = arg;
			break;
		case OPT_ADD_EN:
			if (a.nadd_en == 16)
				return cli_usage_error("term", "too many --add-en");
			a.add_en[a.nadd_en++] = arg;
			break;
		case OPT_MAX:
			if (cli_parse_int(arg, 1, 1000, &a.max) < 0)
				return cli_usage_error("term", "--max wants a number from 1 to 1000, not '%s'", arg);
			break;
		case OPT_MIN_FREQ:
			if (cli_parse_int(arg, 1, 1000000, &a.min_freq) < 0)
				return cli_usage_error("term", "--min-freq wants a number from 1, not '%s'", arg);
			break;
		case OPT_TOP:
			if (cli_parse_int(arg, 0, 1000000, &a.top) < 0)
				return cli_usage_error("term", "--top wants a number (0: all), not '%s'", arg);
			break;
		case OPT_ACCEPT: a.accept = 1; break;
		case OPT_MIN_SCORE: {
			char *end;
			a.min_score = strtod(arg, &end);
			if (end == arg || *end || !(a.min_score >= 0 && a.min_score <= 1))
				return cli_usage_error("term", "--min-score wants a score from 0 to 1, not '%s'", arg);
			a.has_min_score = 1;
			break;
		}
		case OPT_ALL: a.all = 1; break;
		case OPT_NO_LEXICON: a.no_lexicon = 1; break;
		case OPT_SENSES:
			if (cli_parse_int(arg, 0, 1000, &a.senses) < 0)
				return cli_usage_error("term", "--senses wants a number from 0 to 1000, not '%s'", arg);
			break;
		case OPT_EXAMPLES:
			if (cli_parse_int(arg, 0, 1000, &a.examples) < 0)
				return cli_usage_error("term", "--examples wants a number from 0 to 1000, not '%s'",
						       arg);
			break;
		default:
			return -id;
		}
	}
	if (!a.sub)
		return cli_usage_error("term", "which: add, edit, remove, list, lookup, import, export or extract?");
	for (size_t i = 0; i < sizeof(subs) / sizeof(subs[0]); i++)
		if (!strcmp(subs[i].name, a.sub))
			s = (int)i;
	if (s < 0)
		return cli_usage_error("term", "unknown subcommand '%s' (add, edit, remove, list, lookup, "
				       "import, export, extract)", a.sub);
	if (subs[s].fn != term_export && a.format) {
		if (!strcmp(a.format, "json"))
			a.json = 1;
		else if (subs[s].fn == term_extract && !strcmp(a.format, "csv"))
			;
		else if (strcmp(a.format, "text"))
			return cli_usage_error("term", "unknown format '%s' (text or json%s)", a.format,
					       subs[s].fn == term_extract ? " or csv" : "");
	}
	tm = NULL;
	if (subs[s].fn == term_lookup && !cli_tm_exists(ctx, &tmpath))
		rc = EXIT_OK;   /* the dictionary alone */
	else
		rc = cli_open_tm(ctx, "term", subs[s].readonly && !a.accept ? TMK_TM_READONLY : 0, &tm);
	tmk_buf_release(&tmpath);
	if (rc != EXIT_OK)
		return rc;
	rc = subs[s].fn(&a, tm);
	tmk_tm_free(tm);
	return rc;
}
