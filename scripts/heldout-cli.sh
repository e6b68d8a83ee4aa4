# heldout-cli.sh — sourced by the held-out scripts (lostbyte-heldout.sh,
# recode-heldout.sh, shift-heldout.sh): builds the CLI with statistics
# learned from their training text only.
#
# heldout_cli ROOT DIR GEN... learns each statistic GEN (lm, punct or
# latin: tools/genlm, tools/genpunct, tools/genlatin; GENLM_FLAGS go to
# genlm) from DIR/train, copies the repository at ROOT to DIR/repo (the
# files git tracks and the untracked ones it does not ignore, so that a
# file a change under test adds is in the build), puts the statistics in
# its internal/lm and builds DIR/hanfix there.
heldout_cli() {
	hc_root=$1 hc_dir=$2
	shift 2
	hc_files=
	for hc_gen in "$@"; do
		hc_out=$hc_gen.bin hc_flags=
		if [ "$hc_gen" = lm ]; then
			hc_out=model.bin hc_flags=${GENLM_FLAGS:-}
		fi
		# shellcheck disable=SC2086 # GENLM_FLAGS holds several flags
		if ! (cd "$hc_root/tools" && go run "./gen$hc_gen" -corpus "$hc_dir/train" $hc_flags -out "$hc_dir/$hc_out") 2>"$hc_dir/gen$hc_gen.log"; then
			echo "heldout-cli: tools/gen$hc_gen failed (run go mod download in tools/ first?):" >&2
			tail -5 "$hc_dir/gen$hc_gen.log" >&2
			return 1
		fi
		hc_files="$hc_files $hc_dir/$hc_out"
	done
	mkdir "$hc_dir/repo"
	(cd "$hc_root" && git ls-files -z --cached --others --exclude-standard | xargs -0 tar cf -) | (cd "$hc_dir/repo" && tar xf -)
	# shellcheck disable=SC2086 # one path per statistic
	cp $hc_files "$hc_dir/repo/internal/lm/"
	(cd "$hc_dir/repo" && go build -o "$hc_dir/hanfix" ./examples/hanfix)
}
