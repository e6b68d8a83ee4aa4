module github.com/hanfix/hanfix/tools

go 1.26.0

require (
	github.com/go-ego/gse v0.80.3
	github.com/mozillazg/go-pinyin v0.21.0
	golang.org/x/text v0.43.0
)

require github.com/vcaesar/cedar v0.20.2 // indirect
