#!/usr/bin/env python3
"""TMX interoperability (issue 12): the LISA kit and TMX written by other tools.

usage: tmx_interop.py TMKIT

Data from the tree only: tests/data/tmx-compliance-kit (the LISA TMX 1.4
Compliance Kit), tests/data/tmx-samples (TMX that OmegaT and
translate-toolkit wrote, and hand-made imitations of Trados Studio, memoQ,
Wordfast and Okapi files; see its README.md) and
tests/data/standards/tmx14.dtd.

1. LISA kit: every kit .tmx imports without error; for each ImportTest
   with a source .txt and an expected target .txt (ImportTest1A.txt,
   ImportTest1A_fr-ca.txt: the target language in the name, the source
   language the TMX header's srclang), every source line looked up at
   100 % (--min 100, JSON, --from/--to the full tags) gives exactly the
   expected target line (no other target at 100 %) with the unit's
   source_lang and target_lang, and so does a lookup with --from the
   primary language (en for en-US).
2. Every sample and kit file: import into a new TM (no error, every pair
   added or a duplicate), export TMX (valid against the TMX 1.4b DTD),
   import that into a second TM and export again: the two exports are equal
   but for the header's creationdate.
3. Every pair of a <tu>'s source variant with each other variant (source:
   the <tu>'s srclang, else the header's, else the first <tuv>; a bare
   language such as "en" stands for its first variant, "en-US") is a <tu>
   of the first export with the same tags (canonical case: en-US, de-CH,
   zh-Hant-TW), the same <seg> content (inline elements with their
   attributes, white space byte for byte; both sides NFC, as tmkit
   normalises text on import), every attribute the <tu> and both <tuv>s
   had (srclang = the pair's source tag) and the same <note>s and <prop>s
   with their attributes on the <tu> and on each <tuv>.  Not expected per
   unit: the header's notes, props and ude, and xml:space attributes (the
   DTD declares none; the white space is checked instead).  A <tuv> with
   TMX 1.1's lang attribute is expected back with xml:lang.
4. The samples' pairs looked up at 100 % with --from/--to their tags, and
   with --from the primary language: the unit comes back with its
   source_lang and target_lang (skipped: segments with leading or trailing
   white space or a line break, which the lookup command trims or splits).

Ends with 'tmx-interop: N passed, N failed'; exit status 1 on a failure.
"""
import collections
import json
import os
import re
import subprocess
import sys
import tempfile
import unicodedata
import xml.etree.ElementTree as ET

TMKIT = sys.argv[1] if len(sys.argv) > 1 else None
HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(HERE, "..", "data")
KIT = os.path.join(DATA, "tmx-compliance-kit")
SAMPLES = os.path.join(DATA, "tmx-samples")
DTD = os.path.join(DATA, "standards", "tmx14.dtd")
XML_NS = "{http://www.w3.org/XML/1998/namespace}"
CODE = {"bpt", "ept", "it", "ph", "ut", "sub"}      # their text is native code
MAX_DETAIL = 6                                       # failures listed per check

results = []


def check(name, ok, detail=""):
    results.append(ok)
    print(("ok   " if ok else "FAIL ") + name + ("" if ok else ": " + detail))


def note(text):
    print("     " + text)


def tmkit(*args):
    return subprocess.run([TMKIT] + list(args), capture_output=True)


def canon(tag):
    """A BCP 47 tag in its canonical case (RFC 5646 2.1.1): language lower,
    script title, region upper, everything after a singleton lower."""
    parts = tag.strip().replace("_", "-").split("-")
    out, ext = [parts[0].lower()], False
    for p in parts[1:]:
        if ext or len(p) == 1:
            ext = True
            out.append(p.lower())
        elif len(p) == 2 and p.isalpha():
            out.append(p.upper())
        elif len(p) == 4 and p.isalpha():
            out.append(p.title())
        else:
            out.append(p.lower())
    return "-".join(out)


def primary(tag):
    return canon(tag).split("-")[0]


def nfc(s):
    return unicodedata.normalize("NFC", s)


def attrs_of(el):
    """An element's attributes, xml:lang spelt so, TMX 1.1's lang as xml:lang."""
    a = {}
    for k, v in el.attrib.items():
        k = "xml:" + k[len(XML_NS):] if k.startswith(XML_NS) else k
        if k == "lang":
            k = "xml:lang"
        a[k] = v
    return a


def without_space(a):
    return {k: v for k, v in a.items() if k != "xml:space"}


# ---- parsed TMX ------------------------------------------------------------

def seg_items(el):
    """<seg> content as a tuple of ("#text", s) and (tag, attrs, items),
    adjacent text merged, text NFC: what is compared between files."""
    items = []

    def text(s):
        if not s:
            return
        if items and items[-1][0] == "#text":
            items[-1] = ("#text", items[-1][1] + s)
        else:
            items.append(("#text", s))

    text(el.text)
    for c in el:
        items.append((c.tag, tuple(sorted(without_space(attrs_of(c)).items())), seg_items(c)))
        text(c.tail)
    return tuple((i[0], nfc(i[1])) if i[0] == "#text" else i for i in items)


def plain(items, code=False):
    """The text of a segment without native code, as tmkit matches it."""
    out = []
    for i in items:
        if i[0] == "#text":
            if not code:
                out.append(i[1])
        else:
            out.append(plain(i[2], code or i[0] in CODE))
    return "".join(out)


def show(items):
    """A segment back as markup, for messages."""
    out = []
    for i in items:
        if i[0] == "#text":
            out.append(i[1].replace("&", "&amp;").replace("<", "&lt;"))
        else:
            a = "".join(' %s="%s"' % kv for kv in i[1])
            out.append("<%s%s>%s</%s>" % (i[0], a, show(i[2]), i[0]))
    return "".join(out)


def notes_of(el):
    """The <note>s and <prop>s directly in EL, wherever they stand (some
    writers put them after the <tuv>s or after <seg>)."""
    return [(c.tag, tuple(sorted((k, canon(v) if k == "xml:lang" else v)
                                 for k, v in without_space(attrs_of(c)).items())),
             nfc(c.text or "")) for c in el if c.tag in ("note", "prop")]


def parse_tmx(path):
    """(header attributes, [tu]); a tu is a dict with attrs, notes and tuvs,
    a tuv a dict with lang (canonical), attrs, notes and seg."""
    root = ET.parse(path).getroot()
    header = root.find("header")
    tus = []
    for tu in root.iter("tu"):
        tuvs = []
        for tuv in tu.findall("tuv"):
            a = attrs_of(tuv)
            seg = tuv.find("seg")
            tuvs.append({"lang": canon(a.get("xml:lang", "")), "attrs": a,
                         "notes": notes_of(tuv), "seg": seg_items(seg) if seg is not None else ()})
        tus.append({"attrs": attrs_of(tu), "notes": notes_of(tu), "tuvs": tuvs})
    return (attrs_of(header) if header is not None else {}), tus


def source_variant(header, tu):
    """The <tuv> a <tu>'s units start from: the tu's srclang, else the
    header's, else the first tuv; a language range such as "en" matches
    the first variant it covers (RFC 4647 lookup)."""
    src = tu["attrs"].get("srclang", "")
    if not src or src == "*all*":
        src = header.get("srclang", "")
    if not src or src == "*all*":
        return tu["tuvs"][0] if tu["tuvs"] else None
    want = canon(src)
    for v in tu["tuvs"]:
        if v["lang"] == want:
            return v
    for v in tu["tuvs"]:
        if v["lang"].startswith(want + "-"):
            return v
    return None


def expected_pairs(path):
    """Every (tu, source tuv, target tuv) that should become a unit, and how
    many entries tmkit should report skipped: a <tu> without a variant in
    its source language or with one language only, a pair with an empty
    segment."""
    header, tus = parse_tmx(path)
    pairs, skips = [], 0
    for tu in tus:
        s = source_variant(header, tu)
        if s is None:
            skips += 1
            continue
        others = [t for t in tu["tuvs"] if t is not s and t["lang"] != s["lang"]]
        if not others:
            skips += 1
        for t in others:
            if plain(s["seg"]) and plain(t["seg"]):
                pairs.append((tu, s, t))
            else:
                skips += 1
    return pairs, skips


# ---- round trip ------------------------------------------------------------

def import_file(tm, path):
    """tmkit import with a JSON report: (ok, report or error text)."""
    r = tmkit("--tm", tm, "import", "--report", "json", path)
    try:
        rep = json.loads(r.stdout.decode("utf-8", "replace").strip().splitlines()[-1])
    except (ValueError, IndexError):
        rep = None
    if r.returncode != 0 or rep is None or not rep.get("ok"):
        return False, (r.stderr.decode("utf-8", "replace").strip() or str(rep))[:300]
    return True, rep


def export_file(tm, out):
    r = tmkit("--tm", tm, "export", "--format", "tmx", "-o", out)
    if r.returncode != 0 or not os.path.exists(out):
        return r.stderr.decode("utf-8", "replace").strip()[:300] or "no output"
    return None


def without_header_date(data):
    return re.sub(rb'(<header\b[^>]*?)\screationdate="[^"]*"', rb"\1", data, count=1)


def same_value(k, v, g):
    """An attribute's value as written, or for a <tu>'s dates the same
    instant: tmkit reads 2024-06-11T08:15:02Z (ISO 8601 extended) and
    writes it the way TMX wants it, 20240611T081502Z."""
    if g == v:
        return True
    return k in ("creationdate", "changedate") and re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", v) \
        and v.replace("-", "").replace(":", "") == g


def compare_attrs(where, want, got, skip=()):
    """Every attribute of WANT in GOT with the same value."""
    bad = []
    for k, v in sorted(want.items()):
        if k in skip or k == "xml:space":
            continue
        if k not in got:
            bad.append("%s: %s=%r missing" % (where, k, v))
        elif not same_value(k, v, got[k]):
            bad.append("%s: %s=%r, export has %r" % (where, k, v, got[k]))
    return bad


def compare_notes(where, want, got):
    w, g = collections.Counter(want), collections.Counter(got)
    bad = []
    for n in sorted(w - g):
        bad.append("%s: <%s%s>%r missing" % (where, n[0], "".join(' %s="%s"' % a for a in n[1]), n[2]))
    for n in sorted(g - w):
        bad.append("%s: extra <%s%s>%r" % (where, n[0], "".join(' %s="%s"' % a for a in n[1]), n[2]))
    return bad


def compare_pair(tu, s, t, etu):
    """What the export's <tu> ETU lost of the pair (S, T) of TU."""
    es, et = etu["tuvs"][0], etu["tuvs"][1]
    bad = compare_attrs("tu", tu["attrs"], etu["attrs"], skip=("srclang",))
    if etu["attrs"].get("srclang") != s["lang"]:
        bad.append("tu: srclang %r, want %r" % (etu["attrs"].get("srclang"), s["lang"]))
    bad += compare_notes("tu", tu["notes"], etu["notes"])
    for side, want, got in (("source tuv", s, es), ("target tuv", t, et)):
        if got["attrs"].get("xml:lang") != want["lang"]:
            bad.append("%s: xml:lang %r, want %r" % (side, got["attrs"].get("xml:lang"), want["lang"]))
        bad += compare_attrs(side, want["attrs"], got["attrs"], skip=("xml:lang",))
        bad += compare_notes(side, want["notes"], got["notes"])
        if got["seg"] != want["seg"]:
            bad.append("%s: <seg> %r, export has %r" % (side, show(want["seg"]), show(got["seg"])))
    return bad


def squeeze(text):
    return " ".join(text.split())


def find_unit(pairs_index, by_text, s, t):
    """The export's <tu> for the pair (S, T): the same tags and segments;
    failing that, for the message, the closest one: the same plain texts,
    the same plain source text, or the same words apart from white space."""
    key = (s["lang"], t["lang"], s["seg"], t["seg"])
    if pairs_index.get(key):
        return pairs_index[key].pop(0), None
    near = (by_text.get((plain(s["seg"]), plain(t["seg"]))) or by_text.get((plain(s["seg"]), None))
            or by_text.get(("squeezed", squeeze(plain(s["seg"])))))
    if near:
        e = near[0]
        return e, "closest <tu> is %s -> %s" % (e["tuvs"][0]["lang"], e["tuvs"][1]["lang"])
    return None, "no <tu> with this source text"


def check_pairs(name, path, export):
    """Section 3 for one file: every pair kept, attribute for attribute."""
    pairs, _ = expected_pairs(path)
    _, etus = parse_tmx(export)
    shape = [i for i, e in enumerate(etus) if len(e["tuvs"]) != 2]
    if shape:
        check("%s: every exported <tu> has two <tuv>" % name, False,
              "<tu> number %s" % ", ".join(str(i + 1) for i in shape[:MAX_DETAIL]))
        etus = [e for e in etus if len(e["tuvs"]) == 2]
    index, by_text = collections.defaultdict(list), collections.defaultdict(list)
    for e in etus:
        s, t = e["tuvs"]
        index[(s["lang"], t["lang"], s["seg"], t["seg"])].append(e)
        by_text[(plain(s["seg"]), plain(t["seg"]))].append(e)
        by_text[(plain(s["seg"]), None)].append(e)
        by_text[("squeezed", squeeze(plain(s["seg"])))].append(e)
    problems = []
    for tu, s, t in pairs:
        label = "%s -> %s %r" % (s["lang"], t["lang"], plain(s["seg"])[:50])
        etu, why = find_unit(index, by_text, s, t)
        if etu is None:
            problems.append("%s: not exported (%s)" % (label, why))
            continue
        bad = compare_pair(tu, s, t, etu)
        if why:
            bad.insert(0, why)
        if bad:
            problems.append("%s: %s" % (label, "; ".join(bad)))
    check("%s: all %d pairs exported with every attribute, note, prop and inline element"
          % (name, len(pairs)), not problems,
          "%d of %d pairs differ:\n       " % (len(problems), len(pairs))
          + "\n       ".join(p[:400] for p in problems[:MAX_DETAIL])
          + ("\n       ..." if len(problems) > MAX_DETAIL else ""))
    if len(etus) != len(pairs):
        note("%s: %d pairs in the file, %d <tu> in the export" % (name, len(pairs), len(etus)))


def round_trip(name, path, d):
    """Sections 2 and 3 for one file; returns the TM for the lookups."""
    tm1, tm2 = os.path.join(d, "first.tm"), os.path.join(d, "second.tm")
    e1, e2 = os.path.join(d, "first.tmx"), os.path.join(d, "second.tmx")
    pairs, skips = expected_pairs(path)
    ok, rep = import_file(tm1, path)
    check("%s: imports without error" % name, ok, rep if not ok else "")
    if not ok:
        return None
    got = rep.get("added", 0) + rep.get("duplicates", 0)
    check("%s: every pair imported (%d), none skipped" % (name, len(pairs)),
          got == len(pairs) and rep.get("skipped", 0) == skips,
          "%d added, %d duplicates, %d skipped%s" % (
              rep.get("added", 0), rep.get("duplicates", 0), rep.get("skipped", 0),
              "".join("\n       line %s: %s" % (s.get("line"), s.get("reason"))
                      for s in rep.get("skips", [])[:MAX_DETAIL])))
    err = export_file(tm1, e1)
    check("%s: exports" % name, err is None, err or "")
    if err:
        return tm1
    v = subprocess.run(["xmllint", "--nonet", "--noout", "--dtdvalid", DTD, e1], capture_output=True, text=True)
    check("%s: the export is valid against the TMX 1.4b DTD" % name, v.returncode == 0,
          "\n       ".join(v.stderr.strip().splitlines()[:MAX_DETAIL]))
    try:
        check_pairs(name, path, e1)
    except ET.ParseError as e:
        check("%s: the export parses" % name, False, str(e))
        return tm1
    ok, rep2 = import_file(tm2, e1)
    err = export_file(tm2, e2) if ok else rep2
    if err:
        check("%s: the export imports and exports again" % name, False, err)
        return tm1
    with open(e1, "rb") as f1, open(e2, "rb") as f2:
        a, b = without_header_date(f1.read()), without_header_date(f2.read())
    first_diff = next((i for i, (x, y) in enumerate(zip(a.splitlines(), b.splitlines())) if x != y), None)
    check("%s: import -> export -> import -> export gives the same file" % name, a == b,
          "first difference at line %s" % (first_diff + 1 if first_diff is not None else
                                             "end (%d vs %d lines)" % (len(a.splitlines()), len(b.splitlines()))))
    return tm1


# ---- lookups ---------------------------------------------------------------

def lookup(tm, query, src, tgt):
    """The 100 % matches of QUERY from SRC to TGT, or an error string."""
    r = tmkit("--tm", tm, "lookup", "--from", src, "--to", tgt, "--min", "100", "--max", "50",
              "--format", "json", query)
    if r.returncode not in (0, 1):
        return r.stderr.decode("utf-8", "replace").strip()[:200]
    out = []
    for line in r.stdout.decode("utf-8", "replace").splitlines():
        try:
            out.append(json.loads(line))
        except ValueError:
            return "not JSON: %r" % line[:100]
    return out


def found(matches, target, src, tgt, only=False):
    """Why MATCHES do not hold TARGET at 100 % with the unit's tags (with
    ONLY, no other target at 100 % either), or None."""
    if isinstance(matches, str):
        return matches
    if not matches:
        return "no match"
    hits = [m for m in matches if m.get("score") == 100 and nfc(m.get("target", "")) == target]
    if not hits:
        return "got %r" % [(m.get("score"), m.get("target")) for m in matches[:3]]
    if not any(m.get("source_lang") == src and m.get("target_lang") == tgt for m in hits):
        return "tags %r, want %s -> %s" % (
            [(m.get("source_lang"), m.get("target_lang")) for m in hits[:3]], src, tgt)
    others = [m.get("target") for m in matches if m.get("score") == 100 and m not in hits]
    if only and others:
        return "other targets at 100 %%: %r" % others[:3]
    return None


def check_lookups(name, tm, pairs):
    """Section 4: each pair looked up with its tags and with --from its
    primary language."""
    exact, broad, skipped = [], [], 0
    for _, s, t in pairs:
        q, want = plain(s["seg"]), plain(t["seg"])
        if q != q.strip(" \t") or "\n" in q or "\r" in q:
            skipped += 1
            continue
        why = found(lookup(tm, q, s["lang"], t["lang"]), want, s["lang"], t["lang"])
        if why:
            exact.append("%s -> %s %r: %s" % (s["lang"], t["lang"], q[:50], why))
        why = found(lookup(tm, q, primary(s["lang"]), t["lang"]), want, s["lang"], t["lang"])
        if why:
            broad.append("--from %s --to %s %r: %s" % (primary(s["lang"]), t["lang"], q[:50], why))
    n = len(pairs) - skipped
    for kind, bad in (("--from/--to the unit's tags", exact), ("--from the primary language", broad)):
        check("%s: %d pairs found at 100 %% with %s" % (name, n, kind), not bad,
              "%d of %d not found:\n       " % (len(bad), n) + "\n       ".join(bad[:MAX_DETAIL]))
    if skipped:
        note("%s: %d pairs not looked up (white space at an end or a line break)" % (name, skipped))


# ---- the LISA kit ----------------------------------------------------------

def read_lines(path):
    """A kit text file's lines: UTF-16 or UTF-8 by its BOM, line ends cut,
    nothing else (the tabs and spaces inside are the test)."""
    with open(path, "rb") as f:
        raw = f.read()
    if raw[:2] in (b"\xff\xfe", b"\xfe\xff"):
        text = raw.decode("utf-16")
    else:
        text = raw.decode("utf-8-sig")
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return [l[:-1] if l.endswith("\r") else l for l in lines]


def kit_lookups(d):
    """Section 1: the import tests with a source and an expected target text."""
    for f in sorted(os.listdir(KIT)):
        m = re.match(r"(ImportTest\w+?)_([A-Za-z]{2,3}(?:-[A-Za-z0-9]+)*)\.txt$", f)
        if not m or not os.path.exists(os.path.join(KIT, m.group(1) + ".txt")):
            continue
        test, tmx = m.group(1), os.path.join(KIT, m.group(1) + ".tmx")
        src = canon(parse_tmx(tmx)[0].get("srclang", ""))
        tgt = canon(m.group(2))
        sources = read_lines(os.path.join(KIT, test + ".txt"))
        targets = read_lines(os.path.join(KIT, f))
        check("kit %s: as many source as target lines" % test, len(sources) == len(targets),
              "%d and %d" % (len(sources), len(targets)))
        tm = os.path.join(d, test + ".tm")
        ok, rep = import_file(tm, tmx)
        if not ok:
            check("kit %s: imports" % test, False, rep)
            continue
        for i, (q, want) in enumerate(zip(sources, targets), 1):
            if not q.strip() and not want.strip():
                continue
            why = found(lookup(tm, q, src, tgt), nfc(want), src, tgt, only=True)
            check("kit %s line %d: %s -> %s at 100 %% gives exactly the expected target" % (test, i, src, tgt),
                  why is None, "%r: %s" % (q, why))
            why = found(lookup(tm, q, primary(src), tgt), nfc(want), src, tgt, only=True)
            check("kit %s line %d: --from %s finds it too" % (test, i, primary(src)),
                  why is None, "%r: %s" % (q, why))


def files():
    kit = [("kit " + f, os.path.join(KIT, f)) for f in sorted(os.listdir(KIT)) if f.endswith(".tmx")]
    samples = [("sample " + f, os.path.join(SAMPLES, f))
               for f in sorted(os.listdir(SAMPLES)) if f.endswith(".tmx")]
    return kit, samples


def main():
    if not TMKIT:
        print(__doc__.split("\n\n")[1], file=sys.stderr)
        return 2
    for need in (KIT, SAMPLES, DTD):
        if not os.path.exists(need):
            print("tmx_interop.py: %s is missing" % need, file=sys.stderr)
            return 1
    kit, samples = files()
    with tempfile.TemporaryDirectory() as d:
        kit_lookups(d)
        for n, (name, path) in enumerate(kit + samples):
            sub = os.path.join(d, "f%d" % n)
            os.mkdir(sub)
            tm = round_trip(name, path, sub)
            if tm and name.startswith("sample "):
                check_lookups(name, tm, expected_pairs(path)[0])
    passed = sum(results)
    print("tmx-interop: %d passed, %d failed" % (passed, len(results) - passed))
    return 0 if passed == len(results) else 1


if __name__ == "__main__":
    sys.exit(main())
