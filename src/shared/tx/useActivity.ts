import { useSyncExternalStore } from 'react'
import { recordStore, type TxRecord } from '../../core/tx/records/records'

/** Every record the app sent, newest first, re-rendering on each change. */
export function useActivity(): TxRecord[] {
  const store = recordStore()
  return useSyncExternalStore(
    (onChange) => store.subscribe(onChange),
    () => store.list(),
  )
}

export function useActivityRecord(id: string | undefined): TxRecord | undefined {
  return useActivity().find((r) => r.id === id)
}
