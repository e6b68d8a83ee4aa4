package detect_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/text/encoding/traditionalchinese"

	"github.com/hanfix/hanfix/detect"
)

// TestEncodingSegments: a Big5 line in a UTF-8 document is a segment with
// its byte span; a document in one encoding has none.
func TestEncodingSegments(t *testing.T) {
	head := "这是一份简体中文的文件，下面有一行繁体字。\n"
	big5, err := traditionalchinese.Big5.NewEncoder().Bytes([]byte("這是一篇關於臺灣電影的文章。"))
	require.NoError(t, err)
	raw := append(append([]byte(head), big5...), "\n下面是正文。\n"...)
	r := detect.Encoding(raw)
	assert.Equal(t, "utf-8", r.Encoding)
	require.Len(t, r.Segments, 1)
	assert.Equal(t, "big5", r.Segments[0].Encoding)
	assert.Equal(t, detect.Span{Start: len(head), End: len(head) + len(big5)}, r.Segments[0].Span)
	assert.Greater(t, r.Segments[0].Confidence, 0.9)

	assert.Empty(t, detect.Encoding(big5).Segments)
	assert.Empty(t, detect.Encoding([]byte(head)).Segments)
}
