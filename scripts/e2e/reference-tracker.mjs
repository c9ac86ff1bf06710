// The reference WebTorrent tracker (bittorrent-tracker's Server, the one webtorrent itself depends on),
// with only its WebSocket tracker on: no HTTP tracker, no UDP tracker, no stats page. It answers
// GET /health with 200 like our daemon, so scripts/e2e-webtorrent.sh can wait on it the same way.
// It proves the harness independently of our daemon:
//   E2E_TRACKER_CMD='node "$E2E_NPM/reference-tracker.mjs" $E2E_PORT' scripts/e2e-webtorrent.sh
//   node reference-tracker.mjs PORT [HOST]
import { Server } from 'bittorrent-tracker'

const port = Number(process.argv[2])
const host = process.argv[3] || '127.0.0.1'
if (!Number.isInteger(port) || port <= 0) {
  console.error('usage: node reference-tracker.mjs PORT [HOST]')
  process.exit(2)
}

const server = new Server({ http: false, udp: false, ws: true, stats: false, trustProxy: false })
// Registered before the server's own 404 handler, which it adds on the next tick.
server.http.on('request', (req, res) => {
  if (req.method === 'GET' && req.url === '/health') {
    res.statusCode = 200
    res.end('ok\n')
  }
})
server.on('error', (err) => { console.error(`reference-tracker: error: ${err.message}`); process.exit(1) })
server.on('warning', (err) => console.log(`reference-tracker: warning: ${err.message}`))
server.on('start', (addr) => console.log(`reference-tracker: started ${addr}`))
server.on('complete', (addr) => console.log(`reference-tracker: completed ${addr}`))
server.on('stop', (addr) => console.log(`reference-tracker: stopped ${addr}`))
server.listen(port, host, () => console.log(`reference-tracker: listening on ws://${host}:${port} (bittorrent-tracker, ws only)`))

for (const signal of ['SIGTERM', 'SIGINT']) {
  process.on(signal, () => server.close(() => process.exit(0)))
}
