import { bumpedFees, type FeePresets } from '../../fees/presets'
import type { TxRecord } from '../records/records'
import type { DiagnosisAction } from './diagnosis'
import { gapFillerGas } from './fixes'

/**
 * The most the one fix of a diagnosis can cost in gas (gas limit × max fee), with the fees its send uses: a
 * speed-up 20% over the record's (or Fast), a send again 20% over the failed attempt's (or Normal), a gap filler
 * at Normal. Undefined for a fix that sends nothing, or when the record's gas limit is unknown.
 */
export function fixMaxCost(
  action: DiagnosisAction,
  record: Pick<TxRecord, 'fees'>,
  presets: FeePresets,
): bigint | undefined {
  const { fast, normal } = presets.presets
  const old = record.fees
    ? {
        maxFeePerGas: BigInt(record.fees.maxFeePerGas),
        maxPriorityFeePerGas: BigInt(record.fees.maxPriorityFeePerGas),
      }
    : undefined
  if (action.kind === 'fill-gap') return gapFillerGas * normal.maxFeePerGas
  if (action.kind !== 'speed-up' && action.kind !== 'send-again') return undefined
  const gas = action.gas ?? (record.fees ? BigInt(record.fees.gas) : undefined)
  if (gas === undefined) return undefined
  const fees =
    action.kind === 'speed-up' ? bumpedFees(old ?? fast, fast) : old ? bumpedFees(old, normal) : normal
  return gas * fees.maxFeePerGas
}
