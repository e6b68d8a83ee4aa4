package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestRun(t *testing.T) {
	var in strings.Builder
	for i := 0; i < 200; i++ {
		fmt.Fprintf(&in, "{\"id\":%d,\"text\":\"第%d篇文章。\"}\n", i, i)
	}
	var out bytes.Buffer
	require.NoError(t, run(strings.NewReader(in.String()), &out, 4))
	lines := strings.Split(strings.TrimSuffix(out.String(), "\n"), "\n")
	require.Len(t, lines, 200)
	for i, l := range lines {
		var rec map[string]any
		require.NoError(t, json.Unmarshal([]byte(l), &rec))
		assert.EqualValues(t, i, rec["id"], "input order is kept")
		assert.Equal(t, fmt.Sprintf("第%d篇文章。", i), rec["text"])
	}

	err := run(strings.NewReader("{\"text\":\"ok\"}\n{bad\n"), &out, 2)
	assert.ErrorContains(t, err, "line 2")
}
