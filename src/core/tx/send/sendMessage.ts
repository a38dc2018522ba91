import type { PipelineResult } from './pipeline'

/** The one sentence a send result shows the user (none when it was sent); callers never reword it. */
export function sendResultMessage(result: PipelineResult): string | undefined {
  return result.kind === 'sent' ? undefined : result.message
}
