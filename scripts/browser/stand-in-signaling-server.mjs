// TEST STAND-IN, not the product: a minimal signaling server for `scripts/browser-test.sh --stand-in`,
// so that the demo page and the browser test can be proven while the daemon does not yet serve `/` and
// `/ws`. It speaks only the happy path of the native /ws dialect (issue 8 section 2): IDENTIFY,
// JOIN_ROOM, LEAVE_ROOM, the three relays with fromPeerId stamped, PEER_LEFT_ROOM on close, ERROR 2201
// for an offline target, with the core's error codes (SignalingError). No limits, no strict JSON, no
// auth: the daemon is the real thing.
//
//   node stand-in-signaling-server.mjs PORT STATIC_DIR     (listens on 127.0.0.1 only)
import { createServer } from 'node:http'
import { readFile } from 'node:fs/promises'
import { join, extname } from 'node:path'
import { WebSocketServer } from 'ws'

const [port, staticDir] = [Number(process.argv[2]), process.argv[3]]
const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8' }

const http = createServer(async (req, res) => {
  const path = new URL(req.url, 'http://x').pathname
  if (path === '/health') return res.end('ok\n')
  const name = path === '/' ? 'index.html' : path.slice(1)
  if (!/^[a-z]+\.(html|js|css)$/.test(name)) { res.writeHead(404); return res.end('not found\n') }
  try {
    const body = await readFile(join(staticDir, name))
    res.writeHead(200, { 'content-type': TYPES[extname(name)] })
    res.end(body)
  } catch {
    res.writeHead(404); res.end('not found\n')
  }
})

const online = new Map() // username -> socket
const rooms = new Map() // roomId -> Set of usernames
const wss = new WebSocketServer({ noServer: true })
http.on('upgrade', (req, socket, head) => {
  if (new URL(req.url, 'http://x').pathname !== '/ws') return socket.destroy()
  wss.handleUpgrade(req, socket, head, ws => wss.emit('connection', ws))
})

const sendTo = (ws, message) => ws.send(JSON.stringify(message))

function leave (name, roomId) {
  const members = rooms.get(roomId)
  if (!members || !members.delete(name)) return
  if (members.size === 0) rooms.delete(roomId)
  for (const other of members) sendTo(online.get(other), { type: 'PEER_LEFT_ROOM', roomId, peerId: name })
}

wss.on('connection', ws => {
  let name = null
  ws.on('message', data => {
    let m
    try { m = JSON.parse(data) } catch { return sendTo(ws, { type: 'ERROR', code: 2600, message: 'invalid JSON' }) }
    if (m.type === 'IDENTIFY') {
      if (name) return sendTo(ws, { type: 'ERROR', code: 2611, message: 'already identified' })
      if (online.has(m.username)) return sendTo(ws, { type: 'AUTH_ERROR', status: 'error', message: 'Username already taken', code: 2610 })
      name = m.username
      online.set(name, ws)
      return sendTo(ws, { type: 'AUTH_SUCCESS', status: 'success', username: name })
    }
    if (!name) return sendTo(ws, { type: 'ERROR', code: 2120, message: 'not identified: send IDENTIFY first' })
    if (m.type === 'JOIN_ROOM') {
      const members = rooms.get(m.roomId) || new Set()
      rooms.set(m.roomId, members)
      sendTo(ws, { type: 'ROOM_MEMBERS', roomId: m.roomId, members: [...members] })
      for (const other of members) sendTo(online.get(other), { type: 'NEW_PEER_IN_ROOM', roomId: m.roomId, peerId: name })
      members.add(name)
    } else if (m.type === 'LEAVE_ROOM') {
      leave(name, m.roomId)
    } else if (['SDP_OFFER', 'SDP_ANSWER', 'ICE_CANDIDATE'].includes(m.type)) {
      const target = online.get(m.toPeerId)
      if (!target) return sendTo(ws, { type: 'ERROR', code: 2201, message: 'peer not online' })
      sendTo(target, { ...m, fromPeerId: name })
    } else {
      sendTo(ws, { type: 'ERROR', code: 2602, message: 'unknown type' })
    }
  })
  ws.on('close', () => {
    if (!name) return
    online.delete(name)
    for (const roomId of [...rooms.keys()]) leave(name, roomId)
  })
})

http.listen(port, '127.0.0.1', () => console.log(`stand-in signaling server on 127.0.0.1:${port}`))
