//go:build !race

package serve

// raceSlowdown: without the race detector the deadline is the promised 2 s.
const raceSlowdown = 1
