// Package jsonl edits one field of a JSON Lines object in place.
//
// A JSON Lines record is a JSON object on one line. Parse locates the
// top-level members of such a line without decoding them; Unquote decodes a
// string value; Quote encodes a replacement; Replace and AppendMember splice
// new bytes into the line so that every other byte — other members, key
// order, white space, escapes — is kept exactly as it was.
//
// Parse assumes nothing about its input: it never panics, checks the whole
// JSON grammar (it accepts exactly the object lines that encoding/json's
// Valid accepts) and reports a *SyntaxError for anything else. Like
// encoding/json it does not check that strings are valid UTF-8.
package jsonl
