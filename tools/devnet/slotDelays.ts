// When blocks appear within their slot on mainnet: shared by the requests bench's jittered miner and the block
// clock's unit test, so the test replays the very delays the bench mines with.

/** One block's delay after its slot's start (ms), from the three waves (see `startJitteredMiner` in bench/blockMiner.ts). */
export function delayOf(random: () => number): number {
  const wave = random()
  const u = random()
  if (wave < 2 / 3) {
    // Triangular from 0.3 s to 2 s, peak at 1.4 s.
    const [a, c, b] = [300, 1_400, 2_000]
    const cut = (c - a) / (b - a)
    return u < cut ? a + Math.sqrt(u * (b - a) * (c - a)) : b - Math.sqrt((1 - u) * (b - a) * (b - c))
  }
  if (wave < 2 / 3 + 0.22) return 2_100 + 600 * u
  return 2_700 + 300 * u
}

/** mulberry32: a small seeded generator, so the bench draws the same delays each run. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296
  }
}
