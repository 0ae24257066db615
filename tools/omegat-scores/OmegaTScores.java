/*
 * OmegaTScores.java - the fuzzy match percentages OmegaT gives a query
 * against a TM source, computed by OmegaT's own classes (tested with the
 * OmegaT 3.6 jar of Debian's omegat package).  Used by
 * tools/calibrate-lookup to make the reference column of
 * tests/data/lookup/calibration.tsv.
 *
 * Input (standard input), one pair a line, tab-separated:
 *     KEY  LANG  QUERY  TM_SOURCE
 * LANG is the source language (de, en).  Output, one line a pair:
 *     KEY  SCORE  NOSTEM  ADJUSTED  VIA
 * SCORE, NOSTEM and ADJUSTED are NearString.scores[0].score, .scoreNoStem
 * and .adjustedScore, the three figures of the Fuzzy Matches pane
 * ("<score/noStemScore/adjustedScore%>" in its default template).  VIA is
 * "findmatches" when they come from FindMatches.search itself (the TM
 * sources are read from a TMX file by ExternalTMX, as a TMX in a
 * project's tm/ folder is), "direct" when FindMatches dropped the pair
 * (OmegaT shows no match under 30 % on both word figures) and the three
 * figures were computed with the same calls FindMatches.processEntry
 * makes (the project's tokenizer, FuzzyMatcher.calcSimilarity with
 * LevenshteinDistance, lower-casing before the no-stem and verbatim
 * tokenisations).  Both ways are computed for every pair and must agree
 * where both exist; a disagreement is an error.
 *
 * With --tokens, each line also carries the three token lists of query
 * and TM source (tokens as they stand in the text, joined by '|').
 *
 * Headless set-up, the least OmegaT needs: a ProjectProperties with the
 * source and target language and sentence segmentation off (so the TMX
 * is read whole, one entry a <tu>, and FindMatches makes no per-sentence
 * sub-matcher), and an IProject (a java.lang.reflect.Proxy) that answers
 * getProjectProperties, getSourceTokenizer, getTransMemories and
 * getAllEntries; Core.setProject() makes it the current project, which
 * FindMatches' constructor reads the source locale from.  The tokenizer
 * is the one OmegaT picks by default for the language (the class
 * annotated @Tokenizer(languages = LANG, isDefault = true):
 * LuceneGermanTokenizer for de, LuceneEnglishTokenizer for en), with its
 * default behaviour (Lucene version).  No user preferences are read:
 * run it with -Duser.home set to an empty directory.
 */
import java.io.BufferedReader;
import java.io.File;
import java.io.FileOutputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.Writer;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.omegat.core.Core;
import org.omegat.core.data.ExternalTMX;
import org.omegat.core.data.IProject;
import org.omegat.core.data.ProjectProperties;
import org.omegat.core.matching.FuzzyMatcher;
import org.omegat.core.matching.LevenshteinDistance;
import org.omegat.core.matching.NearString;
import org.omegat.core.statistics.FindMatches;
import org.omegat.tokenizer.ITokenizer;
import org.omegat.tokenizer.LuceneEnglishTokenizer;
import org.omegat.tokenizer.LuceneGermanTokenizer;
import org.omegat.util.Token;

public class OmegaTScores {

	/* ProjectProperties' no-argument constructor is protected. */
	static class Props extends ProjectProperties {
		Props(String src, String tgt) {
			super();
			setSourceLanguage(src);
			setTargetLanguage(tgt);
			setSentenceSegmentingEnabled(false);
			setSupportDefaultTranslations(false);
		}
	}

	static class Row {
		String key, lang, query, tm;
		int[] fm;        /* from FindMatches.search, or null */
		int[] direct;    /* the same calls made directly */
	}

	static ITokenizer tokenizerFor(String lang) {
		if (lang.equals("de"))
			return new LuceneGermanTokenizer();
		if (lang.equals("en"))
			return new LuceneEnglishTokenizer();
		throw new IllegalArgumentException("no tokenizer for language " + lang);
	}

	static IProject project(ProjectProperties props, ITokenizer tok, Map<String, ExternalTMX> tms) {
		return (IProject) Proxy.newProxyInstance(IProject.class.getClassLoader(), new Class<?>[] { IProject.class },
				(proxy, m, args) -> {
					switch (m.getName()) {
					case "getProjectProperties":
						return props;
					case "getSourceTokenizer":
					case "getTargetTokenizer":
						return tok;
					case "getTransMemories":
						return tms;
					case "getOtherTargetLanguageTMs":
						return Collections.emptyMap();
					case "getAllEntries":
						return Collections.emptyList();
					case "isProjectLoaded":
						return Boolean.TRUE;
					case "isOrphaned":
						return Boolean.FALSE;
					case "iterateByDefaultTranslations":
					case "iterateByMultipleTranslations":
						return null;
					case "hashCode":
						return System.identityHashCode(proxy);
					case "equals":
						return proxy == args[0];
					case "toString":
						return "OmegaTScores project";
					default:
						throw new UnsupportedOperationException("IProject." + m.getName());
					}
				});
	}

	static String xml(String s) {
		return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
	}

	/* The TM sources of ROWS as a TMX file, one <tu> each, a dummy target. */
	static File writeTmx(File dir, String lang, String tgt, List<Row> rows) throws Exception {
		File f = new File(dir, "calibration-" + lang + ".tmx");
		try (Writer w = new OutputStreamWriter(new FileOutputStream(f), StandardCharsets.UTF_8)) {
			w.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<tmx version=\"1.4\">\n");
			w.write("<header creationtool=\"OmegaTScores\" creationtoolversion=\"1\" segtype=\"sentence\""
					+ " o-tmf=\"none\" adminlang=\"en\" srclang=\"" + lang + "\" datatype=\"plaintext\"/>\n<body>\n");
			int n = 0;
			for (Row r : rows) {
				w.write("<tu tuid=\"" + (++n) + "\"><tuv xml:lang=\"" + lang + "\"><seg>" + xml(r.tm)
						+ "</seg></tuv><tuv xml:lang=\"" + tgt + "\"><seg>x" + n + "</seg></tuv></tu>\n");
			}
			w.write("</body>\n</tmx>\n");
		}
		return f;
	}

	static String tokens(Token[] t, String s) {
		StringBuilder b = new StringBuilder();
		for (int i = 0; i < t.length; i++) {
			if (i > 0)
				b.append('|');
			b.append(t[i].getTextFromString(s));
		}
		return b.toString();
	}

	public static void main(String[] argv) throws Exception {
		boolean showTokens = argv.length > 0 && argv[0].equals("--tokens");
		PrintStream out = new PrintStream(System.out, true, "UTF-8");
		BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
		Map<String, List<Row>> byLang = new LinkedHashMap<>();
		List<Row> all = new ArrayList<>();
		String line;
		while ((line = in.readLine()) != null) {
			if (line.isEmpty())
				continue;
			String[] f = line.split("\t", -1);
			if (f.length != 4)
				throw new IllegalArgumentException("want KEY LANG QUERY TM_SOURCE: " + line);
			Row r = new Row();
			r.key = f[0];
			r.lang = f[1];
			r.query = f[2];
			r.tm = f[3];
			all.add(r);
			byLang.computeIfAbsent(r.lang, k -> new ArrayList<>()).add(r);
		}
		File dir = new File(System.getProperty("omegatscores.tmp", System.getProperty("java.io.tmpdir")));
		Map<Row, String> tokenInfo = new HashMap<>();
		int errors = 0;
		for (Map.Entry<String, List<Row>> e : byLang.entrySet()) {
			String lang = e.getKey(), tgt = lang.equals("en") ? "de" : "en";
			List<Row> rows = e.getValue();
			ITokenizer tok = tokenizerFor(lang);
			ProjectProperties props = new Props(lang, tgt);
			Map<String, ExternalTMX> tms = new HashMap<>();
			IProject proj = project(props, tok, tms);
			Core.setProject(proj);
			File tmx = writeTmx(dir, lang, tgt, rows);
			tms.put(tmx.getName(), new ExternalTMX(props, tmx, false, false));

			Locale loc = props.getSourceLanguage().getLocale();
			LevenshteinDistance ld = new LevenshteinDistance();
			for (Row r : rows) {
				/* FindMatches as the Fuzzy Matches pane runs it (FindMatchesThread:
				 * new FindMatches(tok, 5, true, false).search(project, text, true,
				 * true, stop)), but keeping every candidate, not the best 5, and
				 * without the separate-sentence sub-matcher, which only a project
				 * without sentence segmentation makes, for a paragraph that
				 * holds several sentences (each query here is one); the
				 * similarity data (diff colouring) is not needed. */
				FindMatches fm = new FindMatches(tok, rows.size() + 1, false, false);
				List<NearString> found = fm.search(proj, r.query, true, false, () -> false);
				for (NearString ns : found)
					if (ns.source.equals(r.tm)) {
						r.fm = new int[] { ns.scores[0].score, ns.scores[0].scoreNoStem, ns.scores[0].adjustedScore };
						break;
					}
				/* The calls of FindMatches.processEntry, made directly (3.6:
				 * no remove pattern by default, no penalty for a TM outside
				 * tm/penalty-NN, not fuzzy). */
				String ql = r.query.toLowerCase(loc), cl = r.tm.toLowerCase(loc);
				Token[] qs = tok.tokenizeWords(r.query, ITokenizer.StemmingMode.MATCHING);
				Token[] cs = tok.tokenizeWords(r.tm, ITokenizer.StemmingMode.MATCHING);
				Token[] qn = tok.tokenizeWords(ql, ITokenizer.StemmingMode.NONE);
				Token[] cn = tok.tokenizeWords(cl, ITokenizer.StemmingMode.NONE);
				Token[] qa = tok.tokenizeVerbatim(ql);
				Token[] ca = tok.tokenizeVerbatim(cl);
				r.direct = new int[] { FuzzyMatcher.calcSimilarity(ld, qs, cs), FuzzyMatcher.calcSimilarity(ld, qn, cn),
						FuzzyMatcher.calcSimilarity(ld, qa, ca) };
				if (r.fm != null && !java.util.Arrays.equals(r.fm, r.direct)) {
					System.err.println("OmegaTScores: " + r.key + ": FindMatches gives " + java.util.Arrays.toString(r.fm)
							+ ", the direct calls " + java.util.Arrays.toString(r.direct));
					errors++;
				}
				if (showTokens)
					tokenInfo.put(r, "\t" + tokens(qs, r.query) + "\t" + tokens(cs, r.tm) + "\t" + tokens(qn, ql) + "\t"
							+ tokens(cn, cl) + "\t" + tokens(qa, ql) + "\t" + tokens(ca, cl));
			}
			tmx.delete();
		}
		for (Row r : all) {
			int[] s = r.fm != null ? r.fm : r.direct;
			out.println(r.key + "\t" + s[0] + "\t" + s[1] + "\t" + s[2] + "\t" + (r.fm != null ? "findmatches" : "direct")
					+ (showTokens ? tokenInfo.get(r) : ""));
		}
		System.exit(errors > 0 ? 1 : 0);
	}
}
