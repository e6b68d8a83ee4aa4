package mojibake

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/hanfix/hanfix/internal/lm"
)

func TestLostTrigram(t *testing.T) {
	m := lm.Default()
	// After 设备, running text writes 驱 and hardly ever 区.
	assert.Greater(t, lostTrigram(m, '设', '备', '驱'), lostTrigram(m, '设', '备', '区'))
	assert.Zero(t, lostTrigram(m, '龥', '龥', '驱'), "no counts after the pair")
}
