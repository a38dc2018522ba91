import { useSyncExternalStore } from 'react'
import { activityInUse, onActivityInUse } from '../../core/tx/records/presence'

/** True once this browser has Activity: the shell loads its tracking and notices only from then on. */
export function useActivityInUse(): boolean {
  return useSyncExternalStore(onActivityInUse, activityInUse)
}
