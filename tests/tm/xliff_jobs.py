#!/usr/bin/env python3
"""XLIFF jobs against a TM (issue 13): analyze and pretranslate a job of
held-out pairs.

usage: xliff_jobs.py TMKIT

The TM: German-English sentence pairs of the Ding dictionary (Debian's
trans-de-en, read in place) whose German side has six or more words and is
a sentence, not one of Ding's templates: every second one.  The job, 300
segments none of which was used to build or tune tmkit: 100 whose pair is
in the TM exactly, 100 whose TM unit has one more word than the segment (a
word dropped from the job's text), 100 German news sentences of tmkit's
own (tests/data/segment/de.cases) that the TM does not hold.  As XLIFF 1.2
and 2.0 the job must analyse as 100 exact (context or 100 %), 100 fuzzy,
100 no match, but for the few news sentences that are a fair 50 % match of
some Ding sentence (at most 5, counted with tmkit lookup), which are fuzzy.
Pretranslated, both must carry the TM's translation of each of the 100
exact segments as translated and leave every other segment without a
target; with --fuzzy --min 50 the 100 near ones get drafts too.  Each output is
valid against the OASIS schemas (tests/data/standards, xmllint).
Ends with 'xliff-jobs: N passed, N failed'.
"""
import json
import os
import random
import re
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from xml.sax.saxutils import escape

TMKIT = os.path.abspath(sys.argv[1])
DING = "/usr/share/trans/de-en"
HERE = os.path.dirname(os.path.abspath(__file__))
STANDARDS = os.path.join(HERE, "..", "data", "standards")
SCHEMA = {"job12.xlf": os.path.join(STANDARDS, "xliff12", "xliff-core-1.2-strict.xsd"),
          "job20.xlf": os.path.join(STANDARDS, "xliff20", "xliff20-modules.xsd")}
X12, X20 = "{urn:oasis:names:tc:xliff:document:1.2}", "{urn:oasis:names:tc:xliff:document:2.0}"
TEMPLATE = re.compile(r"[;(/„“]|\b(jdn|jdm|jds|etw|sich|sb|sth)\b")
results = []


def check(name, ok, detail=""):
    results.append(ok)
    print(("ok   " if ok else "FAIL ") + name + ("" if ok else ": " + str(detail)[:3000]))


def clean(s):
    s = re.sub(r"\{[^}]*\}|\[[^\]]*\]", " ", s)
    return " ".join(s.split())


def pairs():
    """(German, English) sentences of six or more German words, in file
    order: whole sentences, not Ding's templates ("jdn. dazu bringen, etw.
    zu tun", "„…“ (von … / Werktitel)"), which come in families that are
    fuzzy matches of each other."""
    out, seen = [], set()
    with open(DING, encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or " :: " not in line:
                continue
            de, en = line.rstrip("\n").split(" :: ", 1)
            ds, es = de.split(" | "), en.split(" | ")
            if len(ds) != len(es):
                continue
            for d, e in zip(ds, es):
                d, e = clean(d), clean(e)
                if len(d.split()) >= 6 and e and d not in seen and not TEMPLATE.search(d):
                    seen.add(d)
                    out.append((d, e))
    return out


def news_sentences():
    """German news sentences written for tmkit's segmentation cases, seven
    words or more: of another kind than Ding's, whose short example
    sentences share half their words by chance ("Es ist ... die ... mit")."""
    out = set()
    with open(os.path.join(HERE, "..", "data", "segment", "de.cases"), encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if line and not line.startswith("#") and len(line.split()) >= 7:
                out.add((line, ""))
    return sorted(out)


def xliff12(segs):
    units = "".join(f'<trans-unit id="{i + 1}"><source>{escape(d)}</source></trans-unit>\n'
                    for i, (d, _) in enumerate(segs))
    return ('<?xml version="1.0" encoding="UTF-8"?>\n<xliff version="1.2" '
            'xmlns="urn:oasis:names:tc:xliff:document:1.2">\n<file original="job" source-language="de-DE" '
            f'target-language="en-GB" datatype="plaintext"><body>\n{units}</body></file></xliff>\n')


def xliff20(segs):
    units = "".join(f'<unit id="u{i + 1}"><segment><source>{escape(d)}</source></segment></unit>\n'
                    for i, (d, _) in enumerate(segs))
    return ('<?xml version="1.0" encoding="UTF-8"?>\n<xliff version="2.0" '
            'xmlns="urn:oasis:names:tc:xliff:document:2.0" srcLang="de-DE" trgLang="en-GB">\n'
            f'<file id="f1">\n{units}</file></xliff>\n')


def analyse(tm, path, near):
    a = subprocess.run([TMKIT, "--tm", tm, "analyze", "--format", "json", path], capture_output=True, text=True)
    name = os.path.basename(path)
    try:
        bands = json.loads(a.stdout.splitlines()[0])["bands"]
    except (ValueError, IndexError, KeyError):
        check(f"{name}: analyze", False, a.stdout + a.stderr)
        return
    got = {k: v["segments"] for k, v in bands.items()}
    exact_n = got["context"] + got["100"]
    fuzzy_n = sum(v for k, v in got.items() if re.fullmatch(r"\d+-\d+", k))
    check(f"{name}: 300 held-out segments analyse as 100 exact / {100 + near} fuzzy / {100 - near} no match",
          a.returncode == 0 and exact_n == 100 and fuzzy_n == 100 + near and got["no-match"] == 100 - near
          and got["repetition"] == 0, got)


def targets(path):
    """{source: (target or None, state)} of a pretranslated job, 1.2 or 2.0."""
    out = {}
    root = ET.parse(path).getroot()
    for tu in root.iter(X12 + "trans-unit"):
        t = tu.find(X12 + "target")
        out[tu.find(X12 + "source").text] = (None, None) if t is None else (t.text, t.get("state"))
    for seg in root.iter(X20 + "segment"):
        t = seg.find(X20 + "target")
        out[seg.find(X20 + "source").text] = (None, None) if t is None else (t.text, seg.get("state"))
    return out


def pretranslate(tm, path, exact, fuzzy, near):
    """Pretranslate PATH without and with --fuzzy: the exact segments get
    the TM's translation as translated, the rest nothing (with --fuzzy:
    the near ones a draft); both outputs schema-valid."""
    name = os.path.basename(path)
    draft = {"job12.xlf": "needs-review-translation", "job20.xlf": "initial"}[name]
    # --min 50, the analysis's lowest fuzzy band: a content word dropped
    # from a sentence of few content words costs as much as in OmegaT
    # (tests/data/lookup/calibration.tsv), below the default 75 for a few
    # of the 100
    for opt in ([], ["--fuzzy", "--min", "50"]):
        out = path + ".out" + "".join(opt)
        p = subprocess.run([TMKIT, "--tm", tm, "pretranslate", path, "-o", out] + opt, capture_output=True, text=True)
        what = f"{name}: pretranslate {' '.join(opt[:1])}".rstrip()
        if p.returncode != 0:
            check(what, False, p.stderr)
            continue
        v = subprocess.run(["xmllint", "--noout", "--nonet", "--schema", SCHEMA[name], out], capture_output=True,
                           text=True)
        check(f"{what}: valid against {os.path.basename(SCHEMA[name])}", v.returncode == 0, v.stderr)
        got = targets(out)
        wrong = [(d, got.get(d)) for d, e in exact if got.get(d) != (e, "translated")]
        check(f"{what}: the 100 exact segments carry the TM's translations as translated", not wrong,
              wrong[:3])
        rest = [d for d in got if d not in dict(exact)]
        filled = [d for d in rest if got[d][0] is not None]
        if not opt:
            check(f"{what}: the other {len(rest)} segments have no target", not filled, filled[:3])
            continue
        drafts = [d for d in filled if got[d][1] == draft]
        own = sum(got.get(d, (None,))[0] == e for d, e in fuzzy)
        check(f"{what}: the 100 near segments are drafts of the unit they were cut from ({own}; "
              f"{len(drafts)} drafts, at most {100 + near})",
              own == 100 and len(drafts) == len(filled) and 100 <= len(drafts) <= 100 + near, len(drafts))


def main():
    if not os.path.exists(DING):
        print(f"xliff-jobs: {DING} is missing: install trans-de-en (tools/setup)")
        sys.exit(1)
    ps = pairs()
    rnd = random.Random("tmkit-xliff-jobs-v1")
    tm_pairs = ps[::2]
    exact = rnd.sample(tm_pairs, 100)
    longer = [p for p in tm_pairs if p not in exact and len(p[0].split()) >= 7]
    fuzzy = rnd.sample(longer, 100)
    absent = rnd.sample(news_sentences(), 100)
    job = exact + [(" ".join(w for k, w in enumerate(d.split()) if k != 2), e) for d, e in fuzzy] + absent
    rnd.shuffle(job)
    with tempfile.TemporaryDirectory(prefix="tmkit-jobs-") as d:
        tsv, tm = os.path.join(d, "tm.tsv"), os.path.join(d, "t.tm")
        with open(tsv, "w", encoding="utf-8") as f:
            for de, en in tm_pairs:
                f.write(f"{de}\t{en}\n")
        imp = subprocess.run([TMKIT, "--tm", tm, "import", "--langs", "de-DE,en-GB", tsv],
                             capture_output=True, text=True)
        check(f"a TM of {len(tm_pairs)} Ding sentence pairs", imp.returncode == 0, imp.stderr)
        # a news sentence may still be a fair 50 % match of a Ding sentence
        # ("Das Gesetz trat im Jahr 2019 in Kraft." ~ "Das Suizidgesetz trat
        # 1961 in Kraft."): fuzzy, as in any CAT tool; there must be few
        near = sum(subprocess.run([TMKIT, "--tm", tm, "lookup", "--from", "de-DE", "--to", "en-GB", "--min", "50",
                                   "--max", "1", de], capture_output=True).returncode == 0 for de, _ in absent)
        check(f"at most 5 of the 100 absent sentences are 50 % matches of a TM unit ({near})", near <= 5)
        for name, make in (("job12.xlf", xliff12), ("job20.xlf", xliff20)):
            path = os.path.join(d, name)
            with open(path, "w", encoding="utf-8") as f:
                f.write(make(job))
            analyse(tm, path, near)
            pretranslate(tm, path, exact, [(" ".join(w for k, w in enumerate(d.split()) if k != 2), e)
                                          for d, e in fuzzy], near)
    print(f"xliff-jobs: {sum(results)} passed, {len(results) - sum(results)} failed")
    sys.exit(0 if all(results) else 1)


if __name__ == "__main__":
    main()
