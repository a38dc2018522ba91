import { useState } from 'react'
import { usePublicClient } from 'wagmi'
import { classifyError } from '../../core/errors/classify'
import { fetchFeePresets } from '../../core/fees/presets'
import type { ActivityRecord } from '../../core/tx/records'
import { cancelInput, resendInput, speedUpInput } from '../../core/tx/replace'
import { sendResultMessage } from '../../core/tx/sendMessage'
import type { SubmitInput } from '../../core/tx/submit'
import { useWalletSend } from './useWalletSend'

export type ReplaceAction = 'cancel' | 'speed-up' | 'resend'

/** Cancel / speed up / re-send for one record, through the same lifecycle as a first send. */
export function useReplaceActions(record: ActivityRecord) {
  const reader = usePublicClient({ chainId: record.chainId })
  const { ready, submit } = useWalletSend(record.chainId)
  const [busy, setBusy] = useState<ReplaceAction | undefined>()
  const [message, setMessage] = useState<string | undefined>()

  async function run(action: ReplaceAction) {
    if (!reader || busy) return
    setBusy(action)
    setMessage(undefined)
    try {
      const { presets } = await fetchFeePresets(reader)
      const current = action === 'speed-up' ? presets.fast : presets.normal
      const input: SubmitInput | undefined =
        action === 'cancel'
          ? cancelInput(record, current, record.protected)
          : action === 'speed-up'
            ? speedUpInput(record, current, record.protected)
            : resendInput(record, current, record.protected)
      if (!input) {
        setMessage('This transaction cannot be rebuilt from its record.')
        return
      }
      const result = await submit(input)
      if (result.kind !== 'sent') setMessage(sendResultMessage(result))
      else setMessage(action === 'resend' ? 'Sent again.' : undefined)
    } catch (error) {
      setMessage(classifyError(error).message)
    } finally {
      setBusy(undefined)
    }
  }
  return { ready, busy, message, run }
}
