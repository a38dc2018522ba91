/**
 * Runs inside the page (Playwright addInitScript): an EIP-1193 provider announced over EIP-6963 and, if asked,
 * as window.ethereum. Every request is forwarded to the Node-side TestWallet through an exposed binding.
 * Must stay self-contained: Playwright serialises this function's source.
 */
export type InjectedOptions = {
  rdns: string
  name: string
  icon: string
  bindingName: string
  asWindowEthereum: boolean
}

export function installInjectedWallet(opts: InjectedOptions): void {
  type Listener = (payload: unknown) => void
  const listeners = new Map<string, Set<Listener>>()
  const w = window as unknown as Record<string, unknown>
  const binding = w[opts.bindingName] as (request: string) => Promise<string>
  const provider = {
    isHushTestWallet: true,
    async request({ method, params }: { method: string; params?: unknown }) {
      const reply = JSON.parse(await binding(JSON.stringify({ method, params: params ?? [] }))) as {
        result?: unknown
        error?: { code: number; message: string; data?: unknown }
      }
      if (reply.error) {
        const error = new Error(reply.error.message) as Error & { code: number; data?: unknown }
        error.code = reply.error.code
        error.data = reply.error.data
        throw error
      }
      return reply.result
    },
    on(event: string, fn: Listener) {
      if (!listeners.has(event)) listeners.set(event, new Set())
      listeners.get(event)?.add(fn)
      return provider
    },
    removeListener(event: string, fn: Listener) {
      listeners.get(event)?.delete(fn)
      return provider
    },
  }
  w[`${opts.bindingName}Emit`] = (event: string, payload: unknown) => {
    for (const fn of listeners.get(event) ?? []) fn(payload)
  }
  if (opts.asWindowEthereum) w.ethereum = provider
  const info = Object.freeze({ uuid: crypto.randomUUID(), name: opts.name, icon: opts.icon, rdns: opts.rdns })
  const announce = () =>
    window.dispatchEvent(
      new CustomEvent('eip6963:announceProvider', { detail: Object.freeze({ info, provider }) }),
    )
  window.addEventListener('eip6963:requestProvider', announce)
  announce()
}
