package keytab

import (
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestTable checks a table against a map: keys that collide and repeat
// (the last value counts, even when it is the zero value), and the key 0.
func TestTable(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	tab := Make[float32](4) // it grows
	want := map[uint64]float32{}
	for i := range 5000 {
		k := rng.Uint64N(3000) << 48 // many share their low bits
		if i%1000 == 0 {
			k = 0
		}
		v := -float32(i) / 10
		if i%7 == 0 {
			v = 0
		}
		tab.Put(k, v)
		want[k] = v
	}
	require.Equal(t, len(want), tab.Len())
	for k := uint64(0); k < 3100; k++ {
		v, ok := tab.Get(k << 48)
		wv, wok := want[k<<48]
		require.Equal(t, wok, ok, "Get(%x)", k<<48)
		require.Equal(t, wv, v, "Get(%x)", k<<48)
	}
	got := map[uint64]float32{}
	for k, v := range tab.All {
		got[k] = v
	}
	assert.Equal(t, want, got)
}

// TestEmpty checks the zero Table and an empty one.
func TestEmpty(t *testing.T) {
	for _, tab := range []*Table[int32]{{}, Make[int32](0)} {
		v, ok := tab.Get(42)
		assert.False(t, ok)
		assert.Zero(t, v)
		_, ok = tab.Get(0)
		assert.False(t, ok)
		assert.Zero(t, tab.Len())
	}
}

// BenchmarkPut is the cost of filling a table with 85,654 keys, as many
// as the mojibake analysis' word list has.
func BenchmarkPut(b *testing.B) {
	rng := rand.New(rand.NewPCG(3, 4))
	keys := make([]uint64, 85654)
	for i := range keys {
		keys[i] = rng.Uint64()
	}
	b.ReportAllocs()
	for b.Loop() {
		t := Make[float32](len(keys))
		for i, k := range keys {
			t.Put(k, float32(i))
		}
	}
}
