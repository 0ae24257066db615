#!/usr/bin/env python3
"""Golden CLI tests: run tmkit as a user would and compare what it prints.

usage: run_golden.py TMKIT CASES_DIR [NAME...]

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
With neither stdout nor stdout-contains, standard output must be empty.
Ends with 'golden: N passed, N failed'; exit status 1 if any failed.
"""
import os
import shlex
import shutil
import subprocess
import sys
import tempfile


def read(path, binary=False):
    if not os.path.exists(path):
        return None
    with open(path, "rb") as f:
        data = f.read()
    return data if binary else data.decode("utf-8")


SRC = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
CACHE = tempfile.mkdtemp(prefix="tmkit-golden-cache-")   # the lexicon, compiled once a run


def run_case(tmkit, folder):
    """Return a list of problems (empty when the case passes)."""
    lines = [l for l in read(os.path.join(folder, "cmd")).splitlines() if l.strip()]
    stdin = read(os.path.join(folder, "stdin"), binary=True) or b""
    work = tempfile.mkdtemp(prefix="tmkit-golden-")
    shutil.copytree(folder, work, dirs_exist_ok=True)
    fixtures = os.path.join(os.path.dirname(os.path.dirname(folder)), "fixtures")
    if os.path.isdir(fixtures):
        shutil.copytree(fixtures, os.path.join(work, "fixtures"))
    env = dict(os.environ, NO_COLOR="1", LC_ALL="C.UTF-8", XDG_DATA_HOME=work + "/xdg",
               XDG_CONFIG_HOME=work + "/config",
               XDG_CACHE_HOME=CACHE)
    env.pop("TMKIT_TM", None)
    out = err = ""
    problems = []
    try:
        for k, line in enumerate(lines):
            want = 0
            if line.startswith("?"):
                want, line = int(line[1:].split()[0]), line.split(None, 1)[1]
            p = subprocess.run([tmkit] + shlex.split(line.replace("@SRC@", SRC)), cwd=work, input=stdin,
                               capture_output=True, env=env, timeout=60)
            out += p.stdout.decode("utf-8", "replace")
            err += p.stderr.decode("utf-8", "replace")
            if k + 1 < len(lines) and p.returncode != want:
                problems.append(f"step {k + 1} ({line}) exited {p.returncode}:\n{err}")
                return problems
    finally:
        shutil.rmtree(work, ignore_errors=True)
    want_status = int((read(os.path.join(folder, "status")) or "0").strip())
    if p.returncode != want_status:
        problems.append(f"exit status {p.returncode}, want {want_status}")
    want_out = read(os.path.join(folder, "stdout"))
    contains = read(os.path.join(folder, "stdout-contains"))
    if want_out is not None and out != want_out:
        problems.append("stdout differs:\n--- want\n" + want_out + "--- got\n" + out + "---")
    for line in (contains or "").splitlines():
        if line and line not in out:
            problems.append(f"stdout lacks {line!r}:\n{out}")
    if want_out is None and contains is None and out:
        problems.append(f"unexpected stdout:\n{out}")
    want_err = read(os.path.join(folder, "stderr"))
    if want_err is None and err:
        problems.append(f"unexpected stderr:\n{err}")
    for line in (want_err or "").splitlines():
        if line and line not in err:
            problems.append(f"stderr lacks {line!r}:\n{err}")
    return problems


def main():
    tmkit, root, *only = sys.argv[1:]
    cases_dir = os.path.join(root, "cases")
    names = sorted(only or os.listdir(cases_dir))
    passed = failed = 0
    for name in names:
        problems = run_case(os.path.abspath(tmkit), os.path.join(cases_dir, name))
        if problems:
            failed += 1
            print(f"FAIL {name}")
            for pr in problems:
                print("  " + pr.replace("\n", "\n  "))
        else:
            passed += 1
            print(f"ok   {name}")
    shutil.rmtree(CACHE, ignore_errors=True)
    print(f"golden: {passed} passed, {failed} failed")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
