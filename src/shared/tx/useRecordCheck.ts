import { useQuery } from '@tanstack/react-query'
import { type Address, type Hex, TransactionNotFoundError } from 'viem'
import { usePublicClient } from 'wagmi'
import { findChain } from '../../core/config/chains'
import { fetchProtectStatus } from '../../core/protect/status'
import { queryKeys } from '../../core/query/keys'
import type { TxRecord } from '../../core/tx/records/records'
import { checkRecordOutsideStorage, type RecordCheck } from '../../core/tx/send/recordCheck'
import { useRuntimeConfig } from '../context/configContext'

/** Whether a stored record is known outside storage (chain or Protect) before an action is offered on it. */
export function useRecordCheck(
  record: TxRecord,
  account: Address | undefined,
  enabled: boolean,
): RecordCheck | undefined {
  const config = useRuntimeConfig()
  const reader = usePublicClient({ chainId: record.chainId })
  const statusUrl = findChain(config, record.chainId)?.protect?.statusUrl
  const query = useQuery({
    queryKey: queryKeys.recordCheck(
      record.chainId,
      account ?? (record.from as Address),
      record.id,
      record.hash ?? '',
      record.status,
    ),
    enabled: enabled && Boolean(reader && account),
    retry: false,
    staleTime: 60_000,
    queryFn: () =>
      checkRecordOutsideStorage(
        {
          getTransaction: (hash: Hex) =>
            (reader as NonNullable<typeof reader>).getTransaction({ hash }).then(
              (tx) => ({ from: tx.from, to: tx.to, value: tx.value, input: tx.input }),
              (error: unknown) => {
                if (error instanceof TransactionNotFoundError) return undefined
                throw error
              },
            ),
          ...(statusUrl ? { fetchStatus: (hash: Hex) => fetchProtectStatus(statusUrl, hash) } : {}),
        },
        record,
        account as Address,
      ),
  })
  return query.data
}
