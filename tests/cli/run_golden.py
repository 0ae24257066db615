#!/usr/bin/env python3
"""Golden CLI tests: run tmkit as a user would and compare what it prints.

usage: run_golden.py TMKIT CASES_DIR [NAME...]

Each case is a folder under CASES_DIR/cases/ holding:
  cmd              the arguments, one line, split as a shell would (no
                   expansion); the command runs inside the case folder
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
import subprocess
import sys


def read(path, binary=False):
    if not os.path.exists(path):
        return None
    with open(path, "rb") as f:
        data = f.read()
    return data if binary else data.decode("utf-8")


def run_case(tmkit, folder):
    """Return a list of problems (empty when the case passes)."""
    args = shlex.split(read(os.path.join(folder, "cmd")).strip())
    stdin = read(os.path.join(folder, "stdin"), binary=True) or b""
    env = dict(os.environ, NO_COLOR="1", LC_ALL="C.UTF-8")
    env.pop("TMKIT_TM", None)
    p = subprocess.run([tmkit] + args, cwd=folder, input=stdin, capture_output=True,
                       env=env, timeout=60)
    out, err = p.stdout.decode("utf-8", "replace"), p.stderr.decode("utf-8", "replace")
    problems = []
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
    print(f"golden: {passed} passed, {failed} failed")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
