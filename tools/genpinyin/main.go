// Command genpinyin writes readings.bin, the per-character readings that package pinyin
// embeds, from the dictionary of github.com/mozillazg/go-pinyin (generated
// from pinyin-data). Run it with `go generate ./internal/pinyin`; it lives
// in the tools module so that go-pinyin stays out of hanfix's own go.mod.
//
// Format (all integers big-endian):
//
//	"HFPY1\n"
//	uint16 M; M × (uint8 len, len bytes): the distinct readings, tone-marked
//	uint32 N; N × (3-byte code point, uint8 count, count × uint16 reading
//	index): the characters in increasing order, readings default first
package main

import (
	"bytes"
	"encoding/binary"
	"flag"
	"log"
	"os"
	"slices"
	"strings"

	gopinyin "github.com/mozillazg/go-pinyin"
)

func main() {
	out := flag.String("out", "readings.bin", "file to write")
	flag.Parse()
	b := generate()
	if err := os.WriteFile(*out, b, 0o644); err != nil {
		log.Fatal(err)
	}
}

// generate returns the content of readings.bin.
func generate() []byte {
	runes := make([]int, 0, len(gopinyin.PinyinDict))
	for cp := range gopinyin.PinyinDict {
		runes = append(runes, cp)
	}
	slices.Sort(runes)
	ids := map[string]int{}
	var marked []string
	var entries bytes.Buffer
	for _, cp := range runes {
		var list []int
		for _, m := range strings.Split(gopinyin.PinyinDict[cp], ",") {
			if m == "" || len(m) > 255 {
				continue
			}
			id, ok := ids[m]
			if !ok {
				id = len(marked)
				ids[m] = id
				marked = append(marked, m)
			}
			if !slices.Contains(list, id) {
				list = append(list, id)
			}
		}
		if len(list) == 0 || len(list) > 255 || cp > 0x10FFFF {
			continue
		}
		entries.Write([]byte{byte(cp >> 16), byte(cp >> 8), byte(cp), byte(len(list))})
		for _, id := range list {
			entries.Write(binary.BigEndian.AppendUint16(nil, uint16(id)))
		}
	}
	var out bytes.Buffer
	out.WriteString("HFPY1\n")
	out.Write(binary.BigEndian.AppendUint16(nil, uint16(len(marked))))
	for _, m := range marked {
		out.WriteByte(byte(len(m)))
		out.WriteString(m)
	}
	out.Write(binary.BigEndian.AppendUint32(nil, uint32(countEntries(entries.Bytes()))))
	out.Write(entries.Bytes())
	log.Printf("readings.bin: %d readings, %d characters, %d bytes", len(marked), countEntries(entries.Bytes()), out.Len())
	return out.Bytes()
}

func countEntries(b []byte) int {
	n := 0
	for i := 0; i < len(b); n++ {
		i += 4 + 2*int(b[i+3])
	}
	return n
}
