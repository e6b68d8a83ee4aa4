// Package cli implements the hanfix command: flag parsing, reading FILEs or
// stdin (raw bytes in any supported encoding, optionally gzip or zstd
// compressed), text and JSON Lines modes, parallel workers that keep the
// input order, boilerplate learning across documents, progress and
// statistics. The main package only calls Main.
package cli
