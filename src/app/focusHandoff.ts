/**
 * The shell is painted three times with the same markup (static HTML, Boot's frame, the app's Shell). Each swap
 * replaces the DOM nodes, which would drop keyboard focus to <body>. The last focused control is remembered by
 * a stable selector and focused again in the new markup after each swap.
 */
let lastFocused: string | null = null

function selectorFor(el: Element): string | null {
  if (el.id) return `#${CSS.escape(el.id)}`
  if (el.matches('.skip-link')) return '.skip-link'
  if (el.closest('.connect') && el.matches('button')) return '.connect button'
  const href = el.getAttribute('href')
  if (el.matches('header a') && href) return `header a[href="${CSS.escape(href)}"]`
  return null
}

export function trackFocus(): void {
  document.addEventListener('focusin', (event) => {
    if (event.target instanceof Element) lastFocused = selectorFor(event.target)
  })
}

/** After a swap: if focus fell to <body>, put it back on the equivalent control. */
export function restoreFocus(): void {
  if (!lastFocused || (document.activeElement && document.activeElement !== document.body)) return
  document.querySelector<HTMLElement>(lastFocused)?.focus()
}

/**
 * A press that spans a swap: the pointer went down on the old Connect button and up on the new one, so the
 * browser fires no click at all (the node it pressed is gone). Such a press is taken as a click on Connect.
 */
export function keepPressesAcrossSwaps(onConnectPress: () => void): void {
  let pressed: Element | null = null
  const connectButton = (target: EventTarget | null) =>
    target instanceof Element ? target.closest('.connect button') : null
  document.addEventListener(
    'pointerdown',
    (event) => {
      pressed = connectButton(event.target)
    },
    true,
  )
  document.addEventListener(
    'pointerup',
    (event) => {
      const before = pressed
      pressed = null
      if (!before || before.isConnected) return
      if (connectButton(event.target)?.textContent?.trim() === 'Connect Wallet') onConnectPress()
    },
    true,
  )
}
