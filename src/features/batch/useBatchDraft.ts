import { useCallback, useState } from 'react'
import {
  type BatchAction,
  type BatchActionKind,
  batchDraftSchema,
  duplicateAction,
  emptyAction,
  moveAction,
  removeAction,
} from '../../core/batch/actions'
import { readStored, storageKeys, writeStored } from '../../core/storage/stored'

const emptyDraft = { version: 1 as const, actions: [] as BatchAction[] }

/** The batch being built, saved on every edit so it survives a reload. */
export function useBatchDraft() {
  const [actions, setActions] = useState<BatchAction[]>(
    () => readStored(storageKeys.batch, batchDraftSchema, emptyDraft).actions,
  )
  const commit = useCallback((update: (current: BatchAction[]) => BatchAction[]) => {
    setActions((current) => {
      const next = update(current)
      writeStored(storageKeys.batch, { version: 1, actions: next })
      return next
    })
  }, [])
  return {
    actions,
    add: (kind: BatchActionKind) => commit((a) => [...a, emptyAction(kind)]),
    update: (id: string, patch: Partial<BatchAction>) =>
      commit((a) => a.map((x) => (x.id === id ? ({ ...x, ...patch } as BatchAction) : x))),
    move: (index: number, delta: -1 | 1) => commit((a) => moveAction(a, index, delta)),
    duplicate: (index: number) => commit((a) => duplicateAction(a, index)),
    remove: (index: number) => commit((a) => removeAction(a, index)),
    clear: () => commit(() => []),
  }
}
