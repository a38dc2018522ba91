import { afterAll, beforeAll } from 'vitest'
import { type Devnet, startDevnet } from '../../../tools/devnet/devnet'
import { type ProtectStandIn, startProtectStandIn } from '../../../tools/protect/standin'

export type OwnStack = { devnet: Devnet; standIn: ProtectStandIn }

/**
 * A test file's own devnet and Protect stand-in (receipts polled every 50 ms), for tests that hold mining or
 * mine at will: started before the file's own beforeAll hooks and stopped after its afterAll hooks (vitest runs
 * after-hooks in reverse). Read `devnet` and `standIn` from inside hooks and tests.
 */
export function ownDevnetAndStandIn(): OwnStack {
  const own = {} as OwnStack
  beforeAll(async () => {
    own.devnet = await startDevnet()
    own.standIn = await startProtectStandIn({
      upstreamUrl: own.devnet.url,
      chainId: own.devnet.chainId,
      pollMs: 50,
    })
  })
  afterAll(async () => {
    await own.standIn?.stop()
    await own.devnet?.stop()
  })
  return own
}
