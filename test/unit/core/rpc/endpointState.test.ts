import { describe, expect, it } from 'vitest'
import { poolWithDownFirst } from '../../../support/builders/readPool'

/**
 * A failed request demotes its endpoint; requests sent together (a check's chain id and head, a read with its
 * head) fail together and are one strike, so the first cooldown is the 5 s the README and the Network page say.
 */
describe('strikes from failed requests', () => {
  it('one failed check (chain id and head together) is one strike: the first cooldown is 5 s', async () => {
    // Probes due sooner than any cooldown, so the card's "Retrying in" is the cooldown itself.
    const { pool } = poolWithDownFirst(1_000)
    await pool.request({ method: 'eth_getBalance', params: [`0x${'11'.repeat(20)}`, 'latest'] })
    const a = pool.getSnapshot().endpoints.find((e) => e.id === 'a')
    expect(a?.status).toBe('down')
    expect(a?.byMethod).toEqual({ eth_chainId: 1, eth_blockNumber: 1 })
    // The cooldown started when the check failed, a few fake-clock steps ago: a little under 5 s is left.
    expect(a?.retryInMs).toBeGreaterThan(4_800)
    expect(a?.retryInMs).toBeLessThanOrEqual(5_000)
  })
})
