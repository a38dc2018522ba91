import { renderToStaticMarkup } from 'react-dom/server'
import { parseEther } from 'viem'
import { describe, expect, it } from 'vitest'
import type { BatchPath } from '../../../../src/core/batch/path'
import type { Outflow } from '../../../../src/core/batch/totals'
import { withGasReserve } from '../../../../src/core/batch/totals'
import type { Preview } from '../../../../src/core/proof/outcome'
import { BatchReview } from '../../../../src/features/batch/BatchReview'

/** The Batch review's gas wording: a bound where Hush sets the gas, an estimate where the wallet does. */
const native = { symbol: 'ETH', decimals: 18 }
const preview: Preview = {
  version: 1,
  method: 'simulated',
  at: 1,
  block: '10',
  endpoint: 'node-a',
  calls: 2,
  ok: true,
  sender: [{ asset: 'native', amount: (-parseEther('0.3')).toString() }],
  receives: [],
  approvals: [],
  gaps: [],
  tokens: [],
  maxGasFee: parseEther('0.002').toString(),
}
const step = {
  call: { to: '0x70997970C51812dc3A010C7d01b50e0d17dc79C8', value: 1n },
  sentence: 'Send 0.1 ETH',
}

function review(path: BatchPath, outflows: Outflow[]) {
  const text = renderToStaticMarkup(
    <BatchReview
      lookalikes={0}
      steps={[step, step] as never}
      warnings={[]}
      outflows={outflows}
      shortfalls={[]}
      balancesLoading={false}
      simulation={{
        data: { ok: true, gas: [21_000n, 21_000n], method: 'simulate' },
        isFetching: false,
        error: null,
      }}
      preview={{ data: preview, isPending: false, error: null, refetch: () => {} }}
      native={native}
      gas={{ batch: 21_000n, separate: 42_000n, saved: 21_000n }}
      path={path}
      chainId={31337}
      canSend
      connected
      busy={false}
      onSend={() => {}}
      consent={undefined}
    />,
  )
  return text.replace(/<[^>]+>/g, '').replace(/\s+/g, ' ')
}

const eth = [{ asset: 'native' as const, ...native, amount: parseEther('0.2') }]

describe('the Batch review’s gas figures', () => {
  it('atomic: the gas is an estimate set by the wallet, and no figure says "up to" or "at most" for it', () => {
    const text = review(
      { kind: 'atomic', status: 'supported' },
      withGasReserve(eth, parseEther('0.001'), native, true),
    )
    expect(text).toContain(
      '(including about 0.001 ETH for gas: an estimate, since your wallet sets the gas of an atomic batch)',
    )
    expect(text).not.toMatch(/up to|at most/)
  })

  it('one by one: Hush sets every step’s gas and fee, so "up to" holds, and the preview keeps its fee bound', () => {
    const text = review(
      { kind: 'sequential', reason: 'No EIP-5792.' },
      withGasReserve(eth, parseEther('0.001'), native),
    )
    expect(text).toContain('(including up to 0.001 ETH for gas)')
    expect(text).toContain('plus at most 0.002 ETH in fees')
    expect(text).not.toContain('estimate, since your wallet')
  })
})
