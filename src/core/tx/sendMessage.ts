import { AccountBusyError } from '../errors/errors'
import type { SubmitResult } from './submit'

/** The one sentence a send result shows the user (none when it was sent); callers never reword it. */
export function sendResultMessage(result: SubmitResult): string | undefined {
  if (result.kind === 'sent') return undefined
  if (result.kind === 'busy') return new AccountBusyError().message
  return result.error.message
}
