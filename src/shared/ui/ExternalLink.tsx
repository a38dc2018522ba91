import type { ReactNode } from 'react'
import { Icon } from './Icon'

/** A link that opens in a new tab without a referrer, marked with an icon and said in words for screen readers. */
export function ExternalLink({ href, children }: { href: string; children: ReactNode }) {
  return (
    <a href={href} target="_blank" rel="noreferrer noopener" className="external-link">
      {children}
      <Icon name="external" />
      <span className="visually-hidden"> (opens in a new tab)</span>
    </a>
  )
}
