#!/usr/bin/env python3
"""Exports killed midway, and outputs with long names (issue 12).

usage: killed_export.py TMKIT

1. `tmkit export -o out.tmx` killed (SIGKILL) while it writes: out.tmx is
   still the earlier export byte for byte, and the dead run's temporary
   (.tmkit-PID-RANDOM.tmp, beside the output) is left.
2. The next export into that folder removes it, and the former name
   out.tmx.tmkit-PID of a dead run, but not the temporary of a live
   process; its output is whole (every unit).
3. Outputs named with 250 bytes, and a path of PATH_MAX - 1 bytes, are
   written (`export` and `term export`) and leave nothing else behind.
Ends with 'killed-export: N passed, N failed'.
"""
import os
import re
import signal
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ET

TMKIT = sys.argv[1]
UNITS = 40000
results = []


def check(name, ok, detail=""):
    results.append(ok)
    print(("ok   " if ok else "FAIL ") + name + ("" if ok else ": " + detail))


def tmkit(*args):
    return subprocess.run([TMKIT] + list(args), capture_output=True, text=True)


def read(path):
    with open(path, "rb") as f:
        return f.read()


def dead_pid():
    p = subprocess.Popen(["true"])
    p.wait()
    return p.pid


def temps_of(d, pid):
    return [n for n in os.listdir(d) if re.fullmatch(r"\.tmkit-%d-[0-9a-f]{16}\.tmp" % pid, n)]


def kill_midway(d, tm, out):
    """Start an export to OUT and SIGKILL it once its temporary holds some
    of the file.  Returns the killed PID, or None if it finished first."""
    p = subprocess.Popen([TMKIT, "--tm", tm, "export", "--format", "tmx", "-o", out],
                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while p.poll() is None and time.monotonic() < deadline:
        names = temps_of(d, p.pid)
        if names and os.path.getsize(os.path.join(d, names[0])) > 65536:
            os.kill(p.pid, signal.SIGKILL)
            p.wait()
            return p.pid
        time.sleep(0.001)
    p.wait()
    return None


def killed_export(d):
    tm, out = os.path.join(d, "big.tm"), os.path.join(d, "out.tmx")
    src = os.path.join(d, "big.tsv")
    with open(src, "w", encoding="utf-8") as f:
        for i in range(UNITS):
            f.write(f"Satz Nummer {i} über die Lage in Zentralasien, mit mehr Worten.\t"
                    f"Sentence number {i} on the situation in Central Asia, with more words.\n")
    r = tmkit("--tm", tm, "import", src)
    check("import of the big TSV", r.returncode == 0, r.stderr)
    os.unlink(src)
    r = tmkit("--tm", tm, "export", "--format", "tmx", "-o", out)
    check("first export", r.returncode == 0, r.stderr)
    before = read(out)

    killed = None
    for _ in range(3):                      # the export may outrun the poll
        killed = kill_midway(d, tm, out)
        if killed:
            break
    check("an export was killed while it wrote", killed is not None)
    if not killed:
        return
    check("the killed export left the earlier output as it was", read(out) == before)
    check("the killed export left its temporary", len(temps_of(d, killed)) == 1,
          str(os.listdir(d)))

    live = ".tmkit-%d-0123456789abcdef.tmp" % os.getpid()     # this script runs
    legacy = "out.tmx.tmkit-%d" % dead_pid()
    for name in (live, legacy):
        with open(os.path.join(d, name), "w") as f:
            f.write("<tmx")
    r = tmkit("--tm", tm, "export", "--format", "tmx", "-o", out)
    check("the next export succeeds", r.returncode == 0, r.stderr)
    check("it removed the killed run's temporary", temps_of(d, killed) == [], str(os.listdir(d)))
    check("it removed the former name of a dead run", not os.path.exists(os.path.join(d, legacy)))
    check("it kept the temporary of a live process", os.path.exists(os.path.join(d, live)))
    n = sum(1 for e in ET.parse(out).getroot().iter("tu"))
    check("its output is whole", n == UNITS, f"{n} units")
    os.unlink(os.path.join(d, live))
    check("nothing else in the folder", sorted(os.listdir(d)) ==
          sorted(n for n in os.listdir(d) if n.startswith("big.tm")) + ["out.tmx"],
          str(os.listdir(d)))


def long_names(d):
    tm = os.path.join(d, "small.tm")
    fixture = os.path.join(os.path.dirname(os.path.abspath(__file__)), "fixtures", "security.tmx")
    r = tmkit("--tm", tm, "import", fixture)
    check("import of the fixture", r.returncode == 0, r.stderr)
    tmkit("--tm", tm, "term", "add", "Verfassungsschutz",
          "Office for the Protection of the Constitution")

    name = os.path.join(d, "n" * 250)
    for args in (["export", "--format", "tmx"], ["term", "export", "--format", "tbx"]):
        r = tmkit("--tm", tm, *args, "-o", name)
        check(f"{args[0]} {args[1]} to a 250-byte name", r.returncode == 0 and os.path.getsize(name) > 0,
              r.stderr)
        os.unlink(name)

    deep = d                                # folders up to PATH_MAX - 1 - 6
    limit = os.pathconf(d, "PC_PATH_MAX") - 1
    while len(deep) < limit - 6:
        part = min(200, limit - 6 - len(deep) - 1)
        deep = os.path.join(deep, "d" * part)
        os.mkdir(deep)
    out = os.path.join(deep, "o.tmx")
    check("the path is PATH_MAX - 1 bytes", len(out) == limit, str(len(out)))
    for args in (["export", "--format", "tmx"], ["term", "export", "--format", "tbx"]):
        r = tmkit("--tm", tm, *args, "-o", out)
        check(f"{args[0]} {args[1]} to a path of PATH_MAX - 1 bytes",
              r.returncode == 0 and os.listdir(deep) == ["o.tmx"], r.stderr + str(os.listdir(deep)))


def main():
    with tempfile.TemporaryDirectory(prefix="tmkit-killed-") as d:
        os.mkdir(os.path.join(d, "a"))
        os.mkdir(os.path.join(d, "b"))
        killed_export(os.path.join(d, "a"))
        long_names(os.path.join(d, "b"))
    failed = results.count(False)
    print(f"killed-export: {len(results) - failed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
