import { useQuery } from '@tanstack/react-query'
import type { Address } from 'viem'
import { usePublicClient } from 'wagmi'
import { findChain } from '../../core/config/chains'
import { feePresetsQueryOptions } from '../../core/fees/queryOptions'
import { accountStateQueryOptions } from '../../core/tx/fix/accountState'
import { type DiagnosisContext, diagnose } from '../../core/tx/fix/diagnosis'
import { withoutSpentAction } from '../../core/tx/fix/fixes'
import { isFinal, type TxRecord } from '../../core/tx/records/records'
import { useRuntimeConfig } from '../context/configContext'
import { useNow } from '../ui/useNow'
import { useActivity } from './useActivity'

/** Whether a record may need a diagnosis (sent and open, failed or reverted); others read nothing. */
export function mayNeedDiagnosis(record: TxRecord): boolean {
  return (
    Boolean(record.hash) &&
    record.kind !== 'batch' &&
    record.kind !== 'tracked' &&
    (!isFinal(record.status) || record.status === 'FAILED' || record.status === 'REVERTED')
  )
}

/**
 * The chain-side facts a diagnosis and the nonce check need (next nonce, balance, base fee at one block), read
 * through the app's read endpoints, never the wallet's RPC (Protect answers 1,000,000,001 there after a
 * failure). A failed read leaves them undefined: a diagnosis then names no figure.
 */
export function useDiagnosisContext(chainId: number, account: Address | undefined, enabled = true) {
  const config = useRuntimeConfig()
  const reader = usePublicClient({ chainId })
  const records = useActivity()
  const now = useNow(enabled, 15_000)
  const state = useQuery({
    ...accountStateQueryOptions(reader, chainId, account),
    enabled: enabled && Boolean(reader && account),
  })
  const native = findChain(config, chainId)?.nativeCurrency
  const ctx: DiagnosisContext = {
    records,
    now,
    ...(state.data
      ? {
          chainNonce: state.data.chainNonce,
          balance: state.data.balance,
          ...(state.data.baseFee !== undefined ? { baseFee: state.data.baseFee } : {}),
        }
      : {}),
    ...(native ? { native: { symbol: native.symbol, decimals: native.decimals } } : {}),
  }
  return { ctx, state, reader }
}

/** A record's diagnosis, with the fee presets a speed-up would use (so its button can name the fee). */
export function useDiagnosis(record: TxRecord) {
  const wanted = mayNeedDiagnosis(record)
  const { ctx, reader } = useDiagnosisContext(record.chainId, record.from as Address, wanted)
  const presets = useQuery({
    ...feePresetsQueryOptions(reader, record.chainId),
    enabled: wanted && Boolean(reader),
  })
  const found = wanted ? diagnose(record, ctx) : undefined
  return { diagnosis: found && withoutSpentAction(found, record, ctx.records), presets: presets.data }
}
