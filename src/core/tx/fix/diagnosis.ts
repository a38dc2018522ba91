import { formatGwei } from 'viem'
import { formatAmount } from '../../format/amount'
import { isFinal, type TxRecord } from '../records/records'
import { readProof } from '../track/observations'

/** The one action that fixes what a diagnosis found. Each goes through the one send pipeline. */
export type DiagnosisAction =
  | { kind: 'speed-up'; gas?: bigint }
  | { kind: 'fill-gap'; nonce: number }
  | { kind: 'send-again'; gas?: bigint }
  | { kind: 'show-record'; id: string }
  | { kind: 'copy-address' }

export type Diagnosis = {
  code:
    | 'fee-too-low'
    | 'nonce-gap'
    | 'waiting-for-earlier'
    | 'nonce-used'
    | 'insufficient-funds'
    | 'reverts'
    | 'out-of-gas'
    | 'wrong-chain'
    | 'stuck'
    | 'not-received'
    | 'failed'
    | 'reverted'
  title: string
  /** What happened, in plain words. */
  text: string
  action?: DiagnosisAction
  /** After a failure: what the wallet may show now, and how to clear it. */
  wallet?: string
}

export type DiagnosisContext = {
  /** Every record of the store (to name the transaction that used a nonce, and find gaps). */
  records: readonly TxRecord[]
  /** The account's transactions mined by the latest block (the next nonce the chain expects). */
  chainNonce?: number
  baseFee?: bigint
  balance?: bigint
  /** What the call needs now (an estimate), for an out-of-gas transaction. */
  gasNeeded?: bigint
  native?: { symbol: string; decimals: number }
  now: number
}

/** A transaction still pending without a reason after this long is called stuck. */
export const stuckAfterMs = 3 * 60_000

export const walletAfterFailure =
  'Your wallet may now show it as dropped, and for a few requests may report a strange nonce (1,000,000,001): that is how Protect makes MetaMask drop it. To clear it in MetaMask: Settings → Advanced → Clear activity tab data. Nothing was spent.'

// biome-ignore lint/suspicious/noControlCharactersInRegex: removing control and bidi characters is the point
const unsafe = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g
const clean = (t: string, max = 200) => {
  const s = t.replace(unsafe, '').trim()
  return s.length > max ? `${s.slice(0, max)}…` : s
}
const list = (n: number[]) => (n.length === 1 ? `${n[0]}` : `${n.slice(0, -1).join(', ')} and ${n.at(-1)}`)
const gwei = (wei: bigint) => `${formatGwei(wei)} gwei`

function sameAccount(a: TxRecord, b: TxRecord) {
  return a.chainId === b.chainId && a.from.toLowerCase() === b.from.toLowerCase()
}

/** Nonces below this record's that no open record of the account holds: nothing can fill them but a new one. */
export function missingNonces(record: TxRecord, ctx: DiagnosisContext): number[] | undefined {
  if (record.nonce === undefined || ctx.chainNonce === undefined) return undefined
  const held = new Set(
    ctx.records
      .filter((r) => r.id !== record.id && sameAccount(r, record) && !isFinal(r.status))
      .map((r) => r.nonce),
  )
  const missing: number[] = []
  for (let n = ctx.chainNonce; n < record.nonce && missing.length < 20; n++) if (!held.has(n)) missing.push(n)
  return missing
}

/** What is wrong with a pending, failed or stuck transaction, and the one action that fixes it. */
// Over 80 lines: one ordered list of checks; the first that matches is the diagnosis, so the order is the rule.
export function diagnose(record: TxRecord, ctx: DiagnosisContext): Diagnosis | undefined {
  const api = readProof(record).api?.last
  const simError = (api?.simError ?? '').replace(/^SimError/, '')
  const failed = record.status === 'FAILED'
  if (record.status === 'REVERTED') {
    const reason = api?.revertReason ? clean(api.revertReason) : undefined
    return {
      code: 'reverted',
      title: 'Reverted',
      text: `It was included${record.receipt ? ` in block ${record.receipt.blockNumber}` : ''} but reverted${reason ? `: ${reason}` : ''}. The fee was paid; nothing else changed.`,
    }
  }
  if (!failed && record.status !== 'PENDING' && record.status !== 'UNKNOWN') return undefined
  if (readProof(record).provisional) return undefined
  const wallet = failed ? walletAfterFailure : undefined
  const withWallet = (d: Diagnosis): Diagnosis => (wallet ? { ...d, wallet } : d)
  const fees = record.fees
  const native = ctx.native ?? { symbol: 'ETH', decimals: 18 }
  const until =
    record.maxBlockNumber !== undefined ? ` Protect keeps trying until block ${record.maxBlockNumber}.` : ''

  switch (simError) {
    case 'MaxFeePerGasTooLow':
      return withWallet({
        code: 'fee-too-low',
        title: 'Fee too low',
        text: `Its max fee${fees ? ` (${gwei(BigInt(fees.maxFeePerGas))})` : ''} is below the base fee${ctx.baseFee !== undefined ? ` (${gwei(ctx.baseFee)})` : ''}, so no block can include it.${failed ? '' : until}`,
        action: failed ? { kind: 'send-again' } : { kind: 'speed-up' },
      })
    case 'NonceTooHigh': {
      const missing = missingNonces(record, ctx)
      const first = missing?.[0]
      if (missing && first === undefined) {
        const earlier = ctx.records
          .filter(
            (r) =>
              sameAccount(r, record) && !isFinal(r.status) && (r.nonce ?? Infinity) < (record.nonce ?? 0),
          )
          .sort((a, b) => (a.nonce ?? 0) - (b.nonce ?? 0))[0]
        return withWallet({
          code: 'waiting-for-earlier',
          title: 'Waiting for an earlier transaction',
          text: `It has nonce ${record.nonce}; your transaction with nonce ${earlier?.nonce ?? '?'} must be included first.`,
          ...(earlier ? { action: { kind: 'show-record', id: earlier.id } } : {}),
        })
      }
      return withWallet({
        code: 'nonce-gap',
        title: 'A nonce is missing before it',
        text: missing
          ? `Nonce ${list(missing)} ${missing.length === 1 ? 'is' : 'are'} missing before this one (nonce ${record.nonce}): it cannot be included until ${missing.length === 1 ? 'it is' : 'they are'} used. Filling the gap sends 0 to yourself at that nonce.`
          : `An earlier nonce of this account is missing: it cannot be included until that nonce is used.`,
        ...(first !== undefined ? { action: { kind: 'fill-gap', nonce: first } } : {}),
      })
    }
    case 'NonceTooLow': {
      const by = ctx.records.find(
        (r) =>
          r.id !== record.id &&
          sameAccount(r, record) &&
          r.nonce === record.nonce &&
          (r.status === 'INCLUDED' || r.status === 'REVERTED'),
      )
      return withWallet({
        code: 'nonce-used',
        title: 'Its nonce is already used',
        text: by
          ? `Nonce ${record.nonce} was used by your ${by.kind === 'cancel' ? 'cancellation' : by.kind === 'speed-up' ? 'speed-up' : 'transaction'} ${by.hash ? `${by.hash.slice(0, 10)}…` : ''}${by.receipt ? ` in block ${by.receipt.blockNumber}` : ''}. This one can never be included.`
          : `Nonce ${record.nonce} was used by another transaction from this account (not sent from Hush). This one can never be included.`,
        ...(by ? { action: { kind: 'show-record', id: by.id } } : {}),
      })
    }
    case 'InsufficientFunds': {
      const need = fees ? BigInt(fees.gas) * BigInt(fees.maxFeePerGas) + carriedValue(record) : undefined
      const short =
        need !== undefined && ctx.balance !== undefined && need > ctx.balance ? need - ctx.balance : undefined
      const amount = (v: bigint) => `${formatAmount(v, native.decimals).display} ${native.symbol}`
      return withWallet({
        code: 'insufficient-funds',
        title: 'Not enough funds',
        text:
          need !== undefined && ctx.balance !== undefined
            ? `It can cost up to ${amount(need)} (amount plus gas × max fee) and the account holds ${amount(ctx.balance)}${short !== undefined ? `: ${amount(short)} short` : ''}.${failed ? '' : until}`
            : `The account cannot pay for the amount plus gas.${failed ? '' : until}`,
        action: { kind: 'copy-address' },
      })
    }
    case 'ExecutionReverted': {
      const reason = api?.revertReason ? clean(api.revertReason) : undefined
      return withWallet({
        code: 'reverts',
        title: 'It reverts',
        text: `Protect's simulation of it reverts${reason ? `: ${reason}` : ''}. Protect does not include reverting transactions.`,
      })
    }
    case 'OutOfGas': {
      const limit = fees ? BigInt(fees.gas) : undefined
      const gas = higherLimit(limit, ctx.gasNeeded)
      return withWallet({
        code: 'out-of-gas',
        title: 'Out of gas',
        text: `Its gas limit${limit !== undefined ? ` (${limit.toLocaleString('en-US')})` : ''} is too low for what it does${ctx.gasNeeded ? ` (it needs about ${ctx.gasNeeded.toLocaleString('en-US')})` : ''}.`,
        action: failed ? { kind: 'send-again', gas } : { kind: 'speed-up', gas },
      })
    }
    case 'InvalidChainId':
      return withWallet({
        code: 'wrong-chain',
        title: 'Signed for another chain',
        text: 'It was signed for a different chain than this one, so it can never be included here.',
        ...(failed ? { action: { kind: 'send-again' } } : {}),
      })
  }
  if (failed)
    return {
      code: 'failed',
      title: 'Not included',
      text: `Protect tried${record.maxBlockNumber !== undefined ? ` until block ${record.maxBlockNumber}` : ' for its whole block window'} and did not include it.`,
      wallet: walletAfterFailure,
      action: { kind: 'send-again' },
    }
  if (record.status === 'UNKNOWN')
    return {
      code: 'not-received',
      title: 'Protect never received it',
      text: 'Your wallet sent it somewhere other than Protect, or it was lost on the way. If it does not appear on chain, send it again.',
      action: { kind: 'send-again' },
    }
  if (ctx.now - record.createdAt > stuckAfterMs)
    return {
      code: 'stuck',
      title: 'Taking long',
      text: `Still pending after ${Math.round((ctx.now - record.createdAt) / 60_000)} minutes.${until} A higher fee makes it more attractive to builders.`,
      action: { kind: 'speed-up' },
    }
  return undefined
}

function carriedValue(record: TxRecord): bigint {
  const call = record.call
  if (call?.value !== undefined) return BigInt(call.value)
  return record.asset && !record.asset.address && record.amount !== undefined ? BigInt(record.amount) : 0n
}

/** 20% over what the call needs, or twice the old limit when the need is unknown. */
export function higherLimit(limit: bigint | undefined, needed: bigint | undefined): bigint | undefined {
  if (needed !== undefined) return (needed * 12n) / 10n + 1n
  return limit !== undefined ? limit * 2n : undefined
}
