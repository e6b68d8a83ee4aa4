//go:build race

package convert

// raceEnabled: the race detector drops sync.Pool items at random, so
// allocation counts are not checked.
const raceEnabled = true
