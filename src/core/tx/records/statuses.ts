/** What tracking derives from the chain and the status API (its own file: the proof's schema names them too). */
export const txStatuses = [
  'PENDING',
  'INCLUDED',
  'REVERTED',
  'FAILED',
  'CANCELLED',
  'REPLACED',
  'UNKNOWN',
] as const
export type TxStatus = (typeof txStatuses)[number]
