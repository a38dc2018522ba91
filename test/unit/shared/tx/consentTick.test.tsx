import { renderToStaticMarkup } from 'react-dom/server'
import { describe, expect, it } from 'vitest'
import { ConsentTick } from '../../../../src/shared/tx/ConsentTick'

const box = (shown: 'not-protected' | 'route-unknown' | 'unknown') => ({
  checked: false,
  shown,
  set: () => {},
})

describe('the one "send without protection" box (Send, record actions, diagnosis fixes)', () => {
  it('a wallet whose route Hush cannot see is asked in those words, not told it is unprotected', () => {
    const html = renderToStaticMarkup(<ConsentTick consent={box('route-unknown')} what="this cancellation" />)
    expect(html).toContain('Send this cancellation although Hush cannot see where your wallet sends it')
    expect(html).not.toContain('without protection')
  })

  it('a wallet not on Protect gets the plain choice, naming what goes out', () => {
    const html = renderToStaticMarkup(<ConsentTick consent={box('not-protected')} what="this transaction" />)
    expect(html).toContain('Send this transaction without protection: it goes to the public mempool')
    expect(html).toContain('type="checkbox"')
  })
})
