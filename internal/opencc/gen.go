package opencc

//go:generate bash ../../tools/genopencc/fetch.sh
