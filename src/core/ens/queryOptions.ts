import type { Address, Client } from 'viem'
import { zeroAddress } from 'viem'
import { cachePolicy } from '../query/cachePolicy'
import { queryKeys } from '../query/keys'
import { lookupEnsName, lookupInlineEnsAvatar, resolveEnsAddress } from './ens'

const noClient = () => new Error('ENS needs Ethereum mainnet, which this deployment does not configure')

/** The address an ENS name points to (null: none set). */
export function ensAddressQueryOptions(client: Client | undefined, name: string, enabled = true) {
  return {
    queryKey: queryKeys.ensAddress(client?.chain?.id ?? 1, name),
    queryFn: () => (client ? resolveEnsAddress(client, name) : Promise.reject(noClient())),
    enabled: enabled && Boolean(client),
    ...cachePolicy.ens,
  }
}

/** The primary ENS name of an address (null: none). */
export function ensNameQueryOptions(client: Client | undefined, address: Address | undefined) {
  return {
    queryKey: queryKeys.ensName(client?.chain?.id ?? 1, address ?? zeroAddress),
    queryFn: () => (client && address ? lookupEnsName(client, address) : Promise.reject(noClient())),
    enabled: Boolean(client && address),
    ...cachePolicy.ens,
  }
}

/** The avatar of an ENS name when it is an inline `data:` image (null otherwise: never fetched). */
export function ensAvatarQueryOptions(client: Client | undefined, name: string | null | undefined) {
  return {
    queryKey: queryKeys.ensAvatar(client?.chain?.id ?? 1, name ?? ''),
    queryFn: () => (client && name ? lookupInlineEnsAvatar(client, name) : Promise.reject(noClient())),
    enabled: Boolean(client && name),
    ...cachePolicy.ens,
  }
}
