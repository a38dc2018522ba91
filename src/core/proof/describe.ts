import { maxUint256 } from 'viem'
import { formatAmount } from '../format/amount'
import type { AssetKey } from './flows'
import {
  type Difference,
  type Effects,
  type OutcomeCheck,
  type Preview,
  type TokenInfo,
  tokenOf,
} from './outcome'

/** The chain's native currency, for figures keyed `native`. */
export type Native = { symbol: string; decimals: number }

/**
 * Symbol and decimals of an asset; a token that did not tell its decimals is shown in base units. A symbol
 * is only a listed token's word: an unlisted token's self-reported symbol comes with its address, and one
 * that copies a listed token's symbol is called a look-alike.
 */
export function assetUnit(effects: Pick<Effects, 'tokens'>, asset: AssetKey, native: Native) {
  if (asset === 'native') return { symbol: native.symbol, decimals: native.decimals, known: true }
  const info = tokenOf(effects, asset)
  if (info?.decimals === undefined)
    return { symbol: `base units of token ${asset}`, decimals: 0, known: false }
  return { symbol: tokenName(info), decimals: info.decimals, known: true }
}

function tokenName(info: TokenInfo): string {
  if (info.symbol === undefined) return `token ${info.address}`
  if (info.listed) return info.symbol
  if (info.lookAlike)
    return `${info.symbol} (LOOK-ALIKE: not the listed ${info.symbol}; unlisted token ${info.address})`
  return `${info.symbol} (unlisted token ${info.address})`
}

/** Every digit (an export is a record, not a display). */
export function exactAmount(
  effects: Pick<Effects, 'tokens'>,
  asset: AssetKey,
  value: bigint,
  native: Native,
  signed = true,
): string {
  const unit = assetUnit(effects, asset, native)
  const f = formatAmount(value, unit.decimals, { signed, maxSignificant: 80, maxFraction: 80 })
  return `${f.display} ${unit.symbol}`
}

export function effectLines(effects: Effects, native: Native): string[] {
  const lines: string[] = []
  for (const e of effects.sender)
    lines.push(
      `Your ${assetUnit(effects, e.asset, native).symbol}: ${exactAmount(effects, e.asset, BigInt(e.amount), native)}${e.asset === 'native' ? ' (before fees)' : ''}`,
    )
  if (effects.sender.length === 0) lines.push('Your balances: no change (before fees)')
  for (const r of effects.receives)
    lines.push(
      `${r.to} ${BigInt(r.amount) < 0n ? 'loses' : 'receives'} ${exactAmount(effects, r.asset, BigInt(r.amount), native, false).replace(/^−/, '')}${r.shared ? ' (its whole change in that block: other transactions there also touched it)' : ''}`,
    )
  for (const a of effects.approvals) {
    const amount = BigInt(a.amount)
    const what =
      amount === maxUint256
        ? `an UNLIMITED amount of ${assetUnit(effects, a.token, native).symbol}`
        : amount === 0n
          ? `nothing (approval revoked) of ${assetUnit(effects, a.token, native).symbol}`
          : `up to ${exactAmount(effects, a.token, amount, native, false)}`
    lines.push(`Approval: ${a.spender} may spend ${what} from your account`)
  }
  for (const g of effects.gaps)
    lines.push(
      `${g.to} gets ${exactAmount(effects, g.asset, BigInt(g.receives), native, false)} of the ${exactAmount(effects, g.asset, BigInt(g.asked), native, false)} sent`,
    )
  if (effects.omitted) lines.push(`(${effects.omitted} more entries not kept)`)
  return lines
}

export function previewHeading(p: Preview): string {
  const where = `on ${p.endpoint} at block ${p.block}`
  return p.method === 'simulated'
    ? `Simulated with eth_simulateV1 ${where}`
    : `Limited preview (no read endpoint can simulate): eth_call of each call alone ${where}; figures are what the calls ask for`
}

export function revertText(p: Preview): string | undefined {
  if (!p.revert) return undefined
  const step = p.calls > 1 ? `Action ${p.revert.step + 1} would fail` : 'It would fail'
  return `${step}${p.revert.alone ? ' (checked on its own: it may depend on an earlier action)' : ''}: ${p.revert.reason}`
}

export function differenceText(d: Difference, check: OutcomeCheck, preview: Preview, native: Native): string {
  const both = { tokens: [...check.tokens, ...preview.tokens] }
  const amount = (v: string | undefined) =>
    v === undefined || d.asset === undefined ? 'nothing' : exactAmount(both, d.asset, BigInt(v), native)
  switch (d.kind) {
    case 'status':
      return `Previewed to ${d.previewed === 'success' ? 'succeed' : 'fail'}, but it ${d.actual === 'success' ? 'succeeded' : 'failed'} on chain`
    case 'fee':
      return `Fee ${exactAmount(both, 'native', BigInt(d.actual ?? '0'), native, false)}, above the previewed maximum ${exactAmount(both, 'native', BigInt(d.previewed ?? '0'), native, false)}`
    case 'sender':
      return `Your ${d.asset ? assetUnit(both, d.asset, native).symbol : ''}: previewed ${amount(d.previewed)}, actually ${amount(d.actual)}`
    case 'receives':
      return `${d.who}: previewed ${amount(d.previewed)}, actually ${amount(d.actual)}`
    case 'approval':
      return `Approval for ${d.who}: previewed ${amount(d.previewed)}, actually ${amount(d.actual)}`
  }
}
