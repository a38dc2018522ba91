import {
  useWalletProtection,
  walletProtectionKey,
  walletProtectionWords,
} from '../shared/protection/useWalletProtection'
import { Icon, type IconName } from '../shared/ui/Icon'

type Key = keyof typeof walletProtectionWords

/** The icon tells the states apart together with the words, never alone. */
const icons: Record<Key, IconName> = {
  'protected-current': 'lock',
  'protected-older': 'clock',
  'not-protected': 'warning',
  unknown: 'question',
  'route-unknown': 'question',
  'no-protect': 'ban',
  checking: 'circle',
  'no-wallet': 'dash',
}

const shortWords: Record<Key, string> = {
  'protected-current': 'Protected',
  'protected-older': 'Old settings',
  'not-protected': 'Not protected',
  unknown: 'Unknown',
  'route-unknown': 'Route unknown',
  'no-protect': 'No Protect',
  checking: 'Checking…',
  'no-wallet': 'No wallet',
}

/**
 * The wallet's protection on every page: Protected, Protected with old settings, Not protected, Unknown or
 * No Protect on this chain. It links to Settings, where the state is explained and fixed.
 */
export function ProtectionBadge() {
  const protection = useWalletProtection()
  if (protection.kind === 'no-wallet') return null
  const key = walletProtectionKey(protection)
  return (
    <a
      className={`protection-badge protection-badge-${key}`}
      href="#/settings"
      data-testid="protection-badge"
      data-state={key}
    >
      <Icon name={icons[key]} />
      <span className="visually-hidden">Wallet protection: </span>
      {/* A phone's header shows the short words, drawn by CSS from data-short (so the badge's text stays the full
          words); screen readers always hear the full ones. */}
      <span className="badge-long">{walletProtectionWords[key]}</span>
      <span className="badge-short" aria-hidden="true" data-short={shortWords[key]} />
    </a>
  )
}
