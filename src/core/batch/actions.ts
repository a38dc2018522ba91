import { z } from 'zod'

/** Actions as the user typed them: strings, so a half-filled draft survives a reload unchanged. */
const id = z.string().min(1).max(64)
const text = z.string().max(10_000)

export const ethTransferSchema = z.object({ id, kind: z.literal('eth-transfer'), to: text, amount: text })
export const tokenTransferSchema = z.object({
  id,
  kind: z.literal('token-transfer'),
  token: text,
  to: text,
  amount: text,
})
export const tokenApprovalSchema = z.object({
  id,
  kind: z.literal('token-approval'),
  token: text,
  spender: text,
  amount: text,
  unlimited: z.boolean(),
  /** The explicit tick that an unlimited approval was meant. */
  unlimitedConfirmed: z.boolean(),
})
export const contractCallSchema = z.object({
  id,
  kind: z.literal('contract-call'),
  to: text,
  signature: text,
  args: z.array(text).max(32),
  value: text,
  /** The explicit tick for an approval inside the call that is unlimited, for all, or above the balance. */
  approvalConfirmed: z.boolean().optional(),
})

export const batchActionSchema = z.discriminatedUnion('kind', [
  ethTransferSchema,
  tokenTransferSchema,
  tokenApprovalSchema,
  contractCallSchema,
])
export type BatchAction = z.infer<typeof batchActionSchema>
export type BatchActionKind = BatchAction['kind']

export const batchDraftSchema = z.object({
  version: z.literal(1),
  actions: z.array(batchActionSchema).max(50),
})
export type BatchDraft = z.infer<typeof batchDraftSchema>

export const actionKindLabels: Record<BatchActionKind, string> = {
  'eth-transfer': 'ETH transfer',
  'token-transfer': 'Token transfer',
  'token-approval': 'Token approval',
  'contract-call': 'Contract call',
}

export function newActionId(): string {
  return globalThis.crypto.randomUUID()
}

export function emptyAction(kind: BatchActionKind, actionId = newActionId()): BatchAction {
  switch (kind) {
    case 'eth-transfer':
      return { id: actionId, kind, to: '', amount: '' }
    case 'token-transfer':
      return { id: actionId, kind, token: '', to: '', amount: '' }
    case 'token-approval':
      return {
        id: actionId,
        kind,
        token: '',
        spender: '',
        amount: '',
        unlimited: false,
        unlimitedConfirmed: false,
      }
    case 'contract-call':
      return { id: actionId, kind, to: '', signature: '', args: [], value: '' }
  }
}

/** List edits are pure so the page and the tests share them. */
export function moveAction(actions: BatchAction[], index: number, delta: -1 | 1): BatchAction[] {
  const target = index + delta
  if (index < 0 || target < 0 || index >= actions.length || target >= actions.length) return actions
  const next = [...actions]
  const [moved] = next.splice(index, 1)
  if (moved) next.splice(target, 0, moved)
  return next
}

export function duplicateAction(
  actions: BatchAction[],
  index: number,
  actionId = newActionId(),
): BatchAction[] {
  const original = actions[index]
  if (!original) return actions
  const next = [...actions]
  next.splice(index + 1, 0, { ...original, id: actionId })
  return next
}

export function removeAction(actions: BatchAction[], index: number): BatchAction[] {
  return actions.filter((_, i) => i !== index)
}
