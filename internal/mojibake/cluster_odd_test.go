package mojibake

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestOddRun checks the runs that open a sparse cluster to the CJK codecs:
// short runs of text read with the wrong CJK codec have them, clean text
// with a rare character or two has not.
func TestOddRun(t *testing.T) {
	for _, tc := range []struct {
		name, text string
		want       bool
	}{
		{"UTF-8 read as GBK, 如果文件存在", "这里说明一下：濡傛灉鏂囦欢瀛樺湪，然后继续下一步。", true},
		{"UTF-8 read as GBK, 没有找到文件", "这里说明一下：娌℃湁鎵惧埌鏂囦欢，然后继续下一步。", true},
		{"GBK read as Big5, 打开新的窗口", "这里说明一下：湖羲陔腔敦諳，然后继续下一步。", true},
		{"a rare character in a name", "我的朋友李祎住在北京，每天骑车上班。", false},
		{"two rare characters apart", "这种鼋很少见，那边的鼍也是。", false},
		{"a rare character beside an uncommon one", "他骑鼋过河，很快到了对岸。", false},
		{"classical verse", "鼋鼍蛟龙游于渊，鸾凤翱翔于天。", true},
		{"plain text", "这里说明一下，然后继续下一步。", false},
		{"ASCII", "hello, world", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want, oddRun(tc.text, 0, len(tc.text)))
		})
	}
}

// TestFindShortCodecRuns checks that runs of six characters read with the
// wrong CJK codec inside clean text, with fewer suspicious runes than the
// density test of findRecodes asks for, are repaired.
func TestFindShortCodecRuns(t *testing.T) {
	for _, tc := range []struct {
		garbled, repair, kind string
	}{
		{"濡傛灉鏂囦欢瀛樺湪", "如果文件存在", KindUTF8GBK},
		{"娌℃湁鎵惧埌鏂囦欢", "没有找到文件", KindUTF8GBK},
		{"鎵撳紑閰嶇疆鏂囦欢", "打开配置文件", KindUTF8GBK},
		{"缃戠粶杩炴帴澶辫触", "网络连接失败", KindUTF8GBK},
		{"湖羲陔腔敦諳", "打开新的窗口", KindGBKBig5},
	} {
		t.Run(tc.repair, func(t *testing.T) {
			text := "这里说明一下：" + tc.garbled + "，然后继续下一步。"
			spans := Find(text)
			require.Len(t, spans, 1)
			sp := spans[0]
			assert.Equal(t, tc.garbled, sp.Garbled)
			assert.Equal(t, tc.repair, sp.Repair)
			assert.Equal(t, tc.kind, sp.Kind)
			assert.True(t, sp.Repairable)
		})
	}
}

// TestFindOddRunClean checks that clean text whose odd runs open it to the
// CJK codecs is left alone: acceptRecode decides.
func TestFindOddRunClean(t *testing.T) {
	for _, text := range []string{
		"鼋鼍蛟龙游于渊，鸾凤翱翔于天。",
		"蒹葭苍苍，白露为霜。所谓伊人，在水一方。",
	} {
		for _, sp := range Find(text) {
			assert.False(t, sp.Repairable, "%q: %q -> %q", text, sp.Garbled, sp.Repair)
		}
	}
}
