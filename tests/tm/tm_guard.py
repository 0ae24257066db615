#!/usr/bin/env python3
"""The TM where things go wrong around it (issue 12, "Reliability").

usage: tm_guard.py TMKIT

1. read-only places: a TM in a read-only folder, and a write-protected TM
   file, can be looked up; nothing is left beside them (no -shm/-wal that
   would block the next writer); a write is refused with a clear message.
   As root (CI), tmkit runs as user nobody through setpriv, since root
   ignores permissions.
2. a TM damaged in the middle: import and term import refuse to write to
   it; doctor finds it and says how to recover; doctor --salvage copies what
   can be read into a sound new TM; a word index that disagrees with the
   units is found and rebuilt by doctor --rebuild-index.
3. a second writer waits while the first holds the lock, and gives up
   after --wait SECONDS with a message that says so.
4. a full disk: with a file size limit (RLIMIT_FSIZE) the import fails with
   "disk is full", the TM stays sound and no WAL is left; on a small tmpfs
   (when this machine lets us mount one) an import too big for the free
   space is refused before any work.
Ends with 'tm-guard: N passed, N failed'.
"""
import os
import resource
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time

TMKIT = os.path.abspath(sys.argv[1])
results = []
ROOT = os.geteuid() == 0


def check(name, ok, detail=""):
    results.append(ok)
    print(("ok   " if ok else "FAIL ") + name + ("" if ok else ": " + str(detail)[:2000]))


def tmkit(*args, as_nobody=False, **kw):
    cmd = [TMKIT] + list(args)
    if as_nobody and ROOT:
        cmd = ["setpriv", "--reuid", "65534", "--regid", "65534", "--clear-groups"] + cmd
    return subprocess.run(cmd, capture_output=True, text=True, **kw)


def write_tsv(path, n, tag="s"):
    with open(path, "w", encoding="utf-8") as f:
        for i in range(n):
            f.write(f"Satz {tag} Nummer {i} über die Lage in Zentralasien.\t"
                    f"Sentence {tag} number {i} on the situation in Central Asia.\n")


def beside(tm):
    d, base = os.path.split(tm)
    return sorted(f for f in os.listdir(d) if f.startswith(base + "-"))


def read_only_places(d):
    if ROOT and not shutil.which("setpriv"):
        print("note: running as root without setpriv: read-only checks skipped")
        return
    folder = os.path.join(d, "ro")
    os.mkdir(folder)
    os.chmod(d, 0o755)
    tm = os.path.join(folder, "t.tm")
    tsv = os.path.join(d, "a.tsv")
    write_tsv(tsv, 50)
    os.chmod(tsv, 0o644)
    r = tmkit("--tm", tm, "import", tsv)
    check("read-only: a TM to read", r.returncode == 0, r.stderr)
    os.chmod(folder, 0o555)
    try:
        q = tmkit("--tm", tm, "lookup", "Satz s Nummer 7 über die Lage in Zentralasien.", as_nobody=True)
        check("read-only folder: lookup works", q.returncode == 0 and "100%" in q.stdout, q.stdout + q.stderr)
        check("read-only folder: nothing created beside the TM", beside(tm) == [], beside(tm))
        w = tmkit("--tm", tm, "import", tsv, as_nobody=True)
        check("read-only folder: an import is refused, saying why",
              w.returncode == 1 and "no write permission" in w.stderr, w.stderr)
    finally:
        os.chmod(folder, 0o755)
    os.chmod(tm, 0o444)
    q = tmkit("--tm", tm, "lookup", "--format", "json", "Satz s Nummer 9 über die Lage in Zentralasien.",
              as_nobody=True)
    check("write-protected TM: lookup works", q.returncode == 0 and '"score":100' in q.stdout, q.stdout + q.stderr)
    check("write-protected TM: no -shm/-wal left to block the next writer", beside(tm) == [], beside(tm))
    os.chmod(tm, 0o644)
    write_tsv(tsv, 60, "t")
    w = tmkit("--tm", tm, "import", tsv)
    check("write-protected TM: writable again, the next import works", w.returncode == 0, w.stderr)


def damage(tm):
    """Overwrite part of a page in the middle of TM's file."""
    size, page = os.path.getsize(tm), 16384
    with open(tm, "r+b") as f:
        f.seek((size // page // 2) * page + 200)
        f.write(bytes(range(256)) * 12)


def damaged_tm(d):
    tm, tsv, one = (os.path.join(d, n) for n in ("dmg.tm", "dmg.tsv", "one.tsv"))
    write_tsv(tsv, 8000, "d")
    with open(one, "w", encoding="utf-8") as f:
        f.write("Neu.\tNew.\n")
    tmkit("--tm", tm, "import", tsv)
    ok = tmkit("--tm", tm, "doctor")
    check("doctor: a sound TM is sound (exit 0)", ok.returncode == 0 and "sound" in ok.stdout, ok.stdout + ok.stderr)
    damage(tm)
    before = (os.path.getsize(tm), os.stat(tm).st_mtime_ns)
    imp = tmkit("--tm", tm, "import", one)
    check("damaged TM: import refuses to write, naming doctor",
          imp.returncode == 1 and "damaged" in imp.stderr and "doctor" in imp.stderr, imp.stderr)
    term = tmkit("--tm", tm, "term", "add", "Lage", "situation")
    check("damaged TM: term add refuses too", term.returncode != 0 and "damaged" in term.stderr, term.stderr)
    wal = tm + "-wal"
    check("damaged TM: nothing was written",
          (os.path.getsize(tm), os.stat(tm).st_mtime_ns) == before and
          (not os.path.exists(wal) or os.path.getsize(wal) == 0), beside(tm))
    doc = tmkit("--tm", tm, "doctor")
    check("doctor: finds the damage and says how to salvage",
          doc.returncode == 1 and "damaged" in doc.stdout and "--salvage" in doc.stdout, doc.stdout + doc.stderr)
    js = tmkit("--tm", tm, "doctor", "--format", "json")
    check("doctor --format json", js.returncode == 1 and '"file_damaged":true' in js.stdout, js.stdout)
    new = os.path.join(d, "saved.tm")
    sal = tmkit("--tm", tm, "doctor", "--salvage", new)
    with sqlite3.connect(new) as c:
        saved = c.execute("SELECT count(*) FROM unit").fetchone()[0]
    check("doctor --salvage: most units copied to a new TM", sal.returncode == 0 and 7000 <= saved <= 8000,
          f"{saved} units; {sal.stdout}{sal.stderr}")
    again = tmkit("--tm", new, "doctor")
    check("doctor --salvage: the new TM is sound", again.returncode == 0, again.stdout + again.stderr)
    look = tmkit("--tm", new, "lookup", "Satz d Nummer 1 über die Lage in Zentralasien.")
    check("doctor --salvage: the new TM answers lookups", look.returncode == 0 and "100%" in look.stdout,
          look.stdout + look.stderr)
    exists = tmkit("--tm", tm, "doctor", "--salvage", new)
    check("doctor --salvage refuses an existing file", exists.returncode == 1 and "exists" in exists.stderr,
          exists.stderr)
    # an index that disagrees with its units: a unit added behind tmkit's back
    with sqlite3.connect(new) as c:
        c.execute("INSERT INTO unit(src_lang, tgt_lang, source, target, source_norm, target_norm,"
                  " source_hash, target_hash, source_words, target_words, created_at, changed_at)"
                  " VALUES ('de', 'en', 'Geheim.', 'Secret.', 'geheim.', 'secret.', 1, 2, 1, 1, 'x', 'x')")
    idx = tmkit("--tm", new, "doctor")
    check("doctor: a word index out of step is found, and --rebuild-index named",
          idx.returncode == 1 and "--rebuild-index" in idx.stdout, idx.stdout + idx.stderr)
    fix = tmkit("--tm", new, "doctor", "--rebuild-index")
    conc = tmkit("--tm", new, "concordance", "geheim")
    check("doctor --rebuild-index: sound again, the unit found", fix.returncode == 0 and conc.returncode == 0,
          fix.stdout + fix.stderr + conc.stdout)


def waiting_writer(d):
    tm, a, b = (os.path.join(d, n) for n in ("w.tm", "w1.tsv", "w2.tsv"))
    write_tsv(a, 10, "a")
    write_tsv(b, 10, "b")
    tmkit("--tm", tm, "import", a)
    holder = sqlite3.connect(tm, isolation_level=None, timeout=30)
    holder.execute("BEGIN IMMEDIATE")
    start = time.monotonic()
    waiting = subprocess.Popen([TMKIT, "--tm", tm, "import", b], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    bounded = tmkit("--tm", tm, "--wait", "1", "import", b)
    took = time.monotonic() - start
    check("--wait 1: gives up after about a second, saying why",
          bounded.returncode == 1 and "another process is writing" in bounded.stderr and took < 10,
          f"{took:.1f} s: {bounded.stderr}")
    time.sleep(3)
    still = waiting.poll() is None
    holder.execute("COMMIT")
    holder.close()
    out, err = waiting.communicate(timeout=60)
    check("a second writer waits while the first holds the lock (3 s), then imports",
          still and waiting.returncode == 0 and b"10 added" in out, out + err)
    bad = tmkit("--wait", "soon", "stats")
    check("--wait wants seconds", bad.returncode == 2 and "--wait" in bad.stderr, bad.stderr)


def full_disk(d):
    tm, big = os.path.join(d, "full.tm"), os.path.join(d, "big.tsv")
    write_tsv(big, 60000, "f")
    tmkit("--tm", tm, "import", os.path.join(d, "w1.tsv"))

    def limit():
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (3_000_000, 3_000_000))
    r = subprocess.run([TMKIT, "--tm", tm, "import", big], capture_output=True, text=True, preexec_fn=limit)
    check("file size limit: the import fails saying the disk is full",
          r.returncode == 1 and "disk is full" in r.stderr, r.stderr)
    with sqlite3.connect(tm) as c:
        ok, n = c.execute("PRAGMA integrity_check").fetchone()[0], c.execute("SELECT count(*) FROM unit").fetchone()[0]
    check("file size limit: the TM is sound and holds what it held", ok == "ok" and n == 10, f"{ok} {n}")
    check("file size limit: no WAL left behind", not os.path.exists(tm + "-wal") or os.path.getsize(tm + "-wal") == 0,
          beside(tm))
    small = os.path.join(d, "small")
    os.mkdir(small)
    if not ROOT or subprocess.run(["mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", small],
                                  capture_output=True).returncode != 0:
        print("note: cannot mount a small tmpfs here: the free-space check is tested through the limit only")
        return
    try:
        stm = os.path.join(small, "s.tm")
        tmkit("--tm", stm, "import", os.path.join(d, "w1.tsv"))
        r = tmkit("--tm", stm, "import", big)
        check("small tmpfs: an import bigger than the free space is refused first",
              r.returncode == 1 and "not enough free space" in r.stderr, r.stderr)
        mid = os.path.join(d, "mid.tsv")
        write_tsv(mid, 2500, "m")       # passes the estimate, then fills the disk
        r = tmkit("--tm", stm, "import", mid)
        with sqlite3.connect(stm) as c:
            ok = c.execute("PRAGMA integrity_check").fetchone()[0]
        check("small tmpfs: filled midway, the import fails cleanly and the TM is sound",
              (r.returncode == 0 or "disk is full" in r.stderr or "not enough free space" in r.stderr) and ok == "ok",
              r.stderr + ok)
    finally:
        for _ in range(20):             # a process may still be closing a file there
            if subprocess.run(["umount", small], capture_output=True).returncode == 0:
                break
            time.sleep(0.2)


def main():
    d = tempfile.mkdtemp(prefix="tmkit-guard-")
    os.chmod(d, 0o755)
    try:
        read_only_places(d)
        damaged_tm(d)
        waiting_writer(d)
        full_disk(d)
    finally:
        shutil.rmtree(d, ignore_errors=True)
    print(f"tm-guard: {sum(results)} passed, {len(results) - sum(results)} failed")
    sys.exit(0 if all(results) else 1)


if __name__ == "__main__":
    main()
