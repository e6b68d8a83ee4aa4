package normalize_test

import (
	"fmt"
	"testing"

	"github.com/hanfix/hanfix/normalize"
)

func ExampleReplayPlan() {
	for _, c := range []struct{ garbled, plan string }{
		{"?;A", "gbk-shift lead=A1 drop@1=F9B5 end=ascii"},
		{"?zhèn)€", "gbk-shift straddle=E682 end=euro"},
		{"鍙戝睍", "utf8<-gbk"},
		{"Ã¥Â¯Â¹", "utf8<-cp1252 utf8<-cp1252"},
		{"鍦ㄦ墦寮\uFFFD鐨\uFFFD", "utf8<-gbk lost@4=80 lost@6=84"}, // 在打开的 read by a GB18030 reader, which failed on two bytes
	} {
		out, err := normalize.ReplayPlan(c.garbled, c.plan)
		fmt.Println(out, err)
	}
	// Output:
	// 。基礎 <nil>
	// 個 <nil>
	// 发展 <nil>
	// 对 <nil>
	// 在打开的 <nil>
}

func TestReplayPlanErrors(t *testing.T) {
	for _, c := range []struct{ garbled, plan string }{
		{"?;A", ""},
		{"?;A", "gbk-shift lead=A1 end=euro"}, // the run does not end with €
		{"abc", "utf8<-gbk utf8<-gbk utf8<-koi8"},
		{"中文", "big5<-utf8"}, // not lossless
		{"\xff", "utf8<-cp1252"},
		{"鍦ㄦ墦寮\uFFFD鐨\uFFFD", "utf8<-gbk lost@4=B0 lost@6=84"}, // no GBK reader fails on B0 before E7 (a character of GB2312)
		{"鍦ㄦ墦寮\uFFFD鐨\uFFFD", "utf8<-gbk lost@3=80 lost@6=84"}, // lost@3 names a rune that is not U+FFFD
	} {
		if out, err := normalize.ReplayPlan(c.garbled, c.plan); err == nil {
			t.Errorf("ReplayPlan(%q, %q) = %q, want an error", c.garbled, c.plan, out)
		}
	}
}
