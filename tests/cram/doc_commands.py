#!/usr/bin/python3
"""Every command the documentation shows, and the check that the cram tests run each of them.

Sources of documented commands:
  * the "Examples:" section of every tool's --help (lines starting with two spaces; a trailing
    backslash continues the command on the next line);
  * README.md and docs/*.md: every line of a ```sh block (continuations joined, comment-only lines
    skipped) and every "$ " line of a ```console block; the lines a console block shows under its
    command must be lines of the recorded output, in order ("..." skips lines). Plain ``` blocks (synopses, pseudo-code,
    sample output) are not commands.

The cram files (tests/cram/*.t) are the golden outputs. `check` fails when
  1. a documented command is not run by any .t file (the .t line must be the documented command, with
     its comment, optionally followed by "| filter" or "> file" before the comment is dropped), or
  2. a number stated in the command's comment ("# kappa ~ 2.4e12", "# 99/101 at alpha* = 2/101",
     "# converged at 451") is found neither in the recorded output of that command in the .t file nor
     on the command line. A number with s significant digits matches an output number that rounds to
     it at s digits; a fraction p/q matches an output number of 4 or more digits that agrees with p/q to its last digit
     (+-1), or to 4 units in the last place of a double (the rounding of a computed value); "~", "about" allow the stated number's last digit to be
     off by one. Documented commands that are not to be run by a test are listed in NOT_RUN with the
     test that covers them instead.

Usage: doc_commands.py list BIN_DIR            print every documented command (source: command)
       doc_commands.py selftest                the number rules on hand-made cases
       doc_commands.py check BIN_DIR           exit 1 with one line per uncovered command or number
"""
import glob
import math
import os
import re
import subprocess
import sys

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
CRAM_DIR = os.path.join(ROOT, "tests", "cram")


def split_comment(line):
    """(command, comment) at the first '#' that starts a shell comment (outside quotes, after a blank)."""
    quote = None
    for i, c in enumerate(line):
        if quote:
            if c == quote:
                quote = None
        elif c in "'\"":
            quote = c
        elif c == "#" and (i == 0 or line[i - 1] in " \t"):
            return line[:i].rstrip(), line[i + 1:].strip()
    return line.rstrip(), ""


def norm(cmd):
    return " ".join(cmd.split())


def join_continuations(lines):
    """Yield (command line with its comment, comment) with backslash continuations joined."""
    buf = ""
    for raw in lines:
        line = raw.rstrip()
        if buf:
            line = line.lstrip()
        cmd, comment = split_comment(line)
        if cmd.endswith("\\"):
            buf += cmd[:-1] + " "
            continue
        full = buf + line
        buf = ""
        yield full, split_comment(full)[1]


def help_commands(bin_dir):
    out = []
    for tool in sorted(glob.glob(os.path.join(bin_dir, "kappa-*"))):
        name = os.path.basename(tool)
        text = subprocess.run([tool, "--help"], capture_output=True, text=True, check=True).stdout
        if "\nExamples:\n" not in text:
            out.append((f"{name} --help", None, "no Examples: section"))
            continue
        lines = [l[2:] for l in text.split("\nExamples:\n", 1)[1].splitlines() if l.startswith("  ")]
        for full, comment in join_continuations(lines):
            out.append((f"{name} --help", full, comment))
    return out


def markdown_commands():
    out = []
    files = [os.path.join(ROOT, "README.md")] + sorted(glob.glob(os.path.join(ROOT, "docs", "*.md")))
    for path in files:
        rel = os.path.relpath(path, ROOT)
        block, lines = None, []
        for raw in open(path, encoding="utf-8"):
            line = raw.rstrip("\n")
            if line.startswith("```"):
                if block is None:
                    block, lines = line[3:].strip(), []
                    continue
                if block == "sh":
                    for full, comment in join_continuations(lines):
                        if split_comment(full)[0]:
                            out.append((rel, full, comment))
                elif block == "console":
                    # "$ command" then the output shown for it ("..." elides lines)
                    for l in lines:
                        if l.startswith("$ "):
                            out.append([rel, l[2:], split_comment(l[2:])[1], []])
                        elif out and out[-1][0] == rel and len(out[-1]) == 4:
                            out[-1][3].append(l)
                    out = [tuple(o) if len(o) == 4 else o for o in out]
                block = None
                continue
            if block is not None:
                lines.append(line)
    return out


def cram_runs():
    """Every command a .t file runs, with the output recorded under it."""
    runs = []
    for path in sorted(glob.glob(os.path.join(CRAM_DIR, "*.t"))):
        cmd, output = None, []
        for raw in open(path, encoding="utf-8"):
            line = raw.rstrip("\n")
            if line.startswith("  $ "):
                if cmd is not None:
                    runs.append((path, cmd, output))
                cmd, output = line[4:], []
            elif line.startswith("  > ") and cmd is not None and not output:
                cmd = cmd.rstrip("\\").rstrip() + " " + line[4:].lstrip() if cmd.endswith("\\") else cmd + "\n" + line[4:]
            elif line.startswith("  ") and cmd is not None:
                output.append(line[2:])
            else:
                if cmd is not None:
                    runs.append((path, cmd, output))
                cmd, output = None, []
        if cmd is not None:
            runs.append((path, cmd, output))
    return runs


NUM = re.compile(r"(?<![\w.])(-?\d+(?:\.\d+)?(?:e[-+]?\d+)?)(?:\s*/\s*(\d+(?:\.\d+)?))?(?![\w.])", re.I)


def numbers(text):
    """(value, significant digits) of every number in an output."""
    vals = []
    for m in NUM.finditer(text):
        if m.group(2):
            continue
        a = m.group(1)
        mant = a.lower().split("e")[0].lstrip("-").replace(".", "").lstrip("0") or "0"
        vals.append((float(a), len(mant)))
    return vals


def stated(comment):
    """(value, significant digits or None for a fraction, approximate) for each number in a comment."""
    out = []
    approx_all = "~" in comment or "≈" in comment or "about" in comment
    for m in NUM.finditer(comment):
        a, b = m.group(1), m.group(2)
        if b:
            out.append((float(a) / float(b), None, approx_all, m.group(0)))
        else:
            mant = a.lower().split("e")[0].lstrip("-").replace(".", "").lstrip("0") or "0"
            # every digit of a number as written is significant: 20 means 20, not 2e1; 2.4e12 has 2
            out.append((float(a), max(1, len(mant)), approx_all, a))
    return out


def rounds_to(x, v, digits, approx):
    if v == 0:
        return x == 0
    if x == 0 or not math.isfinite(x):
        return False
    scale = 10 ** (math.floor(math.log10(abs(v))) - digits + 1)
    slack = 1.0 if approx else 0.5
    return abs(x - v) <= slack * scale * (1 + 1e-5)  # 1e-5: the decimal values are not exact doubles


def number_found(v, digits, approx, haystack):
    for x, xdigits in haystack:
        if digits is None:  # a fraction: equal to the output's last digit +-1; at least 4 digits printed
            if xdigits >= 4 and (rounds_to(x, float(f"{v:.{xdigits - 1}e}"), xdigits, True)
                                 or abs(x - v) <= 4 * 2.0**-52 * abs(v)):
                return True
        elif rounds_to(x, v, digits, approx):
            return True
    return False


# Documented commands the cram files do not run, and what runs them instead.
NOT_RUN = {
    "bash scripts/main.sh": "the main job; tests/tools/results_regenerate.sh runs it into a copy of the repository",
    "bash scripts/test.sh": "the whole CI (this suite, fuzzing, the sanitizer build)",
    "bash experiments/main.sh": "tests/tools/results_regenerate.sh runs it into a copy and compares results/ byte for byte",
    "bash experiments/figures/all.sh": "part of the main job (tests/tools/results_regenerate.sh)",
    "bash experiments/figures/all.sh 3": "part of the main job (tests/tools/results_regenerate.sh)",
    "cmake -S . -B build-bench -DKAPPA_BENCH=ON && cmake --build build-bench --target heavy_ball_bench":
        "a benchmark: speed is claimed by bench/, never by a test",
    "/usr/bin/python3 bench/heavy_ball.py build-bench/bin/heavy_ball_bench": "a benchmark (see above)",
    "bash bench/sweep_bench.sh": "a benchmark (see above)",
    "bash scripts/install-deps.sh": "installs Debian packages as root; every ctest run follows it",
    "bash scripts/build.sh": "the build every test runs on",
    "bash fuzz/run.sh 60": "fuzzing: scripts/test.sh runs it (its own clang build)",
    "build-asan/fuzz/fuzz_matrix_market -max_total_time=600 build-asan/fuzz-corpus/matrix_market": "fuzzing, by hand",
}


def selftest():
    """The number rules on cases worked out by hand: what must match, and what must not."""
    def ok(comment, output):
        return all(number_found(v, d, a, numbers(output)) for v, d, a, _ in stated(comment))
    cases = [
        ("# kappa ~ 2.4e12", "spectrum.kappa 2.394963e+12", True),
        ("# kappa ~ 2.4e12", "spectrum.kappa 2.56e+12", False),       # 2.6e12, beyond the last digit +-1
        ("# kappa = 2.4e12", "spectrum.kappa 2.46e+12", False),       # stated exactly: must round to 2.4e12
        ("# kappa = 2.4e12", "spectrum.kappa 2.44e+12", True),
        ("# 99/101 at alpha* = 2/101", "alpha 0.0198019802\nrate 0.9801980198", True),
        ("# 99/101", "rate 0.98", False),                             # fewer than 4 digits printed
        ("# 99/101", "rate 0.9801980197", True),                      # last digit +-1
        ("# 99/101", "rate 0.9801980180", False),
        ("# 9/11", "beta 0.8181818181818183", True),                  # a computed double, 1 ulp off
        ("# converged at 451", "iterations 451", True),
        ("# converged at 451", "iterations 4510", False),
        ("# converged at 451", "iterations 452", False),
        ("# 1152 iterations", "iterations 1150", False),
        ("# 20 iterations", "iterations 21", False),
        ("# 1296, 26, 20, 44", "steepest 1296\ncg 26\nbfgs 21\nlbfgs 44", False),
        ("# gain 1.0016 +- 0.0069", "gain_mean 1.00160 gain_sd 0.00690", True),
    ]
    bad = [(c, o, want) for c, o, want in cases if ok(c, o) != want]
    for c, o, want in bad:
        print(f"selftest: {c!r} against {o!r}: expected {'a match' if want else 'no match'}")
    assert split_comment("a '#b' c # d") == ("a '#b' c", "d")
    assert split_comment("printf '%s\\n' x") == ("printf '%s\\n' x", "")
    print(f"selftest: {len(cases)} cases, {len(bad)} wrong")
    return 1 if bad else 0


def main():
    if len(sys.argv) == 2 and sys.argv[1] == "selftest":
        return selftest()
    if len(sys.argv) != 3 or sys.argv[1] not in ("list", "check"):
        sys.exit(__doc__)
    docs = help_commands(sys.argv[2]) + markdown_commands()
    if sys.argv[1] == "list":
        for src, cmd, *_ in docs:
            print(f"{src}: {cmd}")
        return 0
    runs = cram_runs()
    by_cmd = {}
    for path, cmd, output in runs:
        by_cmd.setdefault(norm(split_comment(cmd.replace("\n", " "))[0]), []).append((path, cmd, output))
    problems = []
    for src, cmd, comment, *shown in docs:
        if cmd is None:
            problems.append(f"{src}: {comment}")
            continue
        bare = norm(split_comment(cmd)[0])
        if bare in NOT_RUN:
            continue
        hits = list(by_cmd.get(bare, []))
        for key, runs_here in by_cmd.items():
            if key.startswith(bare + " |") or key.startswith(bare + " >"):
                hits += runs_here
        if not hits:
            problems.append(f"{src}: not run by any tests/cram/*.t: {cmd}")
            continue
        if shown:  # a console block's output must be the recorded one (in order; "..." skips lines)
            want = [norm(l) for l in shown[0] if norm(l) and norm(l) != "..."]
            for path, _, output in hits:
                got, i = [norm(l) for l in output], 0

                def same(line, w):
                    if line.endswith(" (re)"):
                        return re.fullmatch(line[:-5], w) is not None
                    return line == w

                for w in want:
                    while i < len(got) and not same(got[i], w):
                        i += 1
                    if i == len(got):
                        problems.append(f"{src}: the output shown for `{bare}` differs from the recorded one at: {w}")
                        break
                    i += 1
        if not comment:
            continue
        haystack = numbers(bare)
        for path, _, output in hits:
            haystack += numbers("\n".join(output))
        for v, digits, approx, token in stated(comment):
            if not number_found(v, digits, approx, haystack):
                problems.append(f"{src}: the comment's number {token} is not in the output of: {cmd}")
    for p in problems:
        print(p)
    print(f"{len(docs)} documented commands, {len(runs)} cram commands, {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
