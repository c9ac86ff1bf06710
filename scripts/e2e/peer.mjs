// One real WebTorrent client for the end-to-end test, talking WebRTC through the tracker under test only:
// no DHT, no local service discovery, no PEX, no web seeds, no NAT traversal, no other trackers.
//   node peer.mjs seed  FILE TRACKER_URL TORRENT_OUT   seeds FILE; writes the .torrent once announced
//   node peer.mjs leech TORRENT TRACKER_URL OUT_DIR     downloads the torrent into OUT_DIR
import fs from 'node:fs'
import wrtc from '@roamhq/wrtc'
import WebTorrent from 'webtorrent'

const [mode, input, trackerUrl, output] = process.argv.slice(2)
const started = Date.now()
const log = (msg) => console.log(`[${mode} +${((Date.now() - started) / 1000).toFixed(2)}s] ${msg}`)
const fail = (msg) => { console.error(`[${mode}] FAIL: ${msg}`); process.exit(1) }

const client = new WebTorrent({
  dht: false, lsd: false, utPex: false, natUpnp: false, natPmp: false, webSeeds: false,
  tracker: { wrtc }
})
client.on('error', (err) => fail(`client error: ${err.message || err}`))

function watch (torrent) {
  torrent.on('warning', (err) => log(`warning: ${err.message || err}`))
  torrent.on('error', (err) => fail(`torrent error: ${err.message || err}`))
  torrent.on('wire', (wire, addr) => log(`peer connected: ${addr || wire.remoteAddress || 'webrtc'} (type ${wire.type})`))
}

function onlyOurTracker (torrent) {
  const trackers = torrent.announce
  if (trackers.length !== 1 || trackers[0] !== trackerUrl) fail(`unexpected trackers ${JSON.stringify(trackers)}`)
}

if (mode === 'seed') {
  client.seed(input, { announce: [trackerUrl], name: 'payload.bin' }, (torrent) => {
    watch(torrent)
    onlyOurTracker(torrent)
    log(`seeding ${torrent.infoHash} (${torrent.length} bytes)`)
    let announced = false
    torrent.on('trackerAnnounce', () => {
      if (announced) return
      announced = true
      // Written only now: the leecher starts after the seeder's first announce was answered.
      fs.writeFileSync(output, torrent.torrentFile)
      log('first announce answered; torrent file written')
    })
  })
  // The driver kills the seeder when the test is over.
} else if (mode === 'leech') {
  const torrentFile = fs.readFileSync(input)
  client.add(torrentFile, { path: output }, (torrent) => {
    watch(torrent)
    onlyOurTracker(torrent)
    log(`downloading ${torrent.infoHash}`)
    torrent.on('done', () => {
      log(`done: ${torrent.downloaded} bytes from ${torrent.numPeers} peer(s)`)
      client.destroy(() => process.exit(0))
    })
  })
} else {
  fail('usage: peer.mjs seed|leech ...')
}
