import { StrictMode } from 'react'
import { flushSync } from 'react-dom'
import { createRoot } from 'react-dom/client'
import { Boot, startOnce } from './Boot'
import { restoreFocus } from './focusHandoff'

/** React takes over the static shell of index.html (same markup, so nothing moves). */
export function render(root: HTMLElement) {
  startOnce().catch(() => undefined) // failures are shown by Boot
  const reactRoot = createRoot(root)
  // Synchronous, so focus can be handed from the static markup to React's at once.
  flushSync(() =>
    reactRoot.render(
      <StrictMode>
        <Boot />
      </StrictMode>,
    ),
  )
  restoreFocus()
}
