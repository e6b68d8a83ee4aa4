module github.com/hanfix/hanfix/tools

go 1.24

require (
	github.com/go-ego/gse v0.80.3 // indirect
	github.com/vcaesar/cedar v0.20.2 // indirect
)
