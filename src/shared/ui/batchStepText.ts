import type { IconName } from './Icon'

/** Where one step of a batch stands, as the Batch page and the Activity entry of a batch show it. */
export type BatchStepView = 'waiting' | 'signing' | 'pending' | 'success' | 'failed' | 'skipped'

export const batchStepText: Record<BatchStepView, { icon: IconName; text: string }> = {
  waiting: { icon: 'circle', text: 'Not sent yet' },
  signing: { icon: 'pen', text: 'Confirm in your wallet…' },
  pending: { icon: 'clock', text: 'Sent, waiting for inclusion…' },
  success: { icon: 'check', text: 'Succeeded' },
  failed: { icon: 'cross', text: 'Failed' },
  skipped: { icon: 'dash', text: 'Not sent' },
}

export const isBatchStepView = (value: string): value is BatchStepView => value in batchStepText
