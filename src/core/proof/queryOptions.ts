import { type Address, zeroAddress } from 'viem'
import { cachePolicy } from '../query/cachePolicy'
import { queryKeys } from '../query/keys'
import type { PlainCall } from './asked'
import type { TokenInfo } from './outcome'
import { type PreviewDeps, previewOutcome } from './preview'

/** The outcome preview of the exact calls from `from`, shown on the review before the wallet is asked. */
export function outcomePreviewQueryOptions(
  deps: PreviewDeps | undefined,
  params: {
    chainId: number | undefined
    from: Address | undefined
    calls: readonly PlainCall[] | undefined
    knownTokens: readonly TokenInfo[]
  },
) {
  const { chainId, from, calls } = params
  return {
    queryKey: queryKeys.outcomePreview(chainId ?? 0, from ?? zeroAddress, calls ?? []),
    queryFn: () => {
      if (!deps || !from || !calls?.length) throw new Error('nothing to preview')
      return previewOutcome(deps, { account: from, calls, knownTokens: params.knownTokens })
    },
    enabled: Boolean(deps && from && calls?.length),
    ...cachePolicy.outcomePreview,
  }
}
