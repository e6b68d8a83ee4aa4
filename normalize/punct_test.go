package normalize

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// With the punctuation fixes on, cleaning is still its own cleaning. The
// stage leaves alone the runs that read like misaligned GBK: a '?' there
// made '？' hid the run from a second cleaning, which then converted its
// characters (鏀?鎸 to 鏀？镌), and a '(' in a run left as it was while
// its ')' became '）' was paired with the next ')' the second time. And a
// mark next to a pair of parentheses converted in the same pass stands
// next to CJK punctuation (the , of 字节),（如). Each was a line of
// scripts/lostbyte-heldout.sh, cut down, or of Debian's manual pages.
func TestPunctIdempotent(t *testing.T) {
	for _, c := range []struct {
		target  Target
		in, out string
	}{
		{TargetSimplified, "鏀?鎸", "鏀?鎸"},
		{TargetKeep, "?(„å°¾))", "?(„尾))"},
		{TargetKeep, "等级(单位字节),(如，通知)在", "等级（单位字节），（如，通知）在"},
		{TargetKeep, "因此,我们", "因此，我们"},
	} {
		n, err := New(Options{Target: c.target, Fixes: DefaultFixes | FixFullwidthASCII | FixCJKPunct | FixSpaceComma})
		require.NoError(t, err)
		out, again, _ := cleanTwice(t, n, c.in)
		assert.Equal(t, c.out, out, "%q", c.in)
		assert.Equal(t, out, again, "%q cleaned twice", c.in)
	}
}
