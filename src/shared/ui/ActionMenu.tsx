import { type KeyboardEvent, useEffect, useId, useRef, useState } from 'react'
import { Icon } from './Icon'

export type MenuItem = { label: string; onSelect: () => void; disabled?: boolean }

/**
 * A "more" (three dots) button that opens a short menu (the WAI-ARIA menu button pattern): Enter, Space or the arrows open it on
 * the first or last item, the arrows move, Home/End jump, Escape closes it and gives focus back to the button,
 * Tab or a click elsewhere closes it. Disabled items stay in the list (so the choices do not shift) but are
 * skipped.
 */
// Over 80 lines: the WAI-ARIA menu button pattern (open, move, close, focus return) is one keyboard model.
export function ActionMenu({ label, items }: { label: string; items: MenuItem[] }) {
  const [open, setOpen] = useState(false)
  const [active, setActive] = useState(0)
  const button = useRef<HTMLButtonElement>(null)
  const list = useRef<HTMLDivElement>(null)
  const id = useId()
  const enabled = items.flatMap((item, i) => (item.disabled ? [] : [i]))

  useEffect(() => {
    if (!open) return
    list.current?.querySelectorAll<HTMLElement>('[role="menuitem"]')[active]?.focus()
    const away = (e: PointerEvent) => {
      if (!list.current?.parentElement?.contains(e.target as Node)) setOpen(false)
    }
    document.addEventListener('pointerdown', away)
    return () => document.removeEventListener('pointerdown', away)
  }, [open, active])

  const openAt = (which: 'first' | 'last') => {
    if (enabled.length === 0) return
    setActive((which === 'first' ? enabled[0] : enabled.at(-1)) ?? 0)
    setOpen(true)
  }
  const close = () => {
    setOpen(false)
    button.current?.focus()
  }
  const step = (delta: 1 | -1) => {
    const at = enabled.indexOf(active)
    setActive(enabled[(at + delta + enabled.length) % enabled.length] ?? active)
  }
  const onButtonKey = (e: KeyboardEvent) => {
    // Enter and Space open it through the button's own click.
    if (e.key === 'ArrowDown') openAt('first')
    else if (e.key === 'ArrowUp') openAt('last')
    else return
    e.preventDefault()
  }
  const onMenuKey = (e: KeyboardEvent) => {
    if (e.key === 'Tab') return setOpen(false)
    if (e.key === 'Escape') close()
    else if (e.key === 'ArrowDown') step(1)
    else if (e.key === 'ArrowUp') step(-1)
    else if (e.key === 'Home') setActive(enabled[0] ?? 0)
    else if (e.key === 'End') setActive(enabled.at(-1) ?? 0)
    else return
    e.preventDefault()
  }
  const choose = (item: MenuItem) => {
    if (item.disabled) return
    close()
    item.onSelect()
  }

  return (
    <div className="action-menu">
      <button
        ref={button}
        type="button"
        className="action-menu-button"
        aria-label={label}
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? id : undefined}
        onKeyDown={onButtonKey}
        onClick={() => (open ? setOpen(false) : openAt('first'))}
      >
        <Icon name="more" />
      </button>
      {open && (
        <div
          ref={list}
          id={id}
          role="menu"
          aria-label={label}
          className="action-menu-list"
          onKeyDown={onMenuKey}
        >
          {items.map((item, i) => (
            <button
              key={item.label}
              type="button"
              role="menuitem"
              tabIndex={i === active ? 0 : -1}
              aria-disabled={item.disabled || undefined}
              onClick={() => choose(item)}
            >
              {item.label}
            </button>
          ))}
        </div>
      )}
    </div>
  )
}
