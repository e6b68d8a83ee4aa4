# cli-env.sh — sourced by the boilerplate scripts (boilerplate-blind.sh,
# boilerplate-probe.sh, boilerplate-prose.sh, learn-genres.sh,
# noharm-boilerplate.sh) and noharm-punct.sh and noharm-words.sh, after
# they set ROOT to the repository.
#
# need_corpus NAME FILE [WORKDIR] sets corpus to WORKDIR (default
# $HANFIX_CORPUS or /tmp/hanfix-noharm), the Debian corpus that
# scripts/debian-corpus.sh writes, and stops the script NAME with status 2
# when FILE is not in it.
need_corpus() {
	corpus=${3:-${HANFIX_CORPUS:-/tmp/hanfix-noharm}}
	if ! ls "$corpus/$2" >/dev/null 2>&1; then
		echo "$1: no corpus in $corpus (run scripts/debian-corpus.sh)" >&2
		exit 2
	fi
}

# cli_bin DIR keeps BIN (another build of the CLI) when it is set, and
# otherwise builds the CLI into DIR and sets BIN to it.
cli_bin() {
	BIN=${BIN:-}
	if [ -z "$BIN" ]; then
		(cd "$ROOT" && go build -o "$1/hanfix" ./examples/hanfix)
		BIN=$1/hanfix
	fi
}

# need_jieba sets dict to jieba's dictionary (Debian package python3-jieba),
# installing the package when it is missing (as root).
need_jieba() {
	dict=/usr/lib/python3/dist-packages/jieba/dict.txt
	if [ ! -s "$dict" ]; then
		apt-get update -qq
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends python3-jieba >/dev/null
	fi
}
