import type { ChainConfig } from '../../core/config/schema'
import { manualSetupValues } from '../../core/protect/addToWallet'
import { CopyButton } from '../ui/CopyButton'

/** The exact values for the wallet's "add a network manually" form, each with a copy button. */
export function ManualSetupGuide({ chain, protectUrl }: { chain: ChainConfig; protectUrl: string }) {
  const values = manualSetupValues(chain, protectUrl)
  const rows: Array<[string, string | undefined]> = [
    ['Network name', values.networkName],
    ['RPC URL', values.rpcUrl],
    ['Chain ID', values.chainId],
    ['Currency symbol', values.symbol],
    ['Block explorer URL', values.explorer],
  ]
  return (
    <div className="protect-guide" data-testid="protect-manual-guide">
      <p>
        Add Protect by hand: in your wallet open the network settings for {chain.name}, add an RPC URL (or a
        network) with these values, and make it the default for this network. Then check again here.
      </p>
      <dl className="facts">
        {rows.map(([label, value]) =>
          value ? (
            <div key={label} className="protect-guide-row">
              <dt>{label}</dt>
              <dd>
                <code>{value}</code> <CopyButton text={value} label={`Copy ${label.toLowerCase()}`} />
              </dd>
            </div>
          ) : null,
        )}
      </dl>
      <p className="muted">
        Switching RPCs while a transaction is pending may make the wallet re-broadcast it publicly: wait until
        nothing is pending.
      </p>
    </div>
  )
}
