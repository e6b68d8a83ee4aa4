#!/bin/sh
# idempotence-mix.sh — cleaning twice, on documents that mix every kind of
# damage.
#
# The development set and the seeds hold each kind of damage in documents
# of its own; scraped pages mix them, and a stage can change what another
# one judges (a conversion moves the runs that read like misaligned GBK, a
# removed phrase leaves a line of metadata). The script makes documents of
# two shapes from the lines of the development set's inputs and the seeds
# (and of the JSON Lines files given as arguments, as a second pool):
#
#   lines: 1 to 15 lines drawn at random from the pools, some cut at random
#          characters, some glued to the line before;
#   pages: a whole input (or 5 to 40 lines of a long one) with 0 to 3 lines
#          of the pools put in at random places or glued to a line.
#
# It cleans each set with the CLI (JSON Lines, in-run boilerplate learning
# off: a set holds each page many times, see docs/MEASUREMENTS.md), then
# cleans the output again, and prints for each target the number of
# documents that the second cleaning changed. Every count should be 0.
# (normalize's TestIdempotentOnMixedDocuments does the same with the
# library, on fewer documents, in the test suite.)
#
# Usage: scripts/idempotence-mix.sh [FILE.jsonl ...]   (needs go, python3
#        and ../shared; BIN=path checks another build of the CLI; SEEDS
#        (default "1 2 3"), N (documents of each set, default 3000),
#        TARGETS (default "keep simp trad auto tw hk simp+punct"); LEARN=1
#        cleans with in-run learning; DETAIL=1 prints the first document
#        that changed, cleaned once and twice)
set -eu
ROOT=$(cd "$(dirname "$0")/.." && pwd)
. "$ROOT/scripts/cli-env.sh"
SHARED=${SHARED:-$ROOT/../shared}
if [ ! -d "$SHARED/devset/in" ]; then
	echo "idempotence-mix.sh: no development set in $SHARED" >&2
	exit 2
fi
DIR=$(mktemp -d "${TMPDIR:-/tmp}/hanfix-idemmix.XXXXXX")
trap 'rm -rf "$DIR"' EXIT INT TERM
cli_bin "$DIR"
learn=-learn-run=false
[ "${LEARN:-}" = 1 ] && learn=-learn-run=true
for seed in ${SEEDS:-1 2 3}; do
	for shape in lines pages; do
		python3 - "$SHARED" "$seed" "$shape" "${N:-3000}" "$@" >"$DIR/in.jsonl" <<'EOF'
import glob, json, random, sys
shared, seed, shape, n, extra = sys.argv[1], int(sys.argv[2]), sys.argv[3], int(sys.argv[4]), sys.argv[5:]
rng = random.Random(seed)
docs = [open(f, encoding="utf-8").read()
        for f in sorted(glob.glob(shared + "/devset/in/*.txt") + glob.glob(shared + "/corpus/seeds/*.txt"))]
pools = [[l for d in docs for l in d.split("\n") if l.strip()]]
more = []
for f in extra:
    for line in open(f, encoding="utf-8"):
        more += [l for l in json.loads(line)["text"].split("\n") if l.strip()]
if more:
    pools.append(more)
for i in range(n):
    if shape == "lines":
        out = []
        for _ in range(rng.randint(1, 15)):
            l = rng.choice(rng.choice(pools))
            r = rng.random()
            if r < 0.15 and len(l) > 10:
                a = rng.randint(0, len(l) - 1)
                l = l[a:rng.randint(a, len(l))]
            elif r < 0.25 and out:
                out[-1] += l
                continue
            out.append(l)
    else:
        out = rng.choice(docs).split("\n")
        if len(out) > 60:
            a = rng.randint(0, len(out) - 40)
            out = out[a:a + rng.randint(5, 40)]
        for _ in range(rng.randint(0, 3)):
            l = rng.choice(rng.choice(pools))
            p = rng.randint(0, len(out))
            if rng.random() < 0.3 and p < len(out):
                out[p] += l
            else:
                out.insert(p, l)
    print(json.dumps({"id": i, "text": "\n".join(out)}, ensure_ascii=False))
EOF
		for t in ${TARGETS:-keep simp trad auto tw hk simp+punct}; do
			to=${t%%+*}
			fix=
			[ "$to" != "$t" ] && fix="-fix +fullwidth-ascii,+cjk-punct,+space-comma"
			"$BIN" -jsonl $learn -to "$to" $fix "$DIR/in.jsonl" >"$DIR/once.jsonl"
			"$BIN" -jsonl $learn -to "$to" $fix "$DIR/once.jsonl" >"$DIR/twice.jsonl"
			python3 - "$seed" "$shape" "$t" "$DIR/in.jsonl" "$DIR/once.jsonl" "$DIR/twice.jsonl" "${DETAIL:-}" <<'EOF'
import json, sys
seed, shape, target, detail = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[7]
docs = [[json.loads(l)["text"] for l in open(f, encoding="utf-8")] for f in sys.argv[4:7]]
changed = [k for k in range(len(docs[0])) if docs[1][k] != docs[2][k]]
print(f"seed {seed} {shape:5} {target:10} {len(docs[0])} documents, {len(changed)} changed by a second cleaning")
if changed and detail:
    k = changed[0]
    for name, d in zip(("input", "once", "twice"), docs):
        print(f"--- {name}\n{d[k]}")
EOF
		done
	done
done
