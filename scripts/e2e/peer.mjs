// One real WebTorrent client for scripts/e2e-webtorrent.sh. It finds peers only through the tracker under
// test, over WebRTC (@roamhq/wrtc): no DHT, no local service discovery, no PEX, no web seeds, no uTP,
// no UPnP/NAT-PMP, and no tracker but the one given (checked, not assumed).
//   node peer.mjs seed  FILE    TRACKER_URL STATE_DIR [INFO_HASH]
//        seeds FILE; writes STATE_DIR/payload.torrent once its first announce is answered (fails if the
//        torrent's info hash is not INFO_HASH, when given)
//   node peer.mjs leech TORRENT TRACKER_URL OUT_DIR
//        downloads into OUT_DIR; writes OUT_DIR/announced once its first announce is answered and
//        OUT_DIR/result.json when done
//   node peer.mjs torrent FILE  TRACKER_URL STATE_DIR
//        only writes STATE_DIR/payload.torrent and payload.infohash, the torrent `seed` would make, without any network use
// With E2E_GO=FILE set, seed and leech load everything, write FILE.<mode>-ready, and wait until FILE
// exists before they start, so the driver can release both at the same instant.
// Every line it prints starts with [seed +T] or [leech +T] (seconds since start). With
// DEBUG=bittorrent-tracker:websocket-tracker every tracker message sent and received is printed too.
import fs from 'node:fs'
import path from 'node:path'
import wrtc from '@roamhq/wrtc'
import WebTorrent from 'webtorrent'

const [mode, input, trackerUrl, outDir, expectedInfoHash] = process.argv.slice(2)
const started = Date.now()
const secs = () => ((Date.now() - started) / 1000).toFixed(2)
const log = (msg) => console.log(`[${mode} +${secs()}s] ${msg}`)
const fail = (msg) => { console.log(`[${mode} +${secs()}s] FAIL: ${msg}`); process.exit(1) }

if (!['seed', 'leech', 'torrent'].includes(mode) || !input || !trackerUrl || !outDir) {
  fail('usage: peer.mjs seed FILE TRACKER_URL STATE_DIR [INFO_HASH] | leech TORRENT TRACKER_URL OUT_DIR' +
    ' | torrent FILE TRACKER_URL STATE_DIR')
}

function writeAtomically (file, data) {
  fs.writeFileSync(file + '.tmp', data)
  fs.renameSync(file + '.tmp', file)
}

const client = new WebTorrent({
  dht: false,
  lsd: false,
  utPex: false,
  utp: false,
  natUpnp: false,
  natPmp: false,
  webSeeds: false,
  // Only the WebRTC implementation: no client-wide default trackers (tracker.announce stays unset).
  // The `torrent` mode only hashes the file, so it has no tracker client at all.
  tracker: mode === 'torrent' ? false : { wrtc }
})
client.on('error', (err) => fail(`client error: ${err.message || err}`))

const wireTypes = []

// The barrier of E2E_GO: polled every 2 ms, so two clients released together start within a few ms.
if (process.env.E2E_GO && mode !== 'torrent') {
  writeAtomically(`${process.env.E2E_GO}.${mode}-ready`, String(process.pid))
  while (!fs.existsSync(process.env.E2E_GO)) await new Promise((resolve) => setTimeout(resolve, 2))
  log('released')
}

function watch (torrent) {
  onlyOurTracker(torrent)
  torrent.on('warning', (err) => log(`warning: ${err.message || err}`))
  torrent.on('error', (err) => fail(`torrent error: ${err.message || err}`))
  torrent.on('wire', (wire) => {
    wireTypes.push(wire.type)
    log(`peer connected over ${wire.type} (${torrent.numPeers} peer(s) now)`)
    // The tracker under test is the only way to find a peer, and it only brokers WebRTC.
    if (wire.type !== 'webrtc') fail(`a peer arrived over ${wire.type}, not through the WebSocket tracker`)
  })
  torrent.on('noPeers', (source) => log(`no peers yet (from ${source})`))
  const tracker = torrent.discovery && torrent.discovery.tracker
  if (tracker) {
    tracker.on('update', (data) => log(`tracker answered ${data.announce}: complete=${data.complete} incomplete=${data.incomplete}`))
  }
}

function onlyOurTracker (torrent) {
  const trackers = torrent.announce
  if (trackers.length !== 1 || trackers[0] !== trackerUrl) fail(`unexpected trackers ${JSON.stringify(trackers)}`)
  if (client.dht) fail('DHT is on')
}

// Same options in `torrent` and `seed`, so both make the same info hash.
const seedOpts = { announce: [trackerUrl], name: 'payload.bin' }

if (mode === 'torrent') {
  client.seed(input, seedOpts, (torrent) => {
    onlyOurTracker(torrent)
    writeAtomically(path.join(outDir, 'payload.infohash'), torrent.infoHash)
    writeAtomically(path.join(outDir, 'payload.torrent'), torrent.torrentFile)
    log(`torrent ${torrent.infoHash} written`)
    client.destroy(() => process.exit(0))
  })
} else if (mode === 'seed') {
  client.seed(input, seedOpts, (torrent) => {
    watch(torrent)
    log(`seeding ${torrent.infoHash} (${torrent.length} bytes, ${torrent.pieces.length} pieces)`)
    if (expectedInfoHash && torrent.infoHash !== expectedInfoHash) {
      fail(`seeding info hash ${torrent.infoHash}, but the leecher wants ${expectedInfoHash}`)
    }
    torrent.once('trackerAnnounce', () => {
      // Written only now: the leecher starts after the seeder's first announce was answered, so the
      // two never send crossing offers at the same instant.
      writeAtomically(path.join(outDir, 'seed-announced'), torrent.infoHash)
      if (!expectedInfoHash) writeAtomically(path.join(outDir, 'payload.torrent'), torrent.torrentFile)
      log('first announce answered')
    })
    const report = setInterval(() => {
      writeAtomically(path.join(outDir, 'seed-status.json'),
        JSON.stringify({ uploaded: torrent.uploaded, numPeers: torrent.numPeers, wires: wireTypes.length, wireTypes }))
    }, 250)
    report.unref()
  })
  // Seeds until the driver stops it.
  for (const signal of ['SIGTERM', 'SIGINT']) process.on(signal, () => process.exit(0))
} else {
  const torrentFile = fs.readFileSync(input)
  const t0 = Date.now()
  let firstPeerMs = null
  client.add(torrentFile, { path: outDir }, (torrent) => {
    watch(torrent)
    log(`downloading ${torrent.infoHash} (${torrent.length} bytes)`)
    torrent.on('wire', () => { if (firstPeerMs === null) firstPeerMs = Date.now() - t0 })
    torrent.once('trackerAnnounce', () => {
      writeAtomically(path.join(outDir, 'announced'), torrent.infoHash)
      log('first announce answered')
    })
    let lastPct = -1
    torrent.on('download', () => {
      const pct = Math.floor(torrent.progress * 4) * 25
      if (pct > lastPct && pct < 100) { lastPct = pct; log(`progress ${pct}% (${torrent.downloaded} bytes)`) }
    })
    torrent.on('done', () => {
      const result = {
        infoHash: torrent.infoHash,
        downloaded: torrent.downloaded,
        length: torrent.length,
        numPeers: torrent.numPeers,
        wireTypes,
        firstPeerMs,
        downloadMs: Date.now() - t0
      }
      log(`done: ${torrent.downloaded} bytes from ${torrent.numPeers} peer(s) over ${[...new Set(wireTypes)].join(',')} in ${result.downloadMs} ms`)
      writeAtomically(path.join(outDir, 'result.json'), JSON.stringify(result))
      client.destroy(() => process.exit(0))
    })
  })
}
