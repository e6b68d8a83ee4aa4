package charset

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
)

// TestGBPrivateUse: the code points of Python's gb18030 codec for the pairs
// x/text does not decode, and 0 for the ones it does.
func TestGBPrivateUse(t *testing.T) {
	for _, c := range []struct {
		pair uint16
		want rune
	}{
		{0xA2AB, 0xE766}, // the first unassigned position of GBK/1
		{0xA6D9, 0xE78D},
		{0xA8EF, 0xE7D2},
		{0xD7FA, 0xE810}, // the last of the sequence
		{0xFE51, 0xE816}, // FE50–FEA0
		{0xAAA1, 0xE000}, // the user-defined areas
		{0xF8A1, 0xE234},
		{0xA140, 0xE4C6},
		{0xD6D0, 0}, // 中
		{0xA2E3, 0}, // €, standard since GB18030-2005
		{0xFE50, 0}, // ⺁, likewise
		{0x8130, 0}, // not a pair
	} {
		t.Run(fmt.Sprintf("%04X", c.pair), func(t *testing.T) {
			assert.Equal(t, c.want, GBPrivateUse(byte(c.pair>>8), byte(c.pair)))
		})
	}
}
