package mojibake

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"golang.org/x/text/encoding/simplifiedchinese"
)

// A UTF-8 no-break space read as GBK (聽) is repaired where the document's
// other text is repaired as UTF-8 read as GBK and no Han character stands
// next to it; 聽 as the Traditional character stays, in a line of
// Traditional text too.
func TestNBSPReadAsGBK(t *testing.T) {
	garble := func(s string) string {
		g, err := simplifiedchinese.GBK.NewDecoder().String(s)
		if err != nil {
			t.Fatal(err)
		}
		return g
	}
	// The heading's last bytes are lost to the GBK decoder (U+FFFD);
	// the cases check the start of the repair and what follows it.
	const heading = "1.6.\u00a0Debian 计划和自由软件基金会的 GNU 计划有什么区别和联系"
	const repaired = "1.6.\u00a0Debian 计划和自由软件基金会的 GNU 计划有什么"
	for _, c := range []struct {
		name, in, prefix, suffix string
	}{
		{"heading", garble(heading), repaired, ""},
		{"two spaces", garble("x =\u00a0\u00a0" + heading[len("1.6.\u00a0"):]), "x =\u00a0\u00a0Debian 计划", ""},
		{"next to Han", garble(heading) + "\n聽說", repaired, "\n聽說"},
		{"no other damage", "請按 1.聽 Debian", "請按 1.聽 Debian", ""},
		{"a line of Traditional text", garble(heading) + "\n那麼, 聽聽 $talking 的聲音吧:", repaired, "\n那麼, 聽聽 $talking 的聲音吧:"},
		{"a line of Simplified text", garble(heading) + "\n那么, 聽聽 $talking 的声音吧:", repaired, "\n那么, \u00a0\u00a0 $talking 的声音吧:"},
	} {
		out := applySpans(c.in, Find(c.in))
		assert.True(t, strings.HasPrefix(out, c.prefix), "%s: %q", c.name, out)
		assert.True(t, strings.HasSuffix(out, c.suffix), "%s: %q", c.name, out)
	}
}
