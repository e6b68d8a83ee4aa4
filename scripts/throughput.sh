#!/bin/sh
# throughput.sh — whole-process throughput of the hanfix CLI on seed-like
# damaged text.
#
# Builds the CLI and, in a temporary directory, about SIZE_MB of documents
# cut from ../shared/corpus/seeds (machine-converted Traditional with
# flattened pinyin readings, Simplified residue, boilerplate, and in seed
# 001 GBK misalignment mojibake): each document is a run of 10 to 120
# consecutive lines of one seed, the seed chosen with probability
# proportional to its size, so that the mix of damage is that of the seeds
# and no document is a copy of another. The same documents are written as
# one JSON Lines file, as one text file per document, and joined as one
# large text file (one document, which the CLI cleans in sections of 4 MB
# on every core). Then it runs
#
#   /usr/bin/time -v hanfix -to simp DIR/*.txt > /dev/null
#   /usr/bin/time -v hanfix -jsonl -to simp -j 2 < docs.jsonl > /dev/null
#   /usr/bin/time -v hanfix -to simp all.txt > /dev/null
#
# and prints, for each run, MB/s of input over wall-clock time and over
# CPU time (user + system; on a shared, loaded machine the CPU figure is
# the steadier one) and the peak resident set size.
#
# Environment: SIZE_MB (default 50), SEEDS (default ../shared/corpus/seeds
# beside the repository), TMPDIR. Needs go, python3 and GNU time
# (apt-get install time). Nothing is written inside the repository.
set -eu

SIZE_MB=${SIZE_MB:-50}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
SEEDS=${SEEDS:-$ROOT/../shared/corpus/seeds}
if [ ! -x /usr/bin/time ]; then
	echo "throughput: /usr/bin/time is missing (apt-get install time)" >&2
	exit 2
fi
if ! ls "$SEEDS"/*.txt >/dev/null 2>&1; then
	echo "throughput: no seed documents in $SEEDS (set SEEDS)" >&2
	exit 2
fi
DIR=$(mktemp -d "${TMPDIR:-/tmp}/hanfix-throughput.XXXXXX")
trap 'rm -rf "$DIR"' EXIT INT TERM

(cd "$ROOT" && go build -o "$DIR/hanfix" ./examples/hanfix)

python3 - "$SEEDS" "$DIR" "$SIZE_MB" <<'PY'
import glob, json, os, random, sys
seeds, out, size_mb = sys.argv[1], sys.argv[2], int(sys.argv[3])
random.seed(1)
docs = []
for p in sorted(glob.glob(os.path.join(seeds, "*.txt"))):
    with open(p, encoding="utf-8") as f:
        lines = f.read().split("\n")
    docs.append((lines, os.path.getsize(p)))
weights = [size for _, size in docs]
os.makedirs(os.path.join(out, "text"))
target, total, n = size_mb * 1000 * 1000, 0, 0
with open(os.path.join(out, "docs.jsonl"), "w", encoding="utf-8") as jl:
    while total < target:
        lines, _ = random.choices(docs, weights)[0]
        k = random.randint(10, 120)
        start = random.randint(0, max(0, len(lines) - k))
        text = "\n".join(lines[start:start + k]).strip("\n") + "\n"
        data = text.encode("utf-8")
        with open(os.path.join(out, "text", "%06d.txt" % n), "wb") as f:
            f.write(data)
        jl.write(json.dumps({"id": n, "text": text}, ensure_ascii=False) + "\n")
        total += len(data)
        n += 1
print("throughput: %d documents, %.1f MB of text (mean %.1f KB per document)" % (n, total / 1e6, total / n / 1e3))
PY

# report NAME INPUT_BYTES TIME_LOG
report() {
	awk -v name="$1" -v bytes="$2" '
		/Elapsed \(wall clock\)/ { n = split($NF, t, ":"); wall = (n == 3) ? t[1] * 3600 + t[2] * 60 + t[3] : t[1] * 60 + t[2] }
		/User time/ { user = $NF }
		/System time/ { sys = $NF }
		/Maximum resident set size/ { rss = $NF }
		END {
			mb = bytes / 1e6
			printf "%-34s %7.1f MB  wall %6.2f s %6.2f MB/s  cpu %6.2f s %6.2f MB/s  peak RSS %5.0f MB\n",
				name, mb, wall, mb / wall, user + sys, mb / (user + sys), rss / 1024
		}' "$3"
}

TEXT_BYTES=$(cat "$DIR"/text/*.txt | wc -c)
JSONL_BYTES=$TEXT_BYTES # the field text cleaned; JSON quoting not counted
echo "throughput: $(nproc) CPUs, load average $(cut -d' ' -f1-3 /proc/loadavg)"

cat "$DIR"/text/*.txt >"$DIR/all.txt"

status=0
/usr/bin/time -v -o "$DIR/text.time" "$DIR/hanfix" -to simp "$DIR"/text/*.txt >/dev/null 2>"$DIR/text.err" || status=1
/usr/bin/time -v -o "$DIR/jsonl.time" "$DIR/hanfix" -jsonl -to simp -j 2 <"$DIR/docs.jsonl" >/dev/null 2>"$DIR/jsonl.err" || status=1
/usr/bin/time -v -o "$DIR/all.time" "$DIR/hanfix" -to simp "$DIR/all.txt" >/dev/null 2>"$DIR/all.err" || status=1
if [ "$status" != 0 ]; then
	echo "throughput: a run failed:" >&2
	cat "$DIR/text.err" "$DIR/jsonl.err" "$DIR/all.err" >&2
	exit 1
fi
report "hanfix -to simp (text files)" "$TEXT_BYTES" "$DIR/text.time"
report "hanfix -jsonl -to simp -j 2" "$JSONL_BYTES" "$DIR/jsonl.time"
report "hanfix -to simp (one file)" "$TEXT_BYTES" "$DIR/all.time"
