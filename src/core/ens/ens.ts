import type { Address, Client } from 'viem'
import { getEnsAddress, getEnsName, getEnsText } from 'viem/actions'
import { mainnet } from 'viem/chains'
import { normalize } from 'viem/ens'

/** Our chains come from config.json without ENS contracts; on mainnet use viem's universal resolver. */
function resolverFor(client: Client): { universalResolverAddress?: Address } {
  if (client.chain?.contracts?.ensUniversalResolver) return {}
  return client.chain?.id === mainnet.id
    ? { universalResolverAddress: mainnet.contracts.ensUniversalResolver.address }
    : {}
}

export async function resolveEnsAddress(client: Client, name: string): Promise<Address | null> {
  return (await getEnsAddress(client, { name: normalize(name), ...resolverFor(client) })) ?? null
}

export async function lookupEnsName(client: Client, address: Address): Promise<string | null> {
  return (await getEnsName(client, { address, ...resolverFor(client) })) ?? null
}

/** Inline images only, and not huge: anything else would be fetched from the host it names. */
const dataImage = /^data:image\/(png|jpeg|gif|webp|avif|svg\+xml)[;,]/i
const maxDataUrlLength = 200_000

/** An avatar record we can show without a request: a `data:` image URL, or nothing. */
export function inlineAvatar(record: string | null | undefined): string | null {
  const value = record?.trim()
  return value && value.length <= maxDataUrlLength && dataImage.test(value) ? value : null
}

/**
 * The ENS avatar, but only when the record itself is a `data:` image. viem's getEnsAvatar would fetch an
 * https/IPFS/NFT avatar from its host (or a gateway), which reveals the user's IP address to that host; we read
 * the text record through our own RPC and show nothing for any other kind.
 */
export async function lookupInlineEnsAvatar(client: Client, name: string): Promise<string | null> {
  return inlineAvatar(
    await getEnsText(client, { name: normalize(name), key: 'avatar', ...resolverFor(client) }),
  )
}
