//go:build race

package serve

// raceSlowdown stretches the update deadline under the race detector,
// which makes a rebuild several times slower (a hang guard then; the 2 s
// promise is checked by the same test without -race: go test ./internal/serve).
const raceSlowdown = 8
