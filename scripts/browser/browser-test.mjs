// The browser half of scripts/browser-test.sh: drives Debian's chromium (headless, through playwright-core)
// with two tabs of the demo page, alice then bob, in one room; waits for the peer-to-peer data channel on
// both sides, sends a chat message each way and waits for it on the other side; saves one PNG with both
// tabs side by side as they are then (or at a failure). Then bob leaves (alice must see him go) and tries
// alice's name, which must be refused on the page. Writes a JSON summary to RESULT_FILE; exits 0 only on
// success.
//
//   node browser-test.mjs BASE_URL SCREENSHOT.png RESULT_FILE TIMEOUT_SECONDS
import { chromium } from 'playwright-core'
import { writeFileSync } from 'node:fs'

const [base, shotPath, resultFile, limitSeconds] = process.argv.slice(2)
const t0 = Date.now()
const deadline = t0 + Number(limitSeconds) * 1000
const left = () => Math.max(1, deadline - Date.now())
const ms = () => Date.now() - t0
const say = text => console.log(`browser: ${(ms() / 1000).toFixed(2)}s ${text}`)
let doing = 'starting chromium' // what a failure interrupted, for the verdict
const now = what => { doing = what }

const tag = Math.random().toString(36).slice(2, 8)
const room = 'demo-' + tag
const times = {}
const result = { pass: false, room }
let browser
let pages = {}
let shots = null // [name, base64 PNG] of each tab, taken once the chat went both ways

try {
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    // Without it Chromium leaves the loopback interface out of ICE, and the namespace has nothing else.
    args: ['--allow-loopback-in-peer-connection'],
    timeout: left()
  })
  now('loading the page')
  result.chromium = browser.version()
  say(`chromium ${result.chromium} started`)
  const context = await browser.newContext({ viewport: { width: 640, height: 860 } })
  // With camera/microphone granted Chromium exposes plain host addresses (127.0.0.1) in its candidates;
  // without, it hides them behind mDNS names that nothing in the namespace can resolve.
  await context.grantPermissions(['camera', 'microphone'], { origin: base })

  for (const name of ['alice', 'bob']) {
    const page = await context.newPage()
    page.on('console', m => console.log(`  [${name}] console.${m.type()}: ${m.text()}`))
    page.on('pageerror', e => console.log(`  [${name}] page error: ${e.message}`))
    pages[name] = page
    const response = await page.goto(base + '/', { timeout: left() })
    if (!response || response.status() !== 200) {
      throw new Error(`GET ${base}/ answered ${response ? response.status() : 'nothing'}, not the demo page`)
    }
  }

  // alice first: bob, the newer member, learns of her from ROOM_MEMBERS and makes the offer.
  for (const name of ['alice', 'bob']) {
    const page = pages[name]
    now(`${name} joining room ${room}`)
    await page.fill('#username', name + '-' + tag)
    await page.fill('#room', room)
    await page.click('#connect')
    await page.waitForSelector('#state[data-state="ready"]', { timeout: left() })
    times[name + 'InRoomMs'] = ms()
    say(`${name} is in room ${room}`)
  }
  for (const [name, other] of [['alice', 'bob'], ['bob', 'alice']]) {
    now(`waiting for ${name}'s data channel to ${other}`)
    await pages[name].waitForSelector(`#peers li[data-peer="${other}-${tag}"][data-state="open"]`, { timeout: left() })
    say(`${name} has an open data channel to ${other}`)
  }
  times.channelsOpenMs = ms()

  for (const [from, to] of [['alice', 'bob'], ['bob', 'alice']]) {
    const text = `hello ${to}, this is ${from} (${tag})`
    now(`sending a chat message from ${from} to ${to}`)
    await pages[from].fill('#message', text)
    await pages[from].click('#send')
    await pages[to].waitForFunction(([sender, t]) => [...document.querySelectorAll('#chat li.them')]
      .some(li => li.dataset.from === sender && li.textContent === sender + ': ' + t),
    [`${from}-${tag}`, text], { timeout: left() })
    say(`${to} received "${text}" from ${from} over the data channel`)
  }
  times.chatDoneMs = ms()
  shots = await capture()

  // Which path the chat took: the selected ICE candidate pair of bob's connection (peers is the page's
  // top-level map, reachable from evaluate), so the verdict can say it went peer to peer.
  result.path = await pages.bob.evaluate(async () => {
    const peer = [...peers.values()][0]
    const stats = await peer.pc.getStats()
    let pair = null
    stats.forEach(s => { if (s.type === 'transport' && s.selectedCandidatePairId) pair = stats.get(s.selectedCandidatePairId) })
    if (!pair) stats.forEach(s => { if (s.type === 'candidate-pair' && s.state === 'succeeded' && s.nominated) pair = s })
    if (!pair) return null
    const end = id => { const c = stats.get(id); return `${c.candidateType} ${c.address}:${c.port}/${c.protocol}` }
    return { local: end(pair.localCandidateId), remote: end(pair.remoteCandidateId) }
  })
  const errors = await Promise.all(Object.values(pages).map(p => p.textContent('#error')))
  if (errors.some(e => e)) throw new Error('a page shows an error: ' + errors.filter(e => e).join('; '))

  now('bob leaving, alice seeing him go')
  // Leaving: the server tells alice (PEER_LEFT_ROOM), and her page drops bob.
  await pages.bob.click('#leave')
  await pages.bob.waitForSelector('#state[data-state="closed"]', { timeout: left() })
  await pages.alice.waitForSelector(`#peers li[data-peer="bob-${tag}"]`, { state: 'detached', timeout: left() })
  say('bob left; alice saw him go')
  now("bob trying alice's name")
  // A name in use: the page must show the server's refusal (AUTH_ERROR) plainly.
  await pages.bob.fill('#username', 'alice-' + tag)
  await pages.bob.click('#connect')
  await pages.bob.waitForFunction(() => /already taken/i.test(document.getElementById('error').textContent),
    null, { timeout: left() })
  await pages.bob.waitForSelector('#state[data-state="closed"]', { timeout: left() })
  result.refusal = await pages.bob.textContent('#error')
  say(`bob's tab, trying alice's name, shows: ${result.refusal}`)
  result.pass = true
} catch (e) {
  const late = Date.now() >= deadline ? ` (the browser's ${limitSeconds}s, what was left of BROWSER_TEST_TIMEOUT, ran out)` : ''
  result.error = `while ${doing}${late}: ` + String(e.message || e).split('\n')[0]
  for (const [name, page] of Object.entries(pages)) {
    const lines = await page.$$eval('#log li', lis => lis.map(li => li.textContent)).catch(() => [])
    console.log(`  [${name}] page log:\n` + lines.map(l => '    ' + l).join('\n'))
  }
} finally {
  result.times = times
  try {
    await screenshot()
    result.screenshot = shotPath
  } catch (e) {
    console.log('browser: no screenshot: ' + e.message)
  }
  writeFileSync(resultFile, JSON.stringify(result) + '\n')
  if (browser) await browser.close().catch(() => {})
}
process.exit(result.pass ? 0 : 1)

async function capture () {
  const taken = []
  for (const [name, page] of Object.entries(pages)) {
    taken.push([name, (await page.screenshot({ timeout: 10000 })).toString('base64')])
  }
  return taken
}

// Both tabs side by side in one PNG, each under its name.
async function screenshot () {
  if (!result.pass || !shots) shots = await capture()
  if (shots.length === 0) return
  const sheet = await pages.alice.context().newPage()
  await sheet.setViewportSize({ width: 640 * shots.length + 30, height: 900 })
  await sheet.setContent('<body style="margin:0;display:flex;gap:10px;padding:5px;background:#888;font:14px sans-serif">' +
    shots.map(([name, png]) => `<figure style="margin:0"><figcaption style="color:#fff">tab: ${name}</figcaption>` +
      `<img src="data:image/png;base64,${png}" style="display:block;border:1px solid #333"></figure>`).join('') + '</body>')
  await sheet.screenshot({ path: shotPath, fullPage: true, timeout: 10000 })
}
