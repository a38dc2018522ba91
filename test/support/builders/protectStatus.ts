import type { ProtectStatus, ProtectStatusResult } from '../../../src/core/protect/status'

/** A Protect status API answer for unit tests: `status`, neutral defaults, and any field overridden by `extra`. */
export function protectStatusAnswer(
  status: ProtectStatus['status'],
  extra: Partial<ProtectStatus> = {},
): ProtectStatusResult {
  return {
    kind: 'ok',
    status: {
      status,
      hash: `0x${'ab'.repeat(32)}`,
      maxBlockNumber: 1,
      transaction: {},
      fastMode: true,
      seenInMempool: false,
      simError: '',
      revertReason: '',
      isRevert: false,
      ...extra,
    },
  }
}
