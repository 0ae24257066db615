#!/usr/bin/env python3
"""Golden CLI tests: run tmkit as a user would and compare what it prints
and what it writes.

usage: run_golden.py TMKIT CASES_DIR [NAME...]
       run_golden.py --update TMKIT CASES_DIR NAME...

Each case is a folder under CASES_DIR/cases/ holding:
  cmd              the arguments of tmkit, split as a shell would (no
                   expansion but @SRC@, the source tree); several lines run one after the other (all but
                   the last must succeed; a line starting "?N " expects exit
                   status N), inside a fresh copy of the case folder with
                   fixtures/ beside it, so a TM never leaks between cases
  stdin            optional: fed to standard input (else it is empty)
  stdout           optional: standard output must be exactly this
  stdout-contains  optional: each line must occur in standard output
  stderr           optional: each line must occur in standard error; without
                   this file standard error must be empty
  status           optional: the exit status (default 0)
  expect/          optional: files the commands must have written: after the
                   last step each file under expect/ must equal, byte for
                   byte, the file of the same relative path in the work
                   folder (expect/out.tmx is compared with out.tmx)
  validate         optional: XML the commands wrote, checked with xmllint
                   (--nonet: offline), one line each:
                     FILE dtd PATH   valid against the DTD (xmllint --dtdvalid)
                     FILE xsd PATH   valid against the schema (xmllint --schema)
                     FILE xml        well-formed
                     FILE tbx        well-formed TBX-Basic (see check_tbx)
                   FILE is a path in the work folder, or '-' for the standard
                   output of the last step; PATH is relative
                   to the source tree (tests/data/standards/tmx14.dtd);
                   @SRC@ is expanded in both.  A failure fails the case.  A
                   line starting with '!' expects the check to fail instead
                   (only for proving that a schema rejects a broken file).
With neither stdout nor stdout-contains, standard output must be empty.
A case also fails when a temporary file of an atomic write (.tmkit-*) is
left in the work folder.

Dates: the clock time tmkit writes cannot be known in advance, so before
comparing (stdout, stdout-contains, stderr and expect/ files alike) every
timestamp that falls within the case's run (from one second before its
first step to two seconds after its last, in UTC) is replaced by a fixed
placeholder of the same form:
  20261202T103000Z      (TMX dates)              -> YYYYMMDDThhmmssZ
  2026-12-02T10:30:00Z  (ISO 8601 UTC, as in JSON) -> YYYY-MM-DDThh:mm:ssZ
  2026-12-02            (a date alone)           -> YYYY-MM-DD
Dates that come from the input (a TMX's creationdate of 2024) are outside
that window and are compared as they are, so a date that is lost or
altered on the way through still fails.  TZ is set to a zone far from UTC
(UTC+05:30) so that a local time written where UTC is meant falls outside
the window and fails too.

--update NAME...: run the named cases and rewrite their expected files
(stdout, and each file already under expect/) from what the commands
printed and wrote, dates normalised as above, printing a diff of each file
it changes.  For deliberate changes only: read the diff.  To start a new
case, create an empty stdout or expect/FILE and run --update on it.  A case
whose other checks fail (status, stderr, validation) is not rewritten.

Ends with 'golden: N passed, N failed'; exit status 1 if any failed.
"""
import calendar
import difflib
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ET


def read(path, binary=False):
    if not os.path.exists(path):
        return None
    with open(path, "rb") as f:
        data = f.read()
    return data if binary else data.decode("utf-8")


SRC = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
CACHE = tempfile.mkdtemp(prefix="tmkit-golden-cache-")   # the lexicon, compiled once a run

# --- dates ------------------------------------------------------------------

TMX_DATE = re.compile(rb"(?<![0-9])([0-9]{4})([0-9]{2})([0-9]{2})T([0-9]{2})([0-9]{2})([0-9]{2})Z")
ISO_DATE = re.compile(rb"(?<![0-9])([0-9]{4})-([0-9]{2})-([0-9]{2})T([0-9]{2}):([0-9]{2}):([0-9]{2})Z")
DAY = re.compile(rb"(?<![0-9-])([0-9]{4})-([0-9]{2})-([0-9]{2})(?![0-9:T])")


def normalise(data, window):
    """Replace the timestamps of DATA (bytes) that fall within WINDOW
    (first, last: seconds since the epoch) by placeholders; see the
    module's docstring."""
    first, last = window

    def stamp(placeholder):
        def sub(m):
            try:
                t = calendar.timegm(tuple(int(g) for g in m.groups()) + (0, 0, 0))
            except (ValueError, OverflowError):
                return m.group(0)
            return placeholder if first <= t <= last else m.group(0)
        return sub

    days = {time.strftime("%Y-%m-%d", time.gmtime(t)).encode() for t in (first, last)}
    data = TMX_DATE.sub(stamp(b"YYYYMMDDThhmmssZ"), data)
    data = ISO_DATE.sub(stamp(b"YYYY-MM-DDThh:mm:ssZ"), data)
    return DAY.sub(lambda m: b"YYYY-MM-DD" if m.group(0) in days else m.group(0), data)


# --- XML checks ---------------------------------------------------------------

TBX = "{urn:iso:std:iso:30042:ed-2}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
# TBX-Basic's data categories (TBX-Basic dialect, ISO 30042:2019)
TBX_TERMNOTES = {"partOfSpeech", "termType", "administrativeStatus", "grammaticalGender",
                 "geographicalUsage", "termLocation"}
TBX_DESCRIPS = {"definition", "subjectField", "context"}
TBX_ADMINS = {"customerSubset", "projectSubset", "source"}
TBX_STATUS = {"preferredTerm-admn-sts", "admittedTerm-admn-sts", "deprecatedTerm-admn-sts",
              "supersededTerm-admn-sts"}
NCNAME = re.compile(r"^[A-Za-z_][\w.-]*$")


def tbx_categories(elem, where, problems):
    """Check the data categories (descrip, admin, termNote) right under ELEM."""
    for child in elem:
        kind, typ = child.tag[len(TBX):], child.get("type")
        allowed = {"descrip": TBX_DESCRIPS, "admin": TBX_ADMINS, "termNote": TBX_TERMNOTES}.get(kind)
        if allowed is not None and typ not in allowed:
            problems.append(f"{where}: <{kind} type={typ!r}> is not a TBX-Basic data category")
        if kind == "termNote" and typ == "administrativeStatus" and child.text not in TBX_STATUS:
            problems.append(f"{where}: administrativeStatus {child.text!r}")


def check_tbx(path):
    """Well-formed TBX-Basic (TBX v3, DCA style) as tmkit writes it: the
    root, header and body in their places, every conceptEntry with a
    unique id and at least one langSec, every langSec with a language and
    at least one termSec, every termSec with one non-empty term, and only
    TBX-Basic's data categories.  No TBX schema with a licence we may ship
    was found, so this stands in for one.  Returns a list of problems."""
    try:
        root = ET.parse(path).getroot()
    except ET.ParseError as e:
        return [f"not well-formed: {e}"]
    problems = []
    if root.tag != TBX + "tbx" or root.get("type") != "TBX-Basic" or root.get("style") != "dca":
        problems.append(f"root is <{root.tag} type={root.get('type')!r} style={root.get('style')!r}>,"
                        " want TBX-Basic <tbx> in urn:iso:std:iso:30042:ed-2, style dca")
    if not root.get(XML_LANG):
        problems.append("<tbx> has no xml:lang")
    kids = [c.tag for c in root]
    if kids != [TBX + "tbxHeader", TBX + "text"]:
        problems.append(f"<tbx> holds {kids}, want tbxHeader then text")
    if root.find(f"{TBX}tbxHeader/{TBX}fileDesc") is None:
        problems.append("no tbxHeader/fileDesc")
    body = root.find(f"{TBX}text/{TBX}body")
    if body is None:
        return problems + ["no text/body"]
    ids = set()
    for n, ce in enumerate(body, 1):
        where = f"conceptEntry {n}"
        if ce.tag != TBX + "conceptEntry":
            problems.append(f"<body> holds <{ce.tag}>")
            continue
        cid = ce.get("id") or ""
        if not NCNAME.match(cid) or cid in ids:
            problems.append(f"{where}: id {cid!r} missing, not an XML name or not unique")
        ids.add(cid)
        tbx_categories(ce, where, problems)
        langsecs = ce.findall(TBX + "langSec")
        if not langsecs:
            problems.append(f"{where}: no langSec")
        for ls in langsecs:
            lw = f"{where} langSec {ls.get(XML_LANG)!r}"
            if not ls.get(XML_LANG):
                problems.append(f"{lw}: no xml:lang")
            tbx_categories(ls, lw, problems)
            termsecs = ls.findall(TBX + "termSec")
            if not termsecs:
                problems.append(f"{lw}: no termSec")
            for ts in termsecs:
                terms = ts.findall(TBX + "term")
                if len(terms) != 1 or not (terms[0].text or "").strip():
                    problems.append(f"{lw}: a termSec without exactly one non-empty term")
                tbx_categories(ts, lw, problems)
    return problems


def validate(line, work, out):
    """Run one line of a case's validate file; return a list of problems."""
    want_fail = line.startswith("!")
    parts = line.lstrip("!").replace("@SRC@", SRC).split()
    if len(parts) not in (2, 3) or parts[1] not in ("dtd", "xsd", "xml", "tbx") or \
            (len(parts) == 3) != (parts[1] in ("dtd", "xsd")):
        return [f"cannot read line {line!r}"]
    name, kind = parts[0], parts[1]
    if name == "-":
        fd, path = tempfile.mkstemp(suffix=".xml", dir=work)
        with os.fdopen(fd, "wb") as f:
            f.write(out)
    else:
        path = os.path.join(work, name)
        if not os.path.isfile(path):
            return [f"{name} was not written"]
    if kind == "tbx":
        found = check_tbx(path)
        detail = "\n".join(found)
    else:
        args = ["xmllint", "--nonet", "--noout"]
        if kind == "dtd":
            args += ["--dtdvalid", os.path.join(SRC, parts[2])]
        elif kind == "xsd":
            args += ["--schema", os.path.join(SRC, parts[2])]
        p = subprocess.run(args + [path], capture_output=True, cwd=work)
        found = p.returncode != 0
        detail = show(p.stderr).strip()
    if want_fail and not found:
        return [f"{name} should fail the {kind} check {' '.join(parts[2:])} but passes"]
    if found and not want_fail:
        return [f"{name} fails the {kind} check {' '.join(parts[2:])}:\n{detail[:3000]}"]
    return []


# --- running a case -------------------------------------------------------------

def show(data):
    return data.decode("utf-8", "replace")


def keep_lines(data):
    """DATA's lines with their '\\n' (only '\\n' ends a line: a CR stays inside)."""
    text = show(data)
    return [l + "\n" for l in text.split("\n")[:-1]] + ([text.rsplit("\n", 1)[-1]] if not text.endswith("\n") and text else [])


def diff(want, got, name):
    lines = list(difflib.unified_diff(keep_lines(want), keep_lines(got), "want/" + name, "got/" + name))
    lines = [l.replace("\r", "\\r") for l in lines]          # a CR shown, not swallowed
    text = "".join(l if l.endswith("\n") else l + "\n\\ no newline at end\n" for l in lines[:200])
    return text + (f"... {len(lines) - 200} more diff lines\n" if len(lines) > 200 else "")


def leftovers(work):
    """Temporary files of atomic writes (.tmkit-PID-....tmp, FILE.tmkit-PID)."""
    found = []
    for d, _, names in os.walk(work):
        found += [os.path.relpath(os.path.join(d, n), work) for n in names if ".tmkit-" in n]
    return found


def run_case(tmkit, folder):
    """Run one case; return (problems, actual) where actual maps each
    expected file's name under the case folder (stdout, expect/...) to the
    normalised bytes the run produced (None when it was not written)."""
    lines = [l for l in read(os.path.join(folder, "cmd")).splitlines() if l.strip()]
    stdin = read(os.path.join(folder, "stdin"), binary=True) or b""
    work = tempfile.mkdtemp(prefix="tmkit-golden-")
    shutil.copytree(folder, work, dirs_exist_ok=True)
    fixtures = os.path.join(os.path.dirname(os.path.dirname(folder)), "fixtures")
    if os.path.isdir(fixtures):
        shutil.copytree(fixtures, os.path.join(work, "fixtures"))
    env = dict(os.environ, NO_COLOR="1", LC_ALL="C.UTF-8", XDG_DATA_HOME=work + "/xdg",
               XDG_CONFIG_HOME=work + "/config",
               XDG_CACHE_HOME=CACHE,
               TZ="XST-05:30")          # far from UTC: a local time is caught
    env.pop("TMKIT_TM", None)
    out, err = b"", b""
    problems, actual = [], {}
    first = int(time.time()) - 1
    try:
        for k, line in enumerate(lines):
            want = 0
            if line.startswith("?"):
                want, line = int(line[1:].split()[0]), line.split(None, 1)[1]
            p = subprocess.run([tmkit] + shlex.split(line.replace("@SRC@", SRC)), cwd=work, input=stdin,
                               capture_output=True, env=env, timeout=60)
            out += p.stdout
            err += p.stderr
            if k + 1 < len(lines) and p.returncode != want:
                problems.append(f"step {k + 1} ({line}) exited {p.returncode}:\n{show(err)}")
                return problems, actual
        window = (first, int(time.time()) + 2)
        out_n, err_n = normalise(out, window), normalise(err, window)
        problems += check_outputs(folder, p.returncode, out_n, err_n, actual)
        expect = os.path.join(folder, "expect")
        for d, _, names in os.walk(expect):
            for n in sorted(names):
                rel = os.path.relpath(os.path.join(d, n), expect)
                got = read(os.path.join(work, rel), binary=True)
                actual["expect/" + rel] = None if got is None else normalise(got, window)
                want_f = read(os.path.join(expect, rel), binary=True)
                if got is None:
                    problems.append(f"{rel} was not written")
                elif actual["expect/" + rel] != want_f:
                    problems.append(f"{rel} differs from expect/{rel}:\n" +
                                    diff(want_f, actual["expect/" + rel], rel))
        for vline in (read(os.path.join(folder, "validate")) or "").splitlines():
            if vline.strip() and not vline.startswith("#"):
                problems += ["validate: " + pr for pr in validate(vline.strip(), work, p.stdout)]
        left = leftovers(work)
        if left:
            problems.append(f"temporary files left behind: {left}")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return problems, actual


def check_outputs(folder, status, out, err, actual):
    """Compare exit status, stdout and stderr (normalised) with the case."""
    problems = []
    want_status = int((read(os.path.join(folder, "status")) or "0").strip())
    if status != want_status:
        problems.append(f"exit status {status}, want {want_status}")
    want_out = read(os.path.join(folder, "stdout"), binary=True)
    contains = read(os.path.join(folder, "stdout-contains"), binary=True)
    if want_out is not None:
        actual["stdout"] = out
        if out != want_out:
            problems.append("stdout differs:\n" + diff(want_out, out, "stdout"))
    for line in (contains or b"").splitlines():
        if line and line not in out:
            problems.append(f"stdout lacks {show(line)!r}:\n{show(out)}")
    if want_out is None and contains is None and out:
        problems.append(f"unexpected stdout:\n{show(out)}")
    want_err = read(os.path.join(folder, "stderr"), binary=True)
    if want_err is None and err:
        problems.append(f"unexpected stderr:\n{show(err)}")
    for line in (want_err or b"").splitlines():
        if line and line not in err:
            problems.append(f"stderr lacks {show(line)!r}:\n{show(err)}")
    return problems


def update(folder, name, problems, actual):
    """--update: rewrite the case's expected files from ACTUAL unless a
    check that --update does not touch failed.  Returns the problems left."""
    rest = [p for p in problems if not p.startswith("stdout differs") and " differs from expect/" not in p]
    if rest:
        return rest
    for rel, got in sorted(actual.items()):
        path = os.path.join(folder, rel)
        want = read(path, binary=True)
        if got is None or got == want:
            continue
        with open(path, "wb") as f:
            f.write(got)
        print(f"updated {name}/{rel}")
        print("  " + diff(want, got, rel).rstrip("\n").replace("\n", "\n  "))
    return []


def main():
    args = sys.argv[1:]
    updating = bool(args) and args[0] == "--update"
    if updating:
        args = args[1:]
    if len(args) < 2 or (updating and len(args) < 3):
        sys.exit("usage: run_golden.py [--update] TMKIT CASES_DIR NAME...  (--update needs the names)")
    tmkit, root, *only = args
    cases_dir = os.path.join(root, "cases")
    names = sorted(only or os.listdir(cases_dir))
    passed = failed = 0
    for name in names:
        folder = os.path.join(cases_dir, name)
        started = time.time()
        problems, actual = run_case(os.path.abspath(tmkit), folder)
        took = time.time() - started
        slow = f" ({took:.1f} s)" if took >= 5 else ""
        if updating:
            problems = update(folder, name, problems, actual)
        if problems:
            failed += 1
            print(f"FAIL {name}{slow}")
            for pr in problems:
                print("  " + pr.rstrip("\n").replace("\n", "\n  "))
        else:
            passed += 1
            print(f"ok   {name}{slow}")
    shutil.rmtree(CACHE, ignore_errors=True)
    print(f"golden: {passed} passed, {failed} failed")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
