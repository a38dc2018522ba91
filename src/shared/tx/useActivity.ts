import { useSyncExternalStore } from 'react'
import { type ActivityRecord, activityStore } from '../../core/tx/records/records'

/** Every record the app sent, newest first, re-rendering on each change. */
export function useActivity(): ActivityRecord[] {
  const store = activityStore()
  return useSyncExternalStore(
    (onChange) => store.subscribe(onChange),
    () => store.list(),
  )
}

export function useActivityRecord(id: string | undefined): ActivityRecord | undefined {
  return useActivity().find((r) => r.id === id)
}
