#!/usr/bin/env python3
"""TM reliability: a killed import, two importers at once, and the round trip.

usage: reliability.py TMKIT

1. kill -9 in the middle of a large import: the TM passes
   PRAGMA integrity_check and holds all or none of that file (here: none of
   it, and everything imported before it).
2. two processes import different files into one TM at the same moment:
   both succeed and every unit of both is there; eight processes creating
   one new TM at the same moment all succeed.
3. round trip: TMX -> import -> export TMX -> import into a new TM ->
   export again: the same units (texts, inline tags, notes, properties,
   tuids, dates); the export is valid against tests/data/standards/tmx14.dtd
   (xmllint, offline) and translate-toolkit's TMX reader (Debian's python3) reads
   every unit.
4. `tmkit align --format tmx` on the bundled sample: valid against the DTD,
   every two-sided bead a unit that imports into a TM and that
   translate-toolkit reads.
5. the shipped glossary exported as CSV, TMX (valid against the DTD) and
   TBX (well-formed TBX-Basic, de and en): each imports into a new TM whose
   CSV export is the same as the first.
Everything it reads is in the source tree (tests/data, tests/cli/fixtures,
tools/sample, tm/): it runs in any clone, with nothing beside it.
Ends with 'reliability: N passed, N failed'.
"""
import os
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time

TMKIT = sys.argv[1]
HERE = os.path.dirname(os.path.abspath(__file__))
FIXTURE = os.path.join(HERE, "..", "cli", "fixtures", "security.tmx")
DTD = os.path.join(HERE, "..", "data", "standards", "tmx14.dtd")
results = []


def check(name, ok, detail=""):
    results.append(ok)
    print(("ok   " if ok else "FAIL ") + name + ("" if ok else ": " + detail))


def tmkit(*args, **kw):
    return subprocess.run([TMKIT] + list(args), capture_output=True, text=True, **kw)


def units(tm):
    with sqlite3.connect(tm) as c:
        return c.execute("SELECT count(*) FROM unit").fetchone()[0]


def integrity(tm):
    with sqlite3.connect(tm) as c:
        return c.execute("PRAGMA integrity_check").fetchone()[0]


def big_tsv(path, n, tag):
    with open(path, "w", encoding="utf-8") as f:
        for i in range(n):
            f.write(f"Satz {tag} Nummer {i} über die Lage in Zentralasien.\t"
                    f"Sentence {tag} number {i} on the situation in Central Asia.\n")


def killed_import(d):
    tm = os.path.join(d, "kill.tm")
    first = tmkit("--tm", tm, "import", FIXTURE)
    big = os.path.join(d, "big.tsv")
    big_tsv(big, 150000, "k")
    p = subprocess.Popen([TMKIT, "--tm", tm, "import", big],
                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(0.5)                         # well inside the import
    killed = p.poll() is None
    os.kill(p.pid, signal.SIGKILL)
    p.wait()
    n = units(tm)
    check("kill -9 during import: the import was still running when killed", killed)
    check("kill -9 during import: integrity_check ok", integrity(tm) == "ok", integrity(tm))
    check("kill -9 during import: none of the killed file, all of the one before",
          first.returncode == 0 and n == 5, f"{n} units")
    again = tmkit("--tm", tm, "import", big)
    check("after the kill the same file imports whole", again.returncode == 0 and units(tm) == 150005,
          again.stderr + str(units(tm)))


def concurrent_imports(d):
    tm = os.path.join(d, "two.tm")
    a, b = os.path.join(d, "a.tsv"), os.path.join(d, "b.tsv")
    big_tsv(a, 60000, "a")
    big_tsv(b, 60000, "b")
    pa = subprocess.Popen([TMKIT, "--tm", tm, "import", a], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    pb = subprocess.Popen([TMKIT, "--tm", tm, "import", b], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    ra, rb = pa.wait(), pb.wait()
    err = pa.stderr.read().decode() + pb.stderr.read().decode()
    check("two importers at once both succeed", ra == 0 and rb == 0, err)
    check("two importers at once: all units of both", units(tm) == 120000, str(units(tm)))
    check("two importers at once: integrity_check ok", integrity(tm) == "ok")
    look = tmkit("--tm", tm, "lookup", "--format", "json", "Satz b Nummer 59999 über die Lage in Zentralasien.")
    check("units of the second importer are indexed", '"score":100' in look.stdout, look.stdout + look.stderr)


def concurrent_creation(d):
    """Eight processes create one new TM at the same moment (30 times): the
    conversion to WAL and the first migration race, and every one must win."""
    small = os.path.join(d, "one.tsv")
    with open(small, "w", encoding="utf-8") as f:
        f.write("Hallo Welt.\tHello world.\n")
    errors, counts = [], []
    for i in range(30):
        tm = os.path.join(d, f"new{i}.tm")
        ps = [subprocess.Popen([TMKIT, "--tm", tm, "import", small], stdout=subprocess.DEVNULL,
                               stderr=subprocess.PIPE) for _ in range(8)]
        for p in ps:
            err = p.communicate()[1].decode()
            if p.returncode != 0:
                errors.append(err.strip())
        counts.append(units(tm))
    check("eight processes creating one TM at once all succeed", not errors,
          f"{len(errors)} failed, e.g. {errors[:1]}")
    check("eight processes creating one TM at once: one unit each time",
          all(c == 1 for c in counts), str(counts))


def unit_rows(tm):
    with sqlite3.connect(tm) as c:
        rows = c.execute("SELECT u.src_lang, u.tgt_lang, u.source, u.target,"
                         " coalesce(u.source_markup, ''), coalesce(u.target_markup, ''),"
                         " coalesce(u.tuid, ''), u.created_at, u.changed_at, u.usage_count,"
                         " (SELECT group_concat(coalesce(lang, '') || '|' || kind || '|' ||"
                         "  coalesce(type, '') || '|' || value, '#') FROM unit_note n"
                         "  WHERE n.unit_id = u.id) FROM unit u ORDER BY u.source").fetchall()
    return rows


def round_trip(d):
    t1, t2 = os.path.join(d, "r1.tm"), os.path.join(d, "r2.tm")
    x1, x2 = os.path.join(d, "r1.tmx"), os.path.join(d, "r2.tmx")
    tmkit("--tm", t1, "import", FIXTURE)
    e1 = tmkit("--tm", t1, "export", "--format", "tmx", "-o", x1)
    check("export TMX", e1.returncode == 0, e1.stderr)
    v = subprocess.run(["xmllint", "--nonet", "--noout", "--dtdvalid", DTD, x1], capture_output=True, text=True)
    check("exported TMX is valid against tmx14.dtd", v.returncode == 0, v.stderr)
    i2 = tmkit("--tm", t2, "import", x1)
    check("exported TMX imports again", i2.returncode == 0, i2.stderr)
    check("round trip keeps every unit, tag, note, property, tuid and date",
          unit_rows(t1) == unit_rows(t2), f"\n{unit_rows(t1)}\n{unit_rows(t2)}")
    tmkit("--tm", t2, "export", "--format", "tmx", "-o", x2)
    strip = lambda p: [l for l in open(p, encoding="utf-8") if "<header" not in l]
    check("second export is identical to the first (but the header's date)", strip(x1) == strip(x2))
    tt = subprocess.run(["/usr/bin/python3", "-c",
                         "import sys\nfrom translate.storage import tmx\n"
                         "s = tmx.tmxfile.parsefile(sys.argv[1])\n"
                         "print(len([u for u in s.units if u.source and u.target]))", x1],
                        capture_output=True, text=True)
    check("translate-toolkit reads every unit of the export",
          tt.returncode == 0 and tt.stdout.strip() == "5", tt.stdout + tt.stderr)


def aligned_tmx(d):
    root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
    de, en = (os.path.join(root, "tools", "sample", f"article.{l}.txt") for l in ("de", "en"))
    x, tm = os.path.join(d, "aligned.tmx"), os.path.join(d, "aligned.tm")
    beads = tmkit("align", "--format", "json", de, en)
    a = tmkit("align", "--format", "tmx", de, en)
    check("align --format tmx", a.returncode == 0 and beads.returncode == 0, a.stderr + beads.stderr)
    with open(x, "w", encoding="utf-8") as f:
        f.write(a.stdout)
    two_sided = sum(1 for l in beads.stdout.splitlines() if '"de":[]' not in l and '"en":[]' not in l)
    v = subprocess.run(["xmllint", "--nonet", "--noout", "--dtdvalid", DTD, x], capture_output=True, text=True)
    check("aligned TMX is valid against tmx14.dtd", v.returncode == 0, v.stderr)
    i = tmkit("--tm", tm, "import", x)
    check("aligned TMX imports, a unit a two-sided bead",
          i.returncode == 0 and units(tm) == two_sided, f"{i.stderr} {units(tm)} vs {two_sided}")
    tt = subprocess.run(["/usr/bin/python3", "-c",
                         "import sys\nfrom translate.storage import tmx\n"
                         "s = tmx.tmxfile.parsefile(sys.argv[1])\n"
                         "print(len([u for u in s.units if u.source and u.target]))", x],
                        capture_output=True, text=True)
    check("translate-toolkit reads every aligned unit",
          tt.returncode == 0 and tt.stdout.strip() == str(two_sided), tt.stdout + tt.stderr)


def glossary_export(d):
    """The shipped glossary exported in each format: TMX valid against the
    DTD, TBX well-formed TBX-Basic with real language codes, each format
    imported into a new TM and exported again: the same file (CSV) and the
    same term base (all)."""
    root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
    tm = os.path.join(d, "gloss.tm")
    imp = tmkit("--tm", tm, "term", "import", os.path.join(root, "tm", "glossary.csv"))
    check("shipped glossary imports", imp.returncode == 0, imp.stderr)
    first = tmkit("--tm", tm, "term", "export", "--format", "csv").stdout
    for fmt in ("csv", "tmx", "tbx"):
        out = os.path.join(d, "gloss." + fmt)
        e = tmkit("--tm", tm, "term", "export", "--format", fmt, "-o", out)
        check(f"term export --format {fmt}", e.returncode == 0 and os.path.getsize(out) > 0, e.stderr)
        if fmt == "tmx":
            v = subprocess.run(["xmllint", "--nonet", "--noout", "--dtdvalid", DTD, out], capture_output=True, text=True)
            check("glossary TMX is valid against tmx14.dtd", v.returncode == 0, v.stderr[:500])
        if fmt == "tbx":
            v = subprocess.run(["xmllint", "--nonet", "--noout", out], capture_output=True, text=True)
            check("glossary TBX is well-formed", v.returncode == 0, v.stderr[:500])
            import xml.etree.ElementTree as ET
            t = ET.parse(out).getroot()
            ns = "{urn:iso:std:iso:30042:ed-2}"
            langs = {ls.get("{http://www.w3.org/XML/1998/namespace}lang") for ls in t.iter(ns + "langSec")}
            entries = len(list(t.iter(ns + "conceptEntry")))
            check("glossary TBX is TBX-Basic with de and en, a conceptEntry per concept",
                  t.tag == ns + "tbx" and t.get("type") == "TBX-Basic" and langs == {"de", "en"} and
                  entries == len(tmkit("--tm", tm, "term", "list", "--format", "json").stdout.splitlines()),
                  f"{t.tag} {t.get('type')} {langs} {entries}")
        tm2 = os.path.join(d, f"again-{fmt}.tm")
        i = tmkit("--tm", tm2, "term", "import", out)
        again = tmkit("--tm", tm2, "term", "export", "--format", "csv").stdout
        check(f"glossary {fmt} export -> import -> export is lossless", i.returncode == 0 and again == first,
              i.stderr + f" {len(again)} vs {len(first)} bytes")


def main():
    with tempfile.TemporaryDirectory(prefix="tmkit-rel-") as d:
        killed_import(d)
        concurrent_imports(d)
        concurrent_creation(d)
        round_trip(d)
        aligned_tmx(d)
        glossary_export(d)
    print(f"reliability: {sum(results)} passed, {len(results) - sum(results)} failed")
    sys.exit(0 if all(results) else 1)


if __name__ == "__main__":
    main()
