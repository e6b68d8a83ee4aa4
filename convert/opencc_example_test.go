package convert_test

import (
	"fmt"

	"github.com/hanfix/hanfix/convert"
)

func ExampleNew() {
	c, err := convert.New("s2twp")
	if err != nil {
		panic(err)
	}
	fmt.Println(c.Convert("我们用鼠标打开软件。"))
	// Output: 我們用滑鼠開啟軟體。
}

func ExampleConverter_Convert() {
	t2s, _ := convert.New("t2s")
	fmt.Println(t2s.Convert("頭髮乾了，還沒有吃飯。"))
	// Text that needs no conversion comes back as it is.
	fmt.Println(t2s.Convert("Hello, 世界"))
	// Output:
	// 头发干了，还没有吃饭。
	// Hello, 世界
}

func ExampleConverter_Segments() {
	c, _ := convert.New("s2t")
	s := "我们的头发"
	c.Segments(s, func(start, end int, repl string) {
		fmt.Printf("%d-%d %s → %s\n", start, end, s[start:end], repl)
	})
	// Output:
	// 3-6 们 → 們
	// 9-15 头发 → 頭髮
}

func ExampleNewWithOptions_conservative() {
	c, _ := convert.NewWithOptions("s2t", convert.Options{Conservative: true})
	s := "以后他说：干！后来发现"
	// 以后, 后来 and 发现 are dictionary phrases and convert; the lone 干
	// (幹/乾/干/榦) is left as it is and reported.
	fmt.Println(c.Convert(s))
	c.Ambiguous(s, func(start, end int, candidates []string) {
		fmt.Println(s[start:end], candidates)
	})
	// Output:
	// 以後他說：干！後來發現
	// 干 [幹 乾 干 榦]
}

func ExampleConfigs() {
	fmt.Println(convert.Configs())
	// Output: [s2t t2s s2tw tw2s s2hk hk2s s2twp tw2sp t2tw hk2t t2hk t2jp jp2t tw2t s2hkp hk2sp]
}

func ExampleConverter_Ambiguous() {
	// A default converter converts 发 alone to its first candidate and
	// reports it; 头发 is a phrase and is not reported.
	c, _ := convert.New("s2t")
	s := "发 头发"
	fmt.Println(c.Convert(s))
	c.Ambiguous(s, func(start, end int, candidates []string) {
		fmt.Println(start, end, candidates)
	})
	// Output:
	// 發 頭髮
	// 0 3 [發 髮]
}
