import type { UseQueryResult } from '@tanstack/react-query'
import { useState } from 'react'
import { customInputFrom } from '../../core/fees/editor'
import type { CustomFeeInput, FeePresetName, FeePresets } from '../../core/fees/presets'
import type { FeeChoice } from './sendModel'
import { useFeePresets } from './useSendQueries'

export type FeeState = {
  presets: UseQueryResult<FeePresets>
  choice: FeeChoice
  choose: (choice: FeeChoice) => void
  custom: CustomFeeInput
  setCustom: (custom: CustomFeeInput) => void
  /** The preset the amount field keeps gas back for: the chosen one, or the one Custom started from. */
  basePreset: FeePresetName
}

/** The fee choice of one transfer. Custom starts from the preset chosen before it, never from empty fields. */
export function useFeeChoice(chainId: number): FeeState {
  const presets = useFeePresets(chainId)
  const [choice, setChoice] = useState<FeeChoice>('normal')
  const [basePreset, setBasePreset] = useState<FeePresetName>('normal')
  const [custom, setCustom] = useState<CustomFeeInput>({ maxFeeGwei: '', priorityFeeGwei: '' })
  const choose = (next: FeeChoice) => {
    if (next === choice) return
    if (next !== 'custom') {
      setBasePreset(next)
    } else {
      const from = presets.data?.presets[basePreset]
      if (!from) return // Custom is offered once the presets are known
      setCustom(customInputFrom(from))
    }
    setChoice(next)
  }
  return { presets, choice, choose, custom, setCustom, basePreset }
}
