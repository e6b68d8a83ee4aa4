package lm_test

import (
	"fmt"

	"github.com/hanfix/hanfix/internal/lm"
)

func ExampleModel_Score() {
	m := lm.Default()
	prose := m.Score("发展战略")
	mojibake := m.Score("鍙戝睍鎴樼暐") // the same text, UTF-8 bytes read as GBK
	fmt.Println(prose > mojibake+5)
	// Output: true
}

func ExampleClass() {
	for _, r := range "中あ한a7，\ufffd" {
		fmt.Print(lm.Class(r), " ")
	}
	fmt.Println()
	// Output: Han Kana Hangul Latin Digit Punct Replacement
}

func ExampleModel_NewChain() {
	m := lm.Default()
	c := m.NewChain()
	for _, r := range "经济发展" {
		c.Add(r)
	}
	fmt.Println(c.Len(), c.LogProb() == m.LogProb("经济发展"))
	// Output: 4 true
}

func ExampleModel_SimplifiedFreq() {
	m := lm.Default()
	fmt.Println(m.SimplifiedFreq('发') > m.TraditionalFreq('发'))
	fmt.Println(m.TraditionalFreq('發') > m.SimplifiedFreq('發'))
	// Output:
	// true
	// true
}

func ExampleLatinStats_Before() {
	s := lm.DefaultLatin()
	f9 := []byte("F9")
	// Running text writes 按 F9 (press F9), and 把 F9 far less.
	fmt.Println(s.Before('按', f9) > s.Before('把', f9)+2)
	// Output: true
}
