/** The hosts of Flashbots Protect's RPC (mainnet and Sepolia), from the Protect docs. */
export const protectHosts = ['rpc.flashbots.net', 'rpc-sepolia.flashbots.net'] as const

/** Exact host only: "evilflashbots.net" or "rpc.flashbots.net.example" are not Protect. */
export function isProtectHost(url: string): boolean {
  if (!URL.canParse(url)) return false
  return (protectHosts as readonly string[]).includes(new URL(url).hostname)
}
